import { createHash } from "node:crypto";
import { actionChangesSchema, changeErrors, type ActionChanges } from "../actions/action-changes";
import { nameKey } from "../programmes/organisation-names";
import { booleanText, linkLine, organisationLine } from "./cells";
import { ROLE_FIELDS, type NamedRef, type WorkbookAction } from "./action-rows";
import { ACTION_COLUMNS } from "./layout";
import { errorAt, type SheetRows, type WorkbookError } from "./read-workbook";

/** An action as the programme holds it now, in its editable form. */
export type CurrentAction = ActionChanges & { number: number; category: number | null; version: number };

/** What the rows are checked against: the programme's actions, places and the organisation registry. */
export interface EditBasis {
  actions: CurrentAction[];
  /** Intention code → its theme's number. */
  intentions: Map<string, number>;
  themes: number[];
  groups: string[];
  organisations: { slug: string; name: string }[];
  /** The organisation a name, alias or slug stands for (compared by name key), if any. */
  resolve: (name: string) => string | undefined;
}

/** An organisation a row names that is not written exactly as an organisation's name. */
export interface OrganisationProposal {
  /** The name key: how the choice is posted back. */
  key: string;
  name: string;
  /** "matched": another spelling of a known organisation; "new": none is known, it will be created unless one is chosen. */
  status: "matched" | "new";
  match: { slug: string; name: string } | null;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** Slugs of organisations the import creates are written as this prefix and the name key. */
export const NEW_ORGANISATION = "new:";

export interface ActionEdit {
  number: number;
  title: string;
  /** The version the preview was made from: applying checks it still is. */
  version: number;
  fields: FieldChange[];
  patch: Partial<ActionChanges>;
}

export interface ActionCreate {
  number: number;
  title: string;
  changes: ActionChanges;
  fields: FieldChange[];
}

export interface EditPlan {
  edits: ActionEdit[];
  creates: ActionCreate[];
  organisations: OrganisationProposal[];
  unchanged: number;
  errors: WorkbookError[];
  /** Changes whenever the plan would: a preview is applied only while it is still the plan. */
  fingerprint: string;
}

const EDITABLE = [
  "title",
  "description",
  "notes",
  "intentionCode",
  "group",
  "leads",
  "partners",
  "toInvolve",
  "leadUnknown",
  "intendedResults",
  "planningText",
  "categoryNote",
  "links",
] as const satisfies readonly (keyof ActionChanges)[];

/** Both sides in one form, so that only real differences count: no group beside an intention, empty remarks as none. */
function normalise(a: ActionChanges): ActionChanges {
  const refs = (list: ActionChanges["leads"]) => list.map((r) => ({ organisation: r.organisation, qualifier: r.qualifier?.trim() ? r.qualifier.trim() : null }));
  // A carriage return comes back from a workbook as a line end: the same text.
  const lf = (t: string) => t.replace(/\r\n?/g, "\n");
  return {
    ...a,
    title: lf(a.title),
    description: lf(a.description),
    planningText: lf(a.planningText),
    group: a.intentionCode ? null : (a.group?.trim() ? a.group.trim() : null),
    categoryNote: a.categoryNote?.trim() ? a.categoryNote.trim() : null,
    leads: refs(a.leads),
    partners: refs(a.partners),
    toInvolve: refs(a.toInvolve),
    links: a.links.map((l) => ({ type: l.type, target: "action" in l.target ? { action: l.target.action } : { theme: l.target.theme } })),
  };
}

/**
 * Compares the actions sheet with the programme: per action, the fields that differ (one per edited
 * cell); actions with a number the programme does not have are new; organisations not written as a
 * known organisation's name are proposed as a match or as new. Rows that do not hold are errors, and
 * a plan with errors is never applied. Actions missing from the sheet are left as they are.
 */
export function planWorkbookEdits(sheet: SheetRows, rows: WorkbookAction[], basis: EditBasis, readErrors: WorkbookError[], language: string): EditPlan {
  const errors = [...readErrors];
  const current = new Map(basis.actions.map((a) => [a.number, a]));
  const exactNames = new Map(basis.organisations.map((o) => [o.name.trim(), o.slug]));
  const nameOfSlug = new Map(basis.organisations.map((o) => [o.slug, o.name]));
  const proposals = new Map<string, OrganisationProposal>();
  const numbers = new Set([...current.keys(), ...rows.map((r) => r.number)]);

  const identify = (ref: NamedRef): string => {
    const exact = exactNames.get(ref.name.trim());
    if (exact) return exact;
    const key = nameKey(ref.name);
    const found = basis.resolve(ref.name);
    if (!proposals.has(key)) {
      proposals.set(key, {
        key,
        name: ref.name.trim(),
        status: found ? "matched" : "new",
        match: found ? { slug: found, name: nameOfSlug.get(found) ?? found } : null,
      });
    }
    return found ?? `${NEW_ORGANISATION}${key}`;
  };
  const display = (slug: string) => (slug.startsWith(NEW_ORGANISATION) ? (proposals.get(slug.slice(NEW_ORGANISATION.length))?.name ?? slug) : (nameOfSlug.get(slug) ?? slug));

  const edits: ActionEdit[] = [];
  const creates: ActionCreate[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const row = { row: r.row, values: new Map() };
    const at = (key: string | null, message: string, params?: Record<string, string | number>) => errors.push(errorAt(sheet, row, key, message, params));
    const before = current.get(r.number);
    const next: ActionChanges = {
      title: r.title,
      description: r.description,
      notes: r.notes,
      intentionCode: r.intentionCode,
      group: r.intentionCode ? null : r.group,
      leads: r.leads.map((ref) => ({ organisation: identify(ref), qualifier: ref.qualifier })),
      partners: r.partners.map((ref) => ({ organisation: identify(ref), qualifier: ref.qualifier })),
      toInvolve: r.toInvolve.map((ref) => ({ organisation: identify(ref), qualifier: ref.qualifier })),
      leadUnknown: r.leadUnknown,
      intendedResults: r.intendedResults,
      planningText: r.planningText,
      categoryNote: r.categoryNote,
      links: r.links,
    };
    const errorCount = errors.length;
    // The schema checks lengths and counts; organisations are checked here by identity, not by slug.
    const shape = actionChangesSchema.safeParse({
      ...next,
      ...Object.fromEntries(ROLE_FIELDS.map((f) => [f, next[f].map((x) => ({ ...x, organisation: "x" }))])),
    });
    if (!shape.success) for (const [field, error] of Object.entries(changeErrors(shape.error))) at(ACTION_COLUMNS.some((c) => c.key === field) ? field : null, error.key, error.params);
    if (r.intentionCode) {
      const theme = basis.intentions.get(r.intentionCode);
      if (theme === undefined) at("intentionCode", "edit.intentionUnknown");
      else if (r.theme !== null && r.theme !== theme) at("theme", "workbook.themeMismatch", { theme, intention: r.intentionCode });
    } else if (r.group) {
      if (!basis.groups.includes(r.group)) at("group", "edit.groupUnknown");
      if (r.theme !== null) at("theme", "workbook.themeWithoutIntention");
    } else {
      at("intentionCode", "edit.placementRequired");
    }
    for (const field of ROLE_FIELDS) {
      const seen = new Set<string>();
      for (const ref of next[field]) {
        if (seen.has(ref.organisation)) at(field, "edit.duplicate", { param: display(ref.organisation) });
        seen.add(ref.organisation);
      }
    }
    if (next.leadUnknown && next.leads.length > 0) at("leadUnknown", "edit.leadUnknownWithLeads");
    for (const l of next.links) {
      if ("action" in l.target && (l.target.action === r.number || !numbers.has(l.target.action))) at("links", "edit.linkActionUnknown", { param: l.target.action });
      if ("theme" in l.target && !basis.themes.includes(l.target.theme)) at("links", "edit.linkThemeUnknown", { param: l.target.theme });
    }
    if (r.category !== (before?.category ?? null)) at("category", "workbook.categoryByDecision");
    if (errors.length > errorCount) continue;

    const after = normalise(next);
    const text = (field: (typeof EDITABLE)[number], a: ActionChanges) => fieldText(field, a, display, language);
    if (!before) {
      creates.push({ number: r.number, title: r.title, changes: after, fields: EDITABLE.map((f) => ({ field: f, before: "", after: text(f, after) })).filter((f) => f.after !== "") });
      continue;
    }
    const was = normalise(before);
    const changed = EDITABLE.filter((f) => JSON.stringify(was[f]) !== JSON.stringify(after[f]));
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    edits.push({
      number: r.number,
      title: before.title,
      version: before.version,
      fields: changed.map((f) => ({ field: f, before: text(f, was), after: text(f, after) })),
      patch: Object.fromEntries(changed.map((f) => [f, after[f]])),
    });
  }
  const organisations = [...proposals.values()];
  const fingerprint = createHash("sha256")
    .update(JSON.stringify({ edits, creates: creates.map((c) => [c.number, c.changes]), organisations }))
    .digest("hex")
    .slice(0, 32);
  return { edits, creates, organisations, unchanged, errors, fingerprint };
}

/** A field as its cell shows it, for the preview. */
function fieldText(field: (typeof EDITABLE)[number], a: ActionChanges, nameOf: (slug: string) => string, language: string): string {
  switch (field) {
    case "notes":
    case "intendedResults":
      return a[field].join("\n");
    case "leads":
    case "partners":
    case "toInvolve":
      return a[field].map((r) => organisationLine(nameOf(r.organisation), r.qualifier)).join("\n");
    case "leadUnknown":
      return booleanText(a.leadUnknown, language);
    case "links":
      return a.links.map((l) => linkLine(l, language)).join("\n");
    default:
      return a[field] ?? "";
  }
}

/** The organisations each proposal ends up as: the chosen existing one, or a new one to create. */
export type OrganisationChoices = Record<string, string>;

/**
 * Puts the chosen organisations in place of the proposals: a new name mapped to an existing
 * organisation by the person applying, or created. Returns the names to create by key.
 */
export function resolveChoices(plan: EditPlan, choices: OrganisationChoices, known: Set<string>): { plan: EditPlan; create: Map<string, string> } {
  const create = new Map<string, string>();
  const target = new Map<string, string>();
  for (const p of plan.organisations) {
    if (p.status !== "new") continue;
    const chosen = choices[p.key];
    if (chosen && chosen !== "new" && known.has(chosen)) target.set(`${NEW_ORGANISATION}${p.key}`, chosen);
    else create.set(p.key, p.name);
  }
  const swap = <T extends { organisation: string }>(refs: T[]) => refs.map((r) => ({ ...r, organisation: target.get(r.organisation) ?? r.organisation }));
  const fix = <T extends Partial<ActionChanges>>(c: T): T => {
    const out = { ...c };
    for (const f of ROLE_FIELDS) if (out[f]) out[f] = swap(out[f]);
    return out;
  };
  return {
    plan: { ...plan, edits: plan.edits.map((e) => ({ ...e, patch: fix(e.patch) })), creates: plan.creates.map((c) => ({ ...c, changes: fix(c.changes) })) },
    create,
  };
}
