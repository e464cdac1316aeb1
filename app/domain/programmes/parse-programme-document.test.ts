import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { organisationRegistrySchema } from "./organisation-names";
import { parseProgrammeDocument, type ParseOptions, type ParseResult } from "./parse-programme-document";
import { programmeDocumentSchema, type ActionDoc, type ProgrammeDocument } from "./programme-document";
import { programmeHintsSchema } from "./programme-hints";

const ROOT = join(import.meta.dirname, "../../..");
const SEED = readFileSync(
  join(ROOT, "data/sources/kennis-en-werk-071-uitvoeringsprogramma-2013-2015.txt"),
  "utf8",
);
const SLUG = "kennis-en-werk-071-2013-2015";
const OPTIONS: ParseOptions = {
  slug: SLUG,
  registry: organisationRegistrySchema.parse(
    JSON.parse(readFileSync(join(ROOT, "data/organisations.json"), "utf8")),
  ),
  hints: programmeHintsSchema.parse(
    JSON.parse(readFileSync(join(ROOT, `data/programmes/${SLUG}.hints.json`), "utf8")),
  ),
};

function parse(text: string = SEED): ParseResult {
  return parseProgrammeDocument(text, OPTIONS);
}

function parsed(text: string = SEED): {
  document: ProgrammeDocument;
  warnings: ReturnType<typeof warningsOf>;
} {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 2)}`);
  return { document: result.document, warnings: warningsOf(result) };
}

function warningsOf(result: ParseResult) {
  return result.ok ? result.warnings : [];
}

function errorsOf(text: string) {
  const result = parse(text);
  if (result.ok) throw new Error("expected the document to be refused");
  return result.errors;
}

const { document: doc } = parsed();

function action(n: number): ActionDoc {
  const found = doc.actions.find((a) => a.number === n);
  if (!found) throw new Error(`no action ${n}`);
  return found;
}

function slugs(refs: { organisation: string }[]): string[] {
  return refs.map((r) => r.organisation);
}

/** 1-based line number of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in text`);
  return index + 1;
}

