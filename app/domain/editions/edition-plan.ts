import type { ProgrammeDocument } from "../programmes/programme-document";
import { message, type FieldErrors } from "../../lib/errors";

/** What becomes of one action of the old edition in the next. Targets of a merge are old actions' ids. */
export type ActionChoice =
  | { kind: "continued"; number: number; intentionCode?: string | null }
  | { kind: "dropped"; reason: string }
  | { kind: "merged"; into: number }
  | { kind: "split"; parts: { number: number; title: string }[] };

export interface AddedAction {
  number: number;
  title: string;
  description: string;
  themeNumber: number;
  intentionCode: string | null;
}

export interface EditionChoices {
  slug: string;
  title: string;
  period: { start: number; end: number };
  /** Per old action id; an action left out continues under its own number. */
  actions: Record<number, ActionChoice>;
  added: AddedAction[];
  /** New titles of themes, by theme number. */
  themeTitles: Record<number, string>;
}

/** The old edition as the plan needs it: its document and its actions' ids by number. */
export interface OldEdition {
  programmeId: number;
  document: ProgrammeDocument;
  actionIds: Record<number, number>;
}

/** A lineage row before the new edition's action ids exist: the new action is named by its number. */
export interface PlannedLineage {
  fromId: number;
  toNumber: number | null;
  kind: "continued" | "merged" | "split" | "dropped";
  reason: string | null;
}

export type EditionPlan =
  | { status: "ok"; document: ProgrammeDocument; lineage: PlannedLineage[] }
  | { status: "invalid"; errors: FieldErrors };

/**
 * Plans the next edition from the old one and the programme manager's choices: the new programme
 * document (a copy with the choices applied, not adopted) and the lineage rows. `programmeOf` tells,
 * for each id a merge names, the programme it belongs to (undefined: no such action). Refuses a merge
 * into itself, a chain of merges that comes back to where it started, a merge target in another
 * programme or unknown, a merge into a dropped action, and two actions under one number.
 */
