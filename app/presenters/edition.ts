import type { ActionLineageBody, EditionComparisonBody } from "../api/editions/schema";
import type { ActionLineage } from "../db/edition.repository";
import type { EditionComparison } from "../domain/editions/compare-editions";

export function presentActionLineage(l: ActionLineage): ActionLineageBody {
  const link = (x: ActionLineage["to"][number]) => ({
    number: x.number,
    title: x.title,
    programme: x.programmeSlug,
    period: x.period,
    kind: x.kind,
    reason: x.reason,
  });
  return { from: l.from.map(link), to: l.to.map(link) };
}

export function presentEditionComparison(before: string, after: string, c: EditionComparison): EditionComparisonBody {
  return {
    before,
    after,
    added: c.added,
    dropped: c.dropped,
    merged: c.merged,
    split: c.split,
    renumbered: c.renumbered,
    changed: c.changed,
    themesRenamed: c.themesRenamed,
  };
}