/** Replaces the first line containing `needle` by `replace(line)`. */
function editLine(text: string, needle: string, replace: (line: string) => string): string {
  const lines = text.split("\n");
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in text`);
  lines[index] = replace(lines[index]!);
  return lines.join("\n");
}

const TITLES: Record<number, string> = {
  1: "Opschalen Leiden Kennisstad",
  2: "Opschalen Proeftuin Zorg & Welzijn",
  3: "Business case praktijk zorgdomein",
  4: "Matchmaking topspelers en regionale dienstverleners",
  5: "Rijksinstrumenten voor MKB promoten",
  6: "Opzetten biobased cluster",
  7: "Opzetten space cluster",
  8: "Verkenning zakelijke dienstverlening",
  9: "Verkenning impuls creatieve economie & cultuursector",
  10: "Inventarisatie onderwijsprogramma's voor ondernemerschap",
  11: "Ondernemerschap in onderwijscurricula MBO, HBO, WO",
  12: "Ondernemersprogramma voor primair en voortgezet onderwijs",
  13: "Informatiebrochure 'ondernemers als gastdocent'",
  14: "Netwerken",
  15: "Overzicht startersbegeleiding",
  16: "Onderzoek financieel klimaat",
  17: "Haalbaarheidsstudie bedrijfshuisvesting",
  18: "Opschaling Kantorenloods",
  19: "Onderzoek regioloeket",
  20: "Periodiek overleg",
  21: "Arbeidsmarktmonitor",
  22: "Instroom vergroten in tekortsectoren",
  23: "VMBO-MBO-HBO-Bedrijfsleven",
  24: "Uitval MBO voorkomen",
  25: "Impuls BBL/Stages/leerwerkplekken",
  26: "Leidse regio Werk-top",
  27: "Stroomlijnen werkgeversdienstverlening",
  28: "Regiovisie werklandschappen",
  29: "Ontwikkeling en beheer bedrijventerreinen met ondernemers",
  30: "Regiovisie detailhandel en kantoren",
  31: "Aanpassen ruimtelijk beleid",
  32: "Wegwijzer bedrijfslocaties",
  33: "Leidse agglomeratie bereikbaar (LAB071)",
  34: "Beter bereikbare werklocaties",
  35: "HOV-kennislijn",
  36: "(OV)-bereikbaarheid centrum Leiden vanuit de regio, stadassen en transferia",
  37: "Kaderstellende visie en business cases hotspots",
  38: "Doorontwikkelen economische hotspots",
  39: "Inventarisatie optimaliseren digitale bereikbaarheid",
  40: "Hotspots vrije WiFi binnensteden en BSP",
  41: "Hotspots vrije WiFi Ontmoetingsplekken regio",
  42: "Digitale topvoorzieningen werklocaties",
  43: "Enquête belemmeringen regelgeving",
  44: "Experiment regelvrije ontwikkeling nieuwe werklocaties",
  45: "Survey software vestigingsklimaat Leidse regio",
  46: "Digitale regiomarketing toolbox",
  47: "Regionale merknaam en beeldmerk",
  48: "Lobby provincie, Rijk en EU",
  49: "Aanbod productiemedewerkers",
  50: "Talentpool Leidse regio",
  51: "Regiomarketing voor studenten",
  52: "Bedrijven acquisitie",
  53: "Bedrijven acquisitie BSP",
  54: "Strategie internationale congressen",
  55: "Continuering Expat Centre Leiden",
  56: "Acquisitiestrategie zakelijke dienstverlening",
  57: "Stuurgroep Economische agenda",
  58: "Capaciteit in de eigen organisatie vrij maken",
  59: "Kwartiermaken uitvoeringsorganisatie: programmamanager Economische agenda en tripartiete coördinatiegroep",
  60: "Jaarprogramma en jaarverslag",
  61: "Economische monitor en nulmeting",
  62: "Aanjaagbudget",
};

describe("parseProgrammeDocument on Kennis & Werk #071", () => {
  it("produces a document that passes the schema", () => {
    expect(() => programmeDocumentSchema.parse(doc)).not.toThrow();
  });

  it("reads the front matter", () => {
    expect(doc.slug).toBe(SLUG);
    expect(doc.title).toBe("Kennis & Werk #071");
    expect(doc.subtitle).toBe("Uitvoeringsprogramma 2013-2015");
    expect(doc.language).toBe("nl");
    expect(doc.period).toEqual({ start: 2013, end: 2015 });
    expect(doc.adoptedOn).toBe("2013-10-14");
    expect(doc.adoptedBy).toBe("Stuurgroep Economische agenda");
    expect(doc.revisionIntervalYears).toBe(2);
    expect(doc.municipalities).toEqual([
      "gemeente-leiden",
      "gemeente-leiderdorp",
      "gemeente-oegstgeest",
      "gemeente-voorschoten",
      "gemeente-zoeterwoude",
    ]);
    expect(doc.coAuthors).toEqual([
      "koepel-leidse-regio",
      "hogeschool-leiden",
      "kamer-van-koophandel",
      "leids-universitair-medisch-centrum",
      "roc-leiden",
      "universiteit-leiden",
      "vno-ncw-rijnland",
    ]);
    for (const slug of doc.municipalities) {
      expect(doc.organisations.find((o) => o.slug === slug)?.kind).toBe("municipality");
    }
  });

  it("keeps the ambition and the introduction verbatim", () => {
    expect(doc.ambition).toBe(
      "De Leidse regio wil een duurzame plek zijn in de top van Europese kennisregio's met life sciences & health als sleutelsectoren en spin-off voor productie, midden- & klein bedrijf en dienstverlening in de regio zelf, in termen van nieuwe banen, omzetting en nieuwe markten.",
    );
    expect(doc.introduction.map((s) => s.heading)).toEqual([
      "Inleiding",
      "Ambitie Economische agenda",
      "Vijf thema's",
      "Doelstellingen, voornemens en acties",
      "Principes voor prioritering van acties",
      "Vier categorieën van acties",
      "Samenhang tussen acties",
    ]);
    const inleiding = doc.introduction[0]!.paragraphs;
    expect(inleiding).toHaveLength(1);
    expect(inleiding[0]).toMatch(
      /^De gemeenten Leiden, Oegstgeest, Leiderdorp, Voorschoten en Zoeterwoude hebben/,
    );
    expect(inleiding[0]).toMatch(/Elke twee jaar wordt het herzien door de gezamenlijke partners\.$/);
    // The section stays whole, lead-in included; `ambition` is the statement extracted from it.
    expect(doc.introduction[1]!.paragraphs).toEqual([
      "Alles begint met ambitie. Voor de Economische agenda van de Leidse regio hebben ondernemers, onderwijs- & kennisinstellingen en overheden hun ambitie als volgt geformuleerd:",
      doc.ambition,
    ]);
    expect(doc.introduction[2]!.paragraphs).toEqual([
      "In de Economische agenda is deze gezamenlijke ambitie vertaald in vijf met elkaar samenhangende thema's:",
      "1. Economische structuurversterking",
      "2. Ondernemerschap & starters",
      "3. Onderwijs & arbeidsmarkt",
      "4. Vestigingsklimaat, ruimte & mobiliteit",
      "5. Regiomarketing & acquisitie",
    ]);
    const categories = doc.introduction[5]!.paragraphs;
    expect(categories[1]).toBe(
      "- Categorie 1: laaghangend fruit, actie wordt uitgevoerd in 2013/2014 (vastgesteld door Stuurgroep op 18 juli jl.) - GROEN;",
    );
    expect(JSON.stringify(doc.introduction)).not.toContain("**");
  });

  it("reads the four categories with colours, labels and descriptions", () => {
    expect(doc.categories).toEqual([
      {
        code: 1,
        colour: "green",
        label: "Laaghangend fruit",
        description:
          "laaghangend fruit, actie wordt uitgevoerd in 2013/2014 (vastgesteld door Stuurgroep op 18 juli jl.)",
      },
      {
        code: 2,
        colour: "green",
        label: "Actie vraagt om geen of bescheiden budget",
        description:
          "actie vraagt om geen of bescheiden budget (wel capaciteit) of kan aanhaken op bestaand budget en beleid. Start met uitvoering in 2014",
      },
      {
        code: 3,
        colour: "orange",
        label: "Invulling van de actie wordt nader verkend",
        description: "invulling van de actie wordt nader verkend, er is nog geen budget en/of eigenaarschap",
      },
      {
        code: 4,
        colour: "red",
        label: "Nu onvoldoende prioriteit",
        description: "nu onvoldoende prioriteit, vallen af",
      },
    ]);
  });

  it("reads five themes with goal, intentions and participation", () => {
    expect(doc.themes.map((t) => [t.number, t.title])).toEqual([
      [1, "Economische structuurversterking"],
      [2, "Ondernemerschap & starters"],
      [3, "Onderwijs & arbeidsmarkt"],
      [4, "Vestigingsklimaat, ruimte & mobiliteit"],
      [5, "Regiomarketing & acquisitie"],
    ]);
    expect(doc.themes.map((t) => t.intentions.length)).toEqual([3, 4, 5, 6, 4]);
    const theme1 = doc.themes[0]!;
    expect(theme1.goal.split("\n\n")).toHaveLength(2);
    expect(theme1.goal).toMatch(/^De Leidse regio heeft een zeer uitgesproken economisch profiel/);
    expect(theme1.goal).toMatch(/haar sterke positie in de top van de Europese innovatieregio's behoudt\.$/);
    expect(theme1.intentionsIntro).toBe(
      "Om deze doelstelling te bereiken zijn drie voornemens geformuleerd:",
    );
    expect(theme1.intentions[0]).toEqual({
      code: "1.1",
      text: "Versterken van wat het sterkst is met de kennisintensieve life sciences & health & zorginnovatie als sleutelsectoren.",
    });
    expect(doc.themes[2]!.intentionsIntro).toBe(
      "Om doelstelling 3 te bereiken werken de partners van de Economische agenda de komende jaren samen aan vijf voornemens:",
    );
    // The list text is canonical, not the table's variant ("leerwerkplekken").
    expect(doc.themes[2]!.intentions[3]).toEqual({
      code: "3.4",
      text: "Voldoende stages en leer-werkplekken.",
    });
    expect(doc.themes[3]!.intentions[0]!.text).toBe(
      "Zorgen voor voldoende en complementair aanbod van werklandschappen en andere werklocaties binnen de regio.",
    );
    for (const theme of doc.themes) {
      if (theme.number !== 3) expect(theme.participation).toEqual([]);
    }
    expect(doc.themes[2]!.participation).toEqual([
      {
        municipality: "gemeente-voorschoten",
        status: "undecided",
        note: "Gemeente Voorschoten onderschrijft de voornemens uit deze paragraaf Onderwijs & Arbeidsmarkt inhoudelijk, maar heeft nog niet besloten of ze meedoet met de uitvoering van de acties van doelstelling 3 vanwege lopende discussies omtrent arbeidsmarktregio's.",
      },
    ]);
  });

  it("reads the organisation chapter and its groups", () => {
    expect(doc.organisationChapter).toEqual({
      number: 6,
      title: "Organisatie",
      groups: [
        "Sturing op de uitvoering",
        "Uitvoeringsorganisatie",
        "Programmering en monitoring",
        "Financiering",
      ],
    });
    const groups = doc.actions.filter((a) => a.themeNumber === null).map((a) => [a.number, a.group]);
    expect(groups).toEqual([
      [57, "Sturing op de uitvoering"],
      [58, "Sturing op de uitvoering"],
      [59, "Uitvoeringsorganisatie"],
      [60, "Programmering en monitoring"],
      [61, "Programmering en monitoring"],
      [62, "Financiering"],
    ]);
    for (const a of doc.actions.filter((x) => x.themeNumber === null)) expect(a.intentionCode).toBeNull();
    for (const a of doc.actions.filter((x) => x.themeNumber !== null)) expect(a.group).toBeNull();
  });

  it("reads exactly 62 actions, numbered 1 to 62", () => {
    expect(doc.actions.map((a) => a.number)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
  });

  it("counts actions per theme and chapter 6", () => {
    const perTheme = new Map<number | null, number>();
    for (const a of doc.actions) perTheme.set(a.themeNumber, (perTheme.get(a.themeNumber) ?? 0) + 1);
    expect(Object.fromEntries(perTheme)).toEqual({ 1: 9, 2: 10, 3: 8, 4: 18, 5: 11, null: 6 });
  });

  it("counts actions per category, overall and per theme", () => {
    const count = (filter: (a: ActionDoc) => boolean) => {
      const out: Record<number, number> = {};
      for (const a of doc.actions.filter(filter)) out[a.category!] = (out[a.category!] ?? 0) + 1;
      return out;
    };
    expect(count(() => true)).toEqual({ 1: 15, 2: 25, 3: 18, 4: 4 });
    expect(count((a) => a.themeNumber === 1)).toEqual({ 1: 2, 2: 5, 3: 2 });
    expect(count((a) => a.themeNumber === 2)).toEqual({ 1: 2, 2: 1, 3: 6, 4: 1 });
    expect(count((a) => a.themeNumber === 3)).toEqual({ 1: 1, 2: 6, 3: 1 });
    expect(count((a) => a.themeNumber === 4)).toEqual({ 1: 2, 2: 6, 3: 7, 4: 3 });
    expect(count((a) => a.themeNumber === 5)).toEqual({ 1: 2, 2: 7, 3: 2 });
    expect(count((a) => a.themeNumber === null)).toEqual({ 1: 6 });
  });

  it("separates every action's title from its description", () => {
    expect(Object.fromEntries(doc.actions.map((a) => [a.number, a.title]))).toEqual(TITLES);
    for (const a of doc.actions) {
      expect(a.description.startsWith(a.title)).toBe(false);
      expect(a.description).not.toMatch(/<\/?[a-z]+>/);
    }
  });

  it("starts the descriptions of the hard run-in titles at the right word", () => {
    const starts: Record<number, string> = {
      22: "Scholieren, studenten en werkzoekenden stimuleren",
      24: "Vroegtijdig schoolverlaten wordt voorkomen",
      25: "Initiatieven en instrumenten over vraag en aanbod",
      26: "Gemeenten organiseren een 'Leidse regio Werk-top'",
      33: "Opstellen en uitvoeren bereikbaarheidsagenda",
      34: "Uitwerken in het kader van LAB071:",
      43: "Regeldruk, onduidelijkheid in regelgeving",
      47: "Leiden Marketing bedenkt",
      51: "Universiteit Leiden, Hogeschool Leiden en de ROC's",
      52: "WFIA/ROM heeft de kerntaak",
      53: "Leiden Bio Science Park en WFIA zullen",
      58: "Stuurgroep leden spannen zich er voor in",
    };
    for (const [n, start] of Object.entries(starts))
      expect(action(Number(n)).description.startsWith(start)).toBe(true);
  });

  it("keeps paragraphs of <p> cells and drops notes from descriptions", () => {
    expect(action(17).description.split("\n\n")).toHaveLength(2);
    expect(action(57).description.split("\n\n")[1]).toBe(
      "De stuurgroep bewaakt de grote lijnen: visie, voornemens en de verbinding tussen de thema's.",
    );
    expect(action(22).description).toMatch(/welke tekortsectoren het betreft\.$/);
    for (const a of doc.actions) expect(a.description).not.toMatch(/\bN\.?\s?B\b/);
  });

  it("reads notes from the action cell and the lead cell", () => {
    expect(action(2).notes).toEqual(["Link met acties van doelstelling 5"]);
    expect(action(10).notes).toEqual([
      "Actie 10 is randvoorwaarde voor acties 11 en 12",
      "Uitvoering van acties die voortvloeien uit de inventarisatie gebeurt door de scholen zelf.",
    ]);
    expect(action(22).notes).toEqual([
      "Voor financiering gebruik maken van landelijke en Europese subsidies.",
    ]);
    expect(action(43).notes).toEqual(["Uitkristallisering van dit actiepunt n.a.v. rol KvK"]);
    expect(action(49).notes).toEqual([
      "Link met doelstelling 3 en koppeling met programma Leiden Kennisstad (ambacht)",
    ]);
  });

  it("reads links from the notes, stored on the citing action", () => {
    const targets = (n: number) => action(n).links.map((l) => [l.type, l.target]);
    expect(targets(2)).toEqual([["related", { theme: 5 }]]);
    expect(action(2).links[0]!.source).toBe("NB Link met acties van doelstelling 5");
    expect(targets(6)).toEqual([
      ["related", { action: 17 }],
      ["related", { theme: 5 }],
    ]);
    expect(targets(7)).toEqual(targets(6));
    expect(targets(10)).toEqual([
      ["prerequisiteFor", { action: 11 }],
      ["prerequisiteFor", { action: 12 }],
    ]);
    expect(action(10).links[0]!.source).toBe("N.B Actie 10 is randvoorwaarde voor acties 11 en 12");
    expect(targets(17)).toEqual([
      ["related", { action: 6 }],
      ["related", { action: 7 }],
    ]);
    expect(targets(20)).toEqual([21, 22, 23, 24, 25, 26, 27].map((n) => ["enables", { action: n }]));
    expect(action(20).links[0]!.source).toBe(
      "N.B. n.a.v. actie 20 wordt uitvoering gegeven aan acties 21 t/m 27.",
    );
    expect(targets(49)).toEqual([["related", { theme: 3 }]]);
    expect(targets(51)).toEqual([["related", { action: 46 }]]);
    const withLinks = doc.actions.filter((a) => a.links.length > 0).map((a) => a.number);
    expect(withLinks).toEqual([2, 6, 7, 10, 17, 20, 49, 51]);
  });

  it("keeps an intention for continued rows", () => {
    expect(action(1).intentionCode).toBe("1.1");
    expect(action(2).intentionCode).toBe("1.1");
    expect(action(3).intentionCode).toBe("1.1");
    expect(action(5).intentionCode).toBe("1.2");
    expect(action(8).intentionCode).toBe("1.3");
    expect(action(9).intentionCode).toBe("1.3");
    expect(action(13).intentionCode).toBe("2.1");
    expect(action(21).intentionCode).toBe("3.1");
    expect(action(41).intentionCode).toBe("4.4");
    expect(action(45).intentionCode).toBe("4.6");
    expect(action(56).intentionCode).toBe("5.4");
  });

  it("reads planning text verbatim", () => {
    for (const n of [13, 39, 42, 44]) expect(action(n).planningText).toBe("");
    expect(action(1).planningText).toBe("Start 4e kwartaal 2013");
    expect(action(3).planningText).toBe("Business case uitgewerkt: 2e kwartaal 2014");
    expect(action(7).planningText).toBe("Kickoff 4 november 2013\nUitvoering 2014-2015");
    expect(action(9).planningText).toBe(
      "Onderzoeksopzet: 1e kwartaal 2014\nOnderzoek gereed: 2e kwartaal 2014",
    );
    expect(action(14).planningText).toBe("Aanjagersol t/m begin 2014\nDaarna structureel");
    expect(action(35).planningText).toBe("2013-14");
  });

  it("reads categories and their remarks", () => {
    expect([action(21).category, action(21).categoryNote]).toEqual([
      2,
      "Aanhaken op arbeidsmonitor Regionaal Platform Arbeidsmarkt Rijn Gouwe of eigen monitor opzetten",
    ]);
    expect([action(22).category, action(22).categoryNote]).toEqual([
      2,
      "subsidie Techniekpact, Holland Rijnland",
    ]);
    expect([action(24).category, action(24).categoryNote]).toEqual([2, "taak onderwijs"]);
    expect(doc.actions.filter((a) => a.categoryNote !== null).map((a) => a.number)).toEqual([21, 22, 24]);
    expect(action(12).category).toBe(3);
  });

  it("reads intended results", () => {
    expect(action(4).intendedResults).toEqual([
      "Inzicht in toeleveranciers van bedrijven op BSP",
      "Succesvolle matches tussen MKB en grotere bedrijven",
    ]);
    expect(action(6).intendedResults).toEqual(["Allianties", "Lange termijn visie", "Uitvoeringsprogramma"]);
    expect(action(7).intendedResults).toEqual(action(6).intendedResults);
    expect(action(13).intendedResults).toEqual([
      "Informatiebrochure",
      "Positieve grondhouding ondernemers richting verzoeken onderwijs",
    ]);
    expect(action(54).intendedResults).toEqual([
      "Strategie congressen",
      "Matches tussen MKB en congresmarketeers",
    ]);
    expect(action(36).intendedResults).toEqual([
      "Succesvolle lobby voor prioriteiten kennisregio Agenda bereikbaarheid",
    ]);
    expect(action(42).intendedResults).toEqual(["Koploper regio qua digitale bereikbaarheid"]);
    expect(action(43).intendedResults).toEqual(["Overzicht van knelpunten + mogelijke interventies"]);
    expect(action(44).intendedResults).toEqual([
      "Twee pilots met lessen over do's en dont's bij ontwikkeling van tijdelijke functies",
    ]);
  });

  it("mends broken hyphenation but keeps real hyphens", () => {
    const all = JSON.stringify(doc);
    for (const broken of ["Tech-niekpact", "bereikbaar- heid", "knel- punten", "ontwik- keling"]) {
      expect(all).not.toContain(broken);
    }
    for (const real of [
      "VMBO-MBO-HBO-Bedrijfsleven",
      "Werk-top",
      "Wi-Fi",
      "Holland-Rijnland",
      "onderwijs- & kennisinstellingen",
      "Meld- en Coördinatiepunt",
    ]) {
      expect(all).toContain(real);
    }
  });

  it("reads leads, partners and parties to involve", () => {
    expect(action(1).leads).toEqual([
      { organisation: "universiteit-leiden", qualifier: null },
      { organisation: "gemeente-leiden", qualifier: null },
    ]);
    expect(slugs(action(1).partners)).toEqual(["hogeschool-leiden", "rocs", "regiogemeenten"]);
    expect(slugs(action(3).leads)).toEqual(["gemeente-leiden", "gemeente-leiderdorp"]);
    expect(slugs(action(3).partners)).toEqual([
      "vno-ncw-rijnland",
      "platform-voor-ondernemers-oegstgeest",
      "universiteit-leiden",
      "rijnland-zorggroep",
      "gemeente-oegstgeest",
      "zorg-zekerheid",
      "hogeschool-leiden",
      "rocs",
    ]);
    expect(action(10).leads).toEqual([{ organisation: "gemeente-leiden", qualifier: "inventarisatie" }]);
    expect(action(15).leads).toEqual([
      { organisation: "kamer-van-koophandel", qualifier: "tot eind 2013" },
      { organisation: "stichting-ondernemend-leiden", qualifier: null },
    ]);
    expect(slugs(action(15).partners)).toEqual(["cjb-rijnland", "universiteit-leiden"]);
    expect(action(16).leads).toEqual([
      { organisation: "regiogemeenten", qualifier: "onder leiding van gemeente Leiden" },
      { organisation: "gemeente-leiden", qualifier: null },
    ]);
    expect(slugs(action(17).partners)).toEqual(["regiogemeenten", "bedrijfsleven-rijnland"]);
    expect(slugs(action(24).leads)).toEqual(["rocs", "regionaal-meld-en-coordinatiepunt"]);
    expect(slugs(action(25).leads)).toEqual(["bv-leiden", "koepel-leidse-regio"]);
    expect(slugs(action(25).partners)).toEqual(["vno-ncw-rijnland", "hogeschool-leiden", "rocs"]);
    expect(slugs(action(25).toInvolve)).toEqual([
      "samenwerking-beroepsonderwijs-bedrijfsleven",
      "holland-space-cluster",
      "onderwijsinstellingen",
      "zorg-en-welzijninstellingen",
    ]);
    expect(action(27).leads).toEqual([{ organisation: "gemeente-leiden", qualifier: "werkbedrijf" }]);
    expect(slugs(action(27).partners)).toEqual([
      "dzb-leiden",
      "bv-leiden",
      "leids-universitair-medisch-centrum",
    ]);
    expect(action(27).toInvolve).toEqual([
      { organisation: "uwv", qualifier: null },
      { organisation: "holland-rijnland", qualifier: "project 3D, werkgroep werkgeversdienstverlening" },
      {
        organisation: "afstemmingsteam",
        qualifier: "UWV, sociale diensten en sociale werkvoorziening in Holland Rijnland",
      },
    ]);
    expect(slugs(action(32).leads)).toEqual(["regiogemeenten", "gemeente-leiden"]);
    expect(slugs(action(40).partners)).toEqual([
      "regiogemeenten",
      "stichting-wireless-cooperatieve-aanleg-en-beheer",
    ]);
    expect(slugs(action(43).leads)).toEqual(["regiogemeenten"]);
    expect(slugs(action(47).partners)).toEqual(["wfia-rom"]);
    expect(action(51).partners).toEqual([{ organisation: "leiden-marketing", qualifier: "kennistafel" }]);
    expect(slugs(action(53).leads)).toEqual(["bio-science-park-foundation", "wfia-rom"]);
    expect(slugs(action(57).leads)).toEqual(["stuurgroep-economische-agenda"]);
    expect(action(58).leads).toEqual([{ organisation: "stuurgroep-economische-agenda", qualifier: "leden" }]);
    expect(action(62).leads).toEqual([{ organisation: "gemeente-leiden", qualifier: "programmabeheer" }]);
  });

  it("marks unknown leads", () => {
    expect(doc.actions.filter((a) => a.leadUnknown).map((a) => a.number)).toEqual([17, 39, 42]);
    for (const n of [17, 39, 42]) expect(action(n).leads).toEqual([]);
  });

  it("merges spelling variants of organisations", () => {
    const users = (slug: string) =>
      doc.actions
        .filter((a) => [...a.leads, ...a.partners, ...a.toInvolve].some((r) => r.organisation === slug))
        .map((a) => a.number);
    expect(users("vno-ncw-rijnland")).toEqual(expect.arrayContaining([3, 4, 10, 14, 34]));
    expect(users("universiteit-leiden")).toEqual(expect.arrayContaining([1, 15, 46]));
    expect(users("gemeente-oegstgeest")).toEqual(expect.arrayContaining([3, 38]));
    expect(users("kamer-van-koophandel")).toEqual(expect.arrayContaining([4, 7, 15]));
    expect(users("bio-science-park-foundation")).toEqual(expect.arrayContaining([4, 6, 38, 46, 49, 53]));
    expect(users("rocs")).toEqual(expect.arrayContaining([1, 10, 12]));
    expect(users("lab071")).toEqual([33, 34, 35, 36]);
    expect(users("regiogemeenten")).toEqual(expect.arrayContaining([1, 5, 10, 18]));
    const slugsInDoc = doc.organisations.map((o) => o.slug);
    for (const unwanted of [
      "vno-ncw",
      "uvl",
      "kvk",
      "bsp-foundation",
      "roc-s",
      "lab-071",
      "proeftuin-zorg-welzijn",
      "zorg",
      "wfia",
      "rom",
    ]) {
      expect(slugsInDoc).not.toContain(unwanted);
    }
    const byslug = new Map(doc.organisations.map((o) => [o.slug, o]));
    expect(byslug.get("universiteit-leiden")?.aliases).toEqual(["Universiteit van Leiden", "UvL"]);
    expect(byslug.get("gemeente-oegstgeest")?.aliases).toContain("gemeente Oegstgees");
    expect(byslug.get("regiogemeenten")?.kind).toBe("municipality");
  });

  it("lists each referenced organisation once, sorted, with valid slugs", () => {
    const slugList = doc.organisations.map((o) => o.slug);
    expect(slugList).toEqual([...slugList].sort());
    expect(new Set(slugList).size).toBe(slugList.length);
    const referenced = new Set([
      ...doc.municipalities,
      ...doc.coAuthors,
      ...doc.actions.flatMap((a) => [...a.leads, ...a.partners, ...a.toInvolve].map((r) => r.organisation)),
      ...doc.themes.flatMap((t) => t.participation.map((p) => p.municipality)),
    ]);
    expect(new Set(slugList)).toEqual(referenced);
    for (const slug of slugList) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("imports nothing from the colophon or the photo captions", () => {
    const result = parse();
    const everything = JSON.stringify(result);
    for (const name of [
      "Jasmijn Bongers",
      "Lisanne Korteling",
      "Piet Minderhoud",
      "Gert Jan Hospers",
      "Tordoir",
      "RHDHV",
      "schrijfteam",
      "Bootverhuur",
      "Leidse Loper",
    ]) {
      expect(everything).not.toContain(name);
    }
  });

  it("warns about what it ignored or guessed, with line numbers", () => {
    const result = parse();
    const codes = warningsOf(result).map((w) => [w.line, w.code]);
    expect(codes).toEqual([
      [lineOf(SEED, "Regiogemeenten ROC 's"), "organisations-run-together"],
      [lineOf(SEED, "Regiogemeenten Bedrijfsleven Rijnland"), "organisations-run-together"],
      [lineOf(SEED, "Bootverhuur"), "line-ignored"],
      [lineOf(SEED, "Leidse Loper"), "line-ignored"],
      [lineOf(SEED, "Trekkers: Regiogemeenten Leiden"), "organisations-run-together"],
      [lineOf(SEED, "Uitkristallisering"), "lead-text-as-note"],
      [lineOf(SEED, "14 oktober 2013 datum"), "trailing-text-ignored"],
    ]);
  });

  it("gives the same result when parsed twice", () => {
    expect(parse()).toEqual(parse());
  });

  it("accepts CRLF line ends, a byte-order mark and trailing spaces", () => {
    const messy =
      "\uFEFF" +
      SEED.split("\n")
        .map((l) => `${l}  `)
        .join("\r\n");
    expect(parse(messy)).toEqual(parse());
  });

  it("matches the generated data/programmes JSON", () => {
    const file = JSON.parse(readFileSync(join(ROOT, `data/programmes/${SLUG}.json`), "utf8")) as unknown;
    expect(file).toEqual(programmeDocumentSchema.parse(doc));
  });
});

describe("parseProgrammeDocument refuses documents it cannot read", () => {
  it("refuses text that is not a programme document", () => {
    const errors = errorsOf("Notulen van de vergadering\n\nAanwezig: iedereen.\n");
    expect(errors).toEqual([expect.objectContaining({ line: 1, code: "not-a-programme-document" })]);
    expect(errorsOf("")).toEqual([expect.objectContaining({ line: 1, code: "empty-document" })]);
  });

  it("refuses a truncated file", () => {
    const lines = SEED.split("\n");
    const cut = lineOf(SEED, "22. Instroom vergroten in tekortsectoren");
    // Cut in the middle of the row of action 22.
    const truncated = [...lines.slice(0, cut - 1), lines[cut - 1]!.split("\t").slice(0, 3).join("\t")].join(
      "\n",
    );
    const errors = errorsOf(truncated);
    expect(errors).toContainEqual(
      expect.objectContaining({ line: cut, code: "row-column-count", params: { expected: 6, found: 3 } }),
    );
    for (const [chapter, title] of [
      [4, "Vestigingsklimaat, ruimte & mobiliteit"],
      [5, "Regiomarketing & acquisitie"],
      [6, "Organisatie"],
    ] as const) {
      expect(errors).toContainEqual(
        expect.objectContaining({
          line: lineOf(SEED, `${chapter}. ${title}\t`),
          code: "chapter-missing",
          params: { chapter, title },
        }),
      );
    }
  });

  it("refuses a row with 4 columns", () => {
    const broken = editLine(SEED, "5. Rijksinstrumenten voor MKB promoten", (l) =>
      l.split("\t").slice(0, 4).join("\t"),
    );
    const errors = errorsOf(broken);
    expect(errors).toEqual([
      expect.objectContaining({
        line: lineOf(SEED, "5. Rijksinstrumenten voor MKB promoten"),
        code: "row-column-count",
        params: { expected: 6, found: 4 },
      }),
    ]);
    expect(errors[0]!.message).toMatch(/4 columns; expected 6/);
  });

  it("refuses a duplicate action number", () => {
    const broken = editLine(SEED, "6. Opzetten biobased cluster", (l) =>
      l.replace("6. Opzetten", "5. Opzetten"),
    );
    const errors = errorsOf(broken);
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: lineOf(SEED, "6. Opzetten biobased cluster"),
        code: "action-number-duplicate",
        params: { number: 5, firstLine: lineOf(SEED, "5. Rijksinstrumenten") },
      }),
    );
  });

  it("refuses actions out of sequence", () => {
    const broken = editLine(SEED, "62. Aanjaagbudget", (l) =>
      l.replace("62. Aanjaagbudget", "64. Aanjaagbudget"),
    );
    expect(errorsOf(broken)).toEqual([
      expect.objectContaining({
        line: lineOf(SEED, "62. Aanjaagbudget"),
        code: "action-out-of-sequence",
        params: { expected: 62, found: 64 },
      }),
    ]);
  });

  it('refuses a non-numeric category ("x")', () => {
    const broken = editLine(SEED, "8. Verkenning zakelijke dienstverlening", (l) => {
      const cells = l.split("\t");
      cells[5] = "x";
      return cells.join("\t");
    });
    expect(errorsOf(broken)).toEqual([
      expect.objectContaining({
        line: lineOf(SEED, "8. Verkenning zakelijke dienstverlening"),
        code: "category-not-numeric",
        params: { value: "x" },
      }),
    ]);
  });

  it("refuses a category that does not exist", () => {
    const broken = editLine(SEED, "5. Rijksinstrumenten voor MKB promoten", (l) => l.replace(/\t3$/, "\t7"));
    expect(errorsOf(broken)).toEqual([
      expect.objectContaining({ line: lineOf(SEED, "5. Rijksinstrumenten"), code: "category-out-of-range" }),
    ]);
  });

  it("refuses a link to a non-existent action", () => {
    const broken = SEED.replace("Link met acties 6 en 7", "Link met acties 6 en 70");
    expect(errorsOf(broken)).toEqual([
      expect.objectContaining({
        line: lineOf(SEED, "17. Haalbaarheidsstudie bedrijfshuisvesting"),
        code: "link-target-missing",
        params: { number: 17, target: "action 70" },
      }),
    ]);
  });

  it("refuses an action without a number", () => {
    const broken = SEED.replace("<p>8. Verkenning zakelijke", "<p>Verkenning zakelijke");
    expect(errorsOf(broken)).toContainEqual(
      expect.objectContaining({
        line: lineOf(SEED, "8. Verkenning zakelijke"),
        code: "action-number-missing",
      }),
    );
  });

  it("refuses an intention that is not in the chapter's list", () => {
    const broken = SEED.replace(
      "4.4 - Optimaliseren digitale bereikbaarheid\t",
      "4.9 - Optimaliseren digitale bereikbaarheid\t",
    );
    expect(errorsOf(broken)).toContainEqual(
      expect.objectContaining({
        line: lineOf(SEED, "4.4 - Optimaliseren digitale bereikbaarheid\t"),
        code: "intention-unknown",
        params: { code: "4.9" },
      }),
    );
  });

  it("refuses a hint that does not match the text", () => {
    const result = parseProgrammeDocument(SEED, {
      ...OPTIONS,
      hints: { ...OPTIONS.hints, titleHints: { "47": "Regionale merknaam" + " en logo" } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        expect.objectContaining({
          line: lineOf(SEED, "47. Regionale merknaam"),
          code: "title-hint-mismatch",
        }),
      ]);
    }
  });
});

describe("parseProgrammeDocument without curated data", () => {
  it("still reads the seed, naming organisations it does not know", () => {
    const result = parseProgrammeDocument(SEED, { slug: SLUG });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.actions.map((a) => a.title)).toEqual(Object.values(TITLES));
    expect(result.warnings.some((w) => w.code === "organisation-not-in-registry")).toBe(true);
    // A one-letter slip in a known municipality's name is still recognised.
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: "organisation-spelling-corrected",
        params: { text: "gemeente Oegstgees", name: "Gemeente Oegstgeest" },
      }),
    );
    expect(() => programmeDocumentSchema.parse(result.document)).not.toThrow();
  });
});
