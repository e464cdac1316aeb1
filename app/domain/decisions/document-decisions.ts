import type { DecisionKind, DecisionStatus } from "./types";

/**
 * The steering group's decisions that the default programme document itself records
 * (data/sources/kennis-en-werk-071-uitvoeringsprogramma-2013-2015.txt, "Vier categorieën van acties"
 * and the title page). Texts quote the document; what Regie adds says so.
 */

export const DOCUMENT_MEETING = {
  heldOn: "2013-10-14",
  title: "Stuurgroep Economische agenda",
  agenda: "Vaststelling van het uitvoeringsprogramma Kennis & Werk #071, Uitvoeringsprogramma 2013-2015.",
  minutes: [
    "Uit het programmadocument: het uitvoeringsprogramma is „Vastgesteld door de stuurgroep Economische agenda op 14 oktober 2013”.",
    "„De acties uit categorie 1 en 2 (GROEN) zijn goedgekeurd door de Stuurgroep op 14 oktober jl. en worden opgepakt door de betreffende partijen. Over de acties in de categorieën 3 en 4 wordt in 2014 besloten in samenhang met de programmabegroting en het jaarplan 2015.”",
    "De aanwezige organisaties zijn overgenomen van de titelpagina van het programma: de vijf gemeenten en de partijen die meewerkten. Een presentielijst staat niet in het document.",
  ].join("\n\n"),
} as const;

export interface SeedDecision {
  decidedOn: string;
  kind: DecisionKind;
  status: DecisionStatus;
  title: string;
  text: string;
  /** Whether the decision was taken at the document's meeting (14 October 2013). */
  atMeeting: boolean;
  actions: { number: number; from: number | null; to: number | null }[];
}

/** The document's decisions for a programme whose actions have these categories. */
export function documentDecisions(actions: readonly { number: number; category: number | null }[]): SeedDecision[] {
  const sorted = [...actions].sort((a, b) => a.number - b.number);
  const inCategory = (...codes: number[]) => sorted.filter((a) => a.category !== null && codes.includes(a.category));
  return [
    {
      decidedOn: "2013-07-18",
      kind: "categories",
      status: "taken",
      title: "Categorie 1 vastgesteld",
      text: [
        "Uit het programmadocument: „Categorie 1: laaghangend fruit, actie wordt uitgevoerd in 2013/2014 (vastgesteld door Stuurgroep op 18 juli jl.)”.",
        "De stuurgroep stelde op 18 juli 2013 vast welke acties tot categorie 1 (groen) behoren.",
      ].join("\n\n"),
      atMeeting: false,
      actions: inCategory(1).map((a) => ({ number: a.number, from: null, to: 1 })),
    },
    {
      decidedOn: "2013-10-14",
      kind: "adopt-programme",
      status: "taken",
      title: "Uitvoeringsprogramma 2013-2015 vastgesteld; acties in categorie 1 en 2 goedgekeurd",
      text: [
        "Uit het programmadocument: „Vastgesteld door de stuurgroep Economische agenda op 14 oktober 2013.”",
        "„De acties uit categorie 1 en 2 (GROEN) zijn goedgekeurd door de Stuurgroep op 14 oktober jl. en worden opgepakt door de betreffende partijen. Over de acties in de categorieën 3 en 4 wordt in 2014 besloten in samenhang met de programmabegroting en het jaarplan 2015.”",
        "De acties in categorie 3 (oranje) en 4 (rood) staan met deze categorie in het vastgestelde programma; die indeling is voorlopig, want over deze acties wordt in 2014 besloten.",
      ].join("\n\n"),
      atMeeting: true,
      actions: [
        // Category 1 was set on 18 July; this decision approves those actions without changing them.
        ...inCategory(1).map((a) => ({ number: a.number, from: a.category, to: null })),
        ...inCategory(2, 3, 4).map((a) => ({ number: a.number, from: null, to: a.category })),
      ].sort((a, b) => a.number - b.number),
    },
    {
      decidedOn: "2014-12-31",
      kind: "categories",
      status: "planned",
      title: "Besluit over acties in categorie 3 en 4",
      text: "Uit het programmadocument: „Over de acties in de categorieën 3 en 4 wordt in 2014 besloten in samenhang met de programmabegroting en het jaarplan 2015.”",
      atMeeting: false,
      actions: inCategory(3, 4).map((a) => ({ number: a.number, from: a.category, to: null })),
    },
  ];
}
