import { searchIndexText } from "./dutch-search";
import { importDecision, type ImportCategoryChange, type ImportDecision } from "../decisions/import-decisions";
import { mergeQualifiers } from "../editing/organisation-changes";
import { parseMilestones, type Milestone } from "../progress/planning-milestones";
import { nameKey } from "./organisation-names";
import { planningYears } from "./planning-years";
import type { ActionDoc, OrganisationRef, ProgrammeDocument } from "./programme-document";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ProgrammeImportReport {
  programme: { slug: string; status: "created" | "updated" | "unchanged" };
  organisations: ImportCounts;
  themes: ImportCounts;
  actions: ImportCounts;
  /** Action numbers in the database that the document no longer holds; kept, never deleted by an import. */
  actionsNotInDocument: number[];
  /**
   * On a re-import: the actions whose category the document changes, or which it adds, by number.
   * They are recorded as one decision of source "import" (`decision`), so that category history and
   * "as of" views agree with the new categories. Empty on a first import and when nothing changes.
   */
  categoryChanges: ImportCategoryChange[];
  /** The decision recorded for `categoryChanges` (with `dryRun`: the one that would be); null when none. */
  decision: { id: number | null; decidedOn: string; title: string } | null;
  dryRun: boolean;
}

/** What full-text search indexes of an action: the stems of its title, and of its other texts. */
export interface ActionSearchIndex {
  title: string;
  body: string;
}

export function actionSearchIndex(a: Pick<ActionDoc, "title" | "description" | "intendedResults" | "notes">): ActionSearchIndex {
  return { title: searchIndexText(a.title), body: searchIndexText([a.description, ...a.intendedResults, ...a.notes].join("\n")) };
}

/** What an action's texts imply for the data kept beside them: search index, planning years, milestones. */
export interface ActionDerivations {
  search: ActionSearchIndex;
  /** The years the planning text names within the programme's period. */
  years: number[];
  /** The milestones read from the planning text (hand corrections are kept by the data layer). */
  milestones: Milestone[];
}

export function deriveAction(
  a: Pick<ActionDoc, "title" | "description" | "intendedResults" | "notes" | "planningText">,
  period: { start: number; end: number },
): ActionDerivations {
  return { search: actionSearchIndex(a), ...derivePlanning(a.planningText, period) };
}

/** An action's planning years and milestones, as a change of its planning text or of the period implies them. */
export function derivePlanning(planningText: string, period: { start: number; end: number }): Pick<ActionDerivations, "years" | "milestones"> {
  return { years: planningYears(planningText, period), milestones: parseMilestones(planningText, { period }).milestones };
}

/**
 * What the database holds that an import is matched against, read before anything is written:
 * organisations by slug, former slug and name key (with each one's keys), and, per action number,
 * the programme's current categories.
 */
export interface ImportBasis {
  programmeExists: boolean;
  organisationsBySlug: Record<string, number>;
  organisationsByFormerSlug: Record<string, number>;
  /** A name key and the (lowest) id of an organisation that has it as an alias. */
  organisationsByKey: Record<string, number>;
  /** The alias keys of every organisation named above. */
  aliasKeys: Record<number, string[]>;
  /** The category of each action the programme holds, by number. */
  categories: Record<number, number | null>;
}

/** Which organisation a row refers to: one that exists (by id), or one the import creates (by slug). */
export type OrganisationIdentity = { id: number } | { create: string };

export interface PlannedOrganisation {
  slug: string;
  identity: OrganisationIdentity;
  /** Set when the import creates the organisation. */
  create: { slug: string; name: string; kind: ProgrammeDocument["organisations"][number]["kind"] } | null;
  aliases: { alias: string; normalised: string }[];
  outcome: "created" | "updated" | "unchanged";
}

export interface PlannedAction extends ActionDoc, ActionDerivations {
  organisations: { role: string; organisation: OrganisationIdentity; qualifier: string | null; position: number }[];
}

/** A programme document made ready to write: every derived value computed, every organisation matched. */
export interface ProgrammeImportPlan {
  document: ProgrammeDocument;
  organisations: PlannedOrganisation[];
  programmeOrganisations: { role: string; organisation: OrganisationIdentity; position: number }[];
  participation: Map<number, { organisation: OrganisationIdentity; status: string; note: string | null }[]>;
  actions: PlannedAction[];
  /** On a re-import: the category changes and new actions, and the decision recording them; null otherwise. */
  decision: { changes: ImportCategoryChange[]; decision: ImportDecision } | null;
}

export const identityKey = (identity: OrganisationIdentity): string => ("id" in identity ? `id:${identity.id}` : `new:${identity.create}`);

/**
 * Plans an import: matches the document's organisations in the order it lists them (slug, then a
 * former slug, then any name or alias key, including those of organisations listed before it),
 * merges the references of two names that turn out to be one organisation, and derives each
 * action's search text, planning years and milestones.
 */
