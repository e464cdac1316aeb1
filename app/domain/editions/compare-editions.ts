import type { ProgrammeDocument } from "../programmes/programme-document";
import { wordDiff, type DiffPart } from "./word-diff";

/** A lineage row with both ends named by their action numbers. */
export interface NumberedLineage {
  from: number;
  to: number | null;
  kind: "continued" | "merged" | "split" | "dropped";
  reason: string | null;
}

export interface FieldChange {
  field: "title" | "description" | "planningText" | "intendedResults" | "notes" | "intentionCode" | "category" | "leads" | "partners";
  before: string;
  after: string;
  /** The changed words, for the text fields. */
  diff: DiffPart[] | null;
}

export interface EditionComparison {
  added: { number: number; title: string }[];
  dropped: { number: number; title: string; reason: string }[];
  merged: { number: number; title: string; into: number }[];
  split: { number: number; title: string; into: number[] }[];
  renumbered: { from: number; to: number }[];
  changed: { from: number; to: number; title: string; changes: FieldChange[] }[];
  themesRenamed: { number: number; before: string; after: string }[];
}

type DocAction = ProgrammeDocument["actions"][number];

const TEXT_FIELDS = ["title", "description", "planningText", "intendedResults", "notes"] as const;

/**
 * What differs between two editions, read from the lineage between them: which actions were added,
 * dropped, merged, split or renumbered, and for each continued action every field that changed.
 */
export function compareEditions(before: ProgrammeDocument, after: ProgrammeDocument, lineage: NumberedLineage[]): EditionComparison {
  const oldAction = new Map(before.actions.map((a) => [a.number, a]));
  const newAction = new Map(after.actions.map((a) => [a.number, a]));
  const title = (map: Map<number, DocAction>, n: number) => map.get(n)?.title ?? "";
  const reached = new Set(lineage.flatMap((l) => (l.to === null ? [] : [l.to])));
  const byNumber = (x: { number: number }, y: { number: number }) => x.number - y.number;
  const splits = new Map<number, number[]>();
  for (const l of lineage) if (l.kind === "split" && l.to !== null) splits.set(l.from, [...(splits.get(l.from) ?? []), l.to]);
  const continued = lineage.filter((l) => l.kind === "continued" && l.to !== null).sort((x, y) => x.from - y.from);
  return {
    added: after.actions.filter((a) => !reached.has(a.number)).map((a) => ({ number: a.number, title: a.title })),
    dropped: lineage
      .filter((l) => l.kind === "dropped")
      .map((l) => ({ number: l.from, title: title(oldAction, l.from), reason: l.reason ?? "" }))
      .sort(byNumber),
    merged: lineage
      .filter((l) => l.kind === "merged" && l.to !== null)
      .map((l) => ({ number: l.from, title: title(oldAction, l.from), into: l.to! }))
      .sort(byNumber),
    split: [...splits]
      .map(([number, into]) => ({ number, title: title(oldAction, number), into: into.sort((x, y) => x - y) }))
      .sort(byNumber),
    renumbered: continued.filter((l) => l.from !== l.to).map((l) => ({ from: l.from, to: l.to! })),
    changed: continued.flatMap((l) => {
      const a = oldAction.get(l.from);
      const b = newAction.get(l.to!);
      if (!a || !b) return [];
      const changes = fieldChanges(a, b);
      return changes.length ? [{ from: l.from, to: l.to!, title: b.title, changes }] : [];
    }),
    themesRenamed: before.themes.flatMap((t) => {
      const now = after.themes.find((x) => x.number === t.number);
      return now && now.title !== t.title ? [{ number: t.number, before: t.title, after: now.title }] : [];
    }),
  };
}

function fieldChanges(a: DocAction, b: DocAction): FieldChange[] {
  const out: FieldChange[] = [];
  const text = (v: string | string[]) => (Array.isArray(v) ? v.join("\n") : v);
  for (const field of TEXT_FIELDS) {
    const x = text(a[field]);
    const y = text(b[field]);
    if (x !== y) out.push({ field, before: x, after: y, diff: wordDiff(x, y) });
  }
  const plain = (field: FieldChange["field"], x: string, y: string) => {
    if (x !== y) out.push({ field, before: x, after: y, diff: null });
  };
  plain("intentionCode", a.intentionCode ?? "", b.intentionCode ?? "");
  plain("category", a.category === null ? "" : String(a.category), b.category === null ? "" : String(b.category));
  const orgs = (refs: DocAction["leads"]) => refs.map((r) => (r.qualifier ? `${r.organisation} (${r.qualifier})` : r.organisation)).join(", ");
  plain("leads", orgs(a.leads), orgs(b.leads));
  plain("partners", orgs(a.partners), orgs(b.partners));
  return out;
}
