import { readOrganisationList } from "./organisation-list";
import { isBlank, type Line } from "./programme-lines";
import { capitaliseFirst, cleanText } from "./programme-text";
import { logNameIssues, type ReadContext } from "./read-context";

/** What the title pages say: title, subtitle, adoption, municipalities and co-authors. */
export interface FrontMatter {
  title: string;
  subtitle: string;
  adoptedOn: string | null;
  adoptedBy: string | null;
  /** Organisation slugs. */
  municipalities: string[];
  /** Organisation slugs. */
  coAuthors: string[];
}

const DUTCH_MONTHS = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];

/** "14 oktober 2013" → "2013-10-14"; null when not a Dutch date. */
export function dutchDate(text: string): string | null {
  const match = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u.exec(text.trim());
  if (!match) return null;
  const month = DUTCH_MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
  const day = Number(match[1]);
  if (month === 0 || day < 1 || day > 31) return null;
  return `${match[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "Leiden, Leiderdorp en Zoeterwoude" → place names. */
function placeList(text: string): string[] {
  return text
    .split(/\s*,\s*|\s+en\s+|\s+&\s+/)
    .map((p) => p.trim().replace(/[.;]$/, ""))
    .filter((p) => p.length > 0);
}

function addOnce(list: string[], slug: string): void {
  if (!list.includes(slug)) list.push(slug);
}

/**
 * Reads the title pages. The first line is the title and the first other unrecognised line the
 * subtitle; known lines are "Gemeenten …", "Met medewerking van: …", "Vastgesteld door … op <date>"
 * and a date on its own (the adoption date when no "Vastgesteld" line gives one). Repeats of the
 * title page are skipped.
 */
export function readFrontMatter(lines: readonly Line[], context: ReadContext): FrontMatter {
  const { log, reader, mendWords } = context;
  const front = lines.filter((l) => !isBlank(l));
  const result: FrontMatter = {
    title: front[0] ? cleanText(front[0].text, mendWords) : "",
    subtitle: "",
    adoptedOn: null,
    adoptedBy: null,
    municipalities: [],
    coAuthors: [],
  };
  if (result.title.length === 0)
    log.error(1, "title-missing", {}, "The document has no title on its first lines");
  let standaloneDate: string | null = null;

  for (const line of front.slice(1)) {
    const t = cleanText(line.text, mendWords);
    if (t === result.title || t === result.subtitle) continue;
    const adopted =
      /^vastgesteld\s+door\s+(?:de\s+|het\s+)?(.+?)\s+op\s+(\d{1,2}\s+\p{L}+\s+\d{4})\s*\.?$/iu.exec(t);
    const coop = /^met\s+medewerking\s+van\s*:?\s*(.+)$/i.exec(t);
    const gemeenten = /^gemeenten?\s+(.+)$/i.exec(t);
    if (adopted) {
      // Read as a name ("Stuurgroep Economische agenda"), so it starts with a capital.
      result.adoptedBy = capitaliseFirst(adopted[1]!);
      result.adoptedOn = dutchDate(adopted[2]!);
    } else if (coop) {
      const list = readOrganisationList(reader, coop[1]!);
      logNameIssues(context, line.no);
      for (const r of list.refs) addOnce(result.coAuthors, r.organisation);
    } else if (gemeenten) {
      for (const place of placeList(gemeenten[1]!)) {
        const list = readOrganisationList(reader, `gemeente ${place}`);
        logNameIssues(context, line.no);
        for (const r of list.refs) addOnce(result.municipalities, r.organisation);
      }
    } else if (dutchDate(t)) {
      standaloneDate ??= dutchDate(t);
    } else if (result.subtitle === "") {
      result.subtitle = t;
    } else {
      log.warn(line.no, "line-ignored", {}, `Front matter line ${line.no} was not recognised and is ignored`);
    }
  }
  result.adoptedOn ??= standaloneDate;
  if (result.municipalities.length === 0) {
    log.warn(1, "municipalities-missing", {}, 'No "Gemeenten …" line was found in the front matter');
  }
  return result;
}
