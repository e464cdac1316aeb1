import type { DecisionKind } from "./types";

/**
 * Re-importing a programme document can give actions another category, or add actions with one.
 * Such a change is not a decision of the steering group, but the category history and the "as of"
 * views read categories from decisions only; so the import records what it changed as a decision
 * of its own (source "import"), dated the day of the import, without a meeting. A first import of
 * a programme records nothing: its categories are those of the document (the document's own
 * decisions are seeded apart, see document-decisions.ts).
 */

/** One action whose category an import changes, or which it adds. */
export interface ImportCategoryChange {
  number: number;
  /** The category before the import; null for an action the import adds, or one without a category. */
  from: number | null;
  /** The category the document gives; null when it gives none. */
  to: number | null;
  /** Whether the import adds the action. */
  created: boolean;
}

export interface ImportDecision {
  decidedOn: string;
  kind: DecisionKind;
  status: "taken";
  title: string;
  text: string;
  actions: { number: number; from: number | null; to: number | null }[];
}

/**
 * What an import that changes categories or adds actions changes in category history: a decision
 * for all of it, or null when nothing changes. Texts are in the programme's language (Dutch unless
 * it is English), like the programme's other decisions.
 */
export function importDecision(input: {
  changes: readonly ImportCategoryChange[];
  /** The calendar date of the import. */
  decidedOn: string;
  /** The name of the imported file, when known (the name only, no folders). */
  file: string | null;
  /** The programme's language ("nl", "en"). */
  language: string;
}): ImportDecision | null {
  if (input.changes.length === 0) return null;
  const changes = [...input.changes].sort((a, b) => a.number - b.number);
  const english = input.language.toLowerCase().startsWith("en");
  const texts = english ? englishTexts : dutchTexts;
  const added = changes.filter((c) => c.created).map((c) => c.number);
  const moved = changes.filter((c) => !c.created && c.to !== null);
  const cleared = changes.filter((c) => !c.created && c.to === null);
  const paragraphs = [texts.intro(input.file, input.decidedOn), texts.notSteeringGroup];
  if (moved.length) paragraphs.push(texts.moved(moved.map((c) => `${c.number} (${c.from ?? "–"} → ${c.to})`).join(", ")));
  if (added.length) paragraphs.push(texts.added(added.join(", ")));
  if (cleared.length) paragraphs.push(texts.cleared(cleared.map((c) => `${c.number} (${c.from ?? "–"})`).join(", ")));
  return {
    decidedOn: input.decidedOn,
    kind: changes.some((c) => c.to !== null) ? "categories" : "general",
    status: "taken",
    title: texts.title(input.file),
    text: paragraphs.join("\n\n"),
    actions: changes.map((c) => ({ number: c.number, from: c.from, to: c.to })),
  };
}

const dutchTexts = {
  title: (file: string | null) => (file ? `Categorieën gewijzigd bij import van „${file}”` : "Categorieën gewijzigd bij import van het programmadocument"),
  intro: (file: string | null, date: string) =>
    file
      ? `Vastgelegd bij het importeren van het programmabestand „${file}” op ${date}.`
      : `Vastgelegd bij het importeren van het programmadocument op ${date}.`,
  notSteeringGroup:
    "Dit is geen besluit van de stuurgroep. Het bestand gaf acties een andere categorie of voegde acties toe; Regie legt dat vast zodat de categorie door de tijd en de stand op een datum overeenkomen met de huidige categorie.",
  moved: (list: string) => `Andere categorie: actie ${list}.`,
  added: (list: string) => `Nieuwe acties: ${list}.`,
  cleared: (list: string) => `Zonder categorie in het bestand (de vorige categorie staat tussen haakjes): actie ${list}.`,
};

const englishTexts: typeof dutchTexts = {
  title: (file) => (file ? `Categories changed by importing “${file}”` : "Categories changed by importing the programme document"),
  intro: (file, date) => (file ? `Recorded when the programme file “${file}” was imported on ${date}.` : `Recorded when the programme document was imported on ${date}.`),
  notSteeringGroup:
    "This is not a decision of the steering group. The file gave actions another category or added actions; Regie records that so that the category over time and the state on a date agree with the current category.",
  moved: (list) => `Another category: action ${list}.`,
  added: (list) => `New actions: ${list}.`,
  cleared: (list) => `Without a category in the file (the previous category in brackets): action ${list}.`,
};