export function planProgrammeImport(doc: ProgrammeDocument, basis: ImportBasis, options: { today: string; file: string | null }): ProgrammeImportPlan {
  const byKey = new Map<string, OrganisationIdentity>(Object.entries(basis.organisationsByKey).map(([k, id]) => [k, { id }]));
  const keysOf = new Map<string, Set<string>>(Object.entries(basis.aliasKeys).map(([id, keys]) => [`id:${id}`, new Set(keys)]));
  const identities = new Map<string, OrganisationIdentity>();
  const organisations: PlannedOrganisation[] = [];
  for (const org of doc.organisations) {
    const names = [org.name, ...org.aliases];
    const keys = [...new Set(names.map(nameKey))];
    const existingId = basis.organisationsBySlug[org.slug] ?? basis.organisationsByFormerSlug[org.slug];
    const found: OrganisationIdentity | undefined =
      existingId !== undefined ? { id: existingId } : keys.map((k) => byKey.get(k)).find((i) => i !== undefined);
    const firstOfKey = (n: string, i: number) => names.findIndex((m) => nameKey(m) === nameKey(n)) === i;
    if (found) {
      const known = keysOf.get(identityKey(found)) ?? new Set<string>();
      const missing = names.filter((n, i) => !known.has(nameKey(n)) && firstOfKey(n, i));
      organisations.push({ slug: org.slug, identity: found, create: null, aliases: missing.map(alias), outcome: missing.length > 0 ? "updated" : "unchanged" });
      remember(found, missing);
    } else {
      const identity = { create: org.slug };
      const unique = names.filter(firstOfKey);
      organisations.push({ slug: org.slug, identity, create: { slug: org.slug, name: org.name, kind: org.kind }, aliases: unique.map(alias), outcome: "created" });
      remember(identity, unique);
    }
    identities.set(org.slug, organisations.at(-1)!.identity);
  }

  function remember(identity: OrganisationIdentity, added: string[]) {
    const key = identityKey(identity);
    const known = keysOf.get(key) ?? new Set<string>();
    for (const n of added) {
      known.add(nameKey(n));
      if (!byKey.has(nameKey(n))) byKey.set(nameKey(n), identity);
    }
    keysOf.set(key, known);
  }

  const identityOf = (slug: string): OrganisationIdentity => {
    const identity = identities.get(slug);
    if (!identity) throw new Error(`The document refers to organisation "${slug}", which it does not list.`);
    return identity;
  };

  // Two of the document's names may be one organisation here (merged in the app): one row each.
  const programmeOrganisations = [
    ...doc.municipalities.map((slug, position) => ({ role: "municipality", organisation: identityOf(slug), position })),
    ...doc.coAuthors.map((slug, position) => ({ role: "co-author", organisation: identityOf(slug), position })),
  ].filter((r, i, all) => all.findIndex((o) => o.role === r.role && identityKey(o.organisation) === identityKey(r.organisation)) === i);

  const participation = new Map(
    doc.themes.map((theme) => [
      theme.number,
      theme.participation
        .map((p) => ({ organisation: identityOf(p.municipality), status: p.status, note: p.note }))
        .filter((p, i, all) => all.findIndex((o) => identityKey(o.organisation) === identityKey(p.organisation)) === i),
    ]),
  );

  const actions = doc.actions.map((action): PlannedAction => ({
    ...action,
    ...deriveAction(action, doc.period),
    organisations: [...refRows("lead", action.leads), ...refRows("partner", action.partners), ...refRows("to-involve", action.toInvolve)],
  }));

  function refRows(role: string, refs: OrganisationRef[]) {
    const rows: PlannedAction["organisations"] = [];
    for (const r of refs) {
      const organisation = identityOf(r.organisation);
      // Two of the document's names may be one organisation here: one role, both remarks.
      const same = rows.find((x) => identityKey(x.organisation) === identityKey(organisation));
      if (same) same.qualifier = mergeQualifiers(same.qualifier, r.qualifier);
      else rows.push({ role, organisation, qualifier: r.qualifier, position: rows.length });
    }
    return rows;
  }

  // A first import takes the document's categories as they are; only a re-import changes them.
  let decision: ProgrammeImportPlan["decision"] = null;
  if (basis.programmeExists) {
    const changes: ImportCategoryChange[] = [];
    for (const action of doc.actions) {
      if (!(action.number in basis.categories)) changes.push({ number: action.number, from: null, to: action.category, created: true });
      else if (basis.categories[action.number] !== action.category) {
        changes.push({ number: action.number, from: basis.categories[action.number] ?? null, to: action.category, created: false });
      }
    }
    const d = importDecision({ changes, decidedOn: options.today, file: options.file, language: doc.language });
    if (d) decision = { changes, decision: d };
  }

  return { document: doc, organisations, programmeOrganisations, participation, actions, decision };
}

const alias = (name: string) => ({ alias: name, normalised: nameKey(name) });