export function planEdition(
  old: OldEdition,
  choices: EditionChoices,
  programmeOf: (actionId: number) => number | undefined,
): EditionPlan {
  const errors: FieldErrors = {};
  const doc = old.document;
  const numberOfId = new Map(Object.entries(old.actionIds).map(([n, id]) => [id, Number(n)]));
  for (const key of Object.keys(choices.actions)) {
    const id = Number(key);
    if (!numberOfId.has(id)) errors[`actions.${key}`] = message(programmeOf(id) === undefined ? "editions.unknownAction" : "editions.otherProgramme", { param: key });
  }
  const choiceOf = (id: number): ActionChoice => {
    const number = numberOfId.get(id)!;
    return choices.actions[id] ?? { kind: "continued", number };
  };

  // Where a merged action ends up: follow the merges until an action that continues.
  const mergeTarget = (id: number): { id: number } | { error: string } => {
    const seen = new Set<number>([id]);
    let current = id;
    for (;;) {
      const c = choiceOf(current);
      if (c.kind !== "merged") return c.kind === "continued" ? { id: current } : { error: "editions.mergeIntoEnded" };
      if (c.into === id && current === id) return { error: "editions.mergeIntoItself" };
      if (!numberOfId.has(c.into)) return { error: programmeOf(c.into) === undefined ? "editions.unknownAction" : "editions.otherProgramme" };
      if (seen.has(c.into)) return { error: "editions.mergeCycle" };
      seen.add(c.into);
      current = c.into;
    }
  };

  const used = new Map<number, string>();
  const claim = (n: number, field: string) => {
    if (used.has(n)) errors[field] = message("editions.numberTaken", { param: n });
    else used.set(n, field);
  };
  const lineage: PlannedLineage[] = [];
  const actions: ProgrammeDocument["actions"] = [];
  const intentionCodes = new Set(doc.themes.flatMap((t) => t.intentions.map((i) => i.code)));
  const themeNumbers = new Set(doc.themes.map((t) => t.number));

  for (const action of doc.actions) {
    const id = old.actionIds[action.number];
    if (id === undefined) continue;
    const c = choiceOf(id);
    const field = `actions.${id}`;
    if (errors[field]) continue;
    if (c.kind === "continued") {
      claim(c.number, field);
      const intentionCode = c.intentionCode === undefined ? action.intentionCode : c.intentionCode;
      if (intentionCode !== null && !intentionCodes.has(intentionCode)) errors[field] = message("editions.unknownIntention", { param: intentionCode });
      const themeNumber = intentionCode === null ? action.themeNumber : Number(intentionCode.split(".")[0]);
      actions.push({ ...action, number: c.number, intentionCode, themeNumber });
      lineage.push({ fromId: id, toNumber: c.number, kind: "continued", reason: null });
    } else if (c.kind === "dropped") {
      if (c.reason.trim() === "") errors[field] = message("editions.reasonRequired", { param: action.number });
      lineage.push({ fromId: id, toNumber: null, kind: "dropped", reason: c.reason.trim() });
    } else if (c.kind === "merged") {
      const target = mergeTarget(id);
      if ("error" in target) {
        errors[field] = message(target.error, { param: action.number });
        continue;
      }
      const into = choiceOf(target.id) as Extract<ActionChoice, { kind: "continued" }>;
      lineage.push({ fromId: id, toNumber: into.number, kind: "merged", reason: null });
    } else {
      if (c.parts.length < 2) errors[field] = message("editions.splitNeedsParts", { param: action.number });
      for (const part of c.parts) {
        claim(part.number, field);
        actions.push({ ...action, number: part.number, title: part.title });
        lineage.push({ fromId: id, toNumber: part.number, kind: "split", reason: null });
      }
    }
  }
  choices.added.forEach((a, i) => {
    const field = `added.${i}`;
    claim(a.number, field);
    if (!themeNumbers.has(a.themeNumber)) errors[field] = message("editions.unknownTheme", { param: a.themeNumber });
    if (a.intentionCode !== null && !intentionCodes.has(a.intentionCode)) errors[field] = message("editions.unknownIntention", { param: a.intentionCode });
    actions.push({
      number: a.number,
      title: a.title,
      description: a.description,
      notes: [],
      themeNumber: a.themeNumber,
      intentionCode: a.intentionCode,
      group: null,
      leads: [],
      partners: [],
      toInvolve: [],
      leadUnknown: true,
      intendedResults: [],
      planningText: `${choices.period.start}-${choices.period.end}`,
      category: null,
      categoryNote: null,
      links: [],
    });
  });
  for (const n of Object.keys(choices.themeTitles)) {
    if (!themeNumbers.has(Number(n))) errors[`themes.${n}`] = message("editions.unknownTheme", { param: n });
  }
  if (choices.slug === doc.slug) errors.slug = message("editions.slugTaken", { param: choices.slug });
  if (choices.period.end < choices.period.start) errors.period = message("editions.periodInvalid");
  if (Object.keys(errors).length > 0) return { status: "invalid", errors };

  // A link to an action follows it to its new number; a link to an action that ended is left out.
  const newNumberOfOld = new Map<number, number>();
  for (const l of lineage) {
    const oldNumber = numberOfId.get(l.fromId)!;
    if (l.toNumber !== null && !newNumberOfOld.has(oldNumber)) newNumberOfOld.set(oldNumber, l.toNumber);
  }
  for (const a of actions) {
    a.links = a.links.flatMap((link) => {
      if (!("action" in link.target)) return [link];
      const to = newNumberOfOld.get(link.target.action);
      return to === undefined || to === a.number ? [] : [{ ...link, target: { action: to } }];
    });
  }
  actions.sort((a, b) => a.number - b.number);
  const document: ProgrammeDocument = {
    ...doc,
    slug: choices.slug,
    title: choices.title,
    period: choices.period,
    adoptedOn: null,
    adoptedBy: null,
    themes: doc.themes.map((t) => ({ ...t, title: choices.themeTitles[t.number] ?? t.title })),
    actions,
  };
  return { status: "ok", document, lineage };
}
