import type { ParseIssueCode } from "./parse-issues";
import type { OrganisationRef } from "./programme-document";
import { capitaliseFirst, readCell, type CellNote } from "./programme-text";
import {
  guessOrganisationKind,
  municipalityName,
  municipalityPlaceName,
  nameKey,
  tidyName,
  type KnownOrganisation,
  type OrganisationIndex,
} from "./organisation-names";

/**
 * Reads lists of organisations ("Trekkers: Universiteit Leiden en gemeente Leiden Partners: …")
 * into organisation references, merging spelling variants through the organisation index.
 */

/** Something the reader wants the reviewer to know; turned into a ParseIssue by the caller. */
export interface NameIssue {
  code: ParseIssueCode;
  params: Record<string, string | number>;
  message: string;
}

interface ResolvedItem {
  refs: OrganisationRef[];
  /** Text that is not an organisation, kept as a note on the action. */
  note: string | null;
}

interface Separated {
  text: string;
  /** Separator before this part (" en ", " & "), empty for the first. */
  before: string;
}

/** Splits on a separator pattern, ignoring separators inside parentheses. */
function splitOutsideParentheses(text: string, separator: RegExp): Separated[] {
  const parts: Separated[] = [];
  let depth = 0;
  let start = 0;
  let pendingBefore = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    separator.lastIndex = i;
    const match = separator.exec(text);
    if (match && match.index === i) {
      parts.push({ text: text.slice(start, i), before: pendingBefore });
      pendingBefore = match[0];
      start = i + match[0].length;
      i = start - 1;
    }
  }
  parts.push({ text: text.slice(start), before: pendingBefore });
  return parts.filter((p) => p.text.trim().length > 0);
}

const ACRONYM = /^[A-Z][A-Za-z0-9&'’-]{1,9}$/;

/** Initial capitals of the words of a name: "Regionaal Meld- en Coördinatiepunt" → "RMC". */
function initials(name: string): string {
  return name
    .split(/[\s/]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0]!)
    .join("");
}

/** "Platform Belangenbehartiging Ondernemersverenigingen (PBO)": the acronym spells the name. */
function acronymSpellsName(text: string): boolean {
  const match = /^(.*?)\s*\(([^()]+)\)$/.exec(text.trim());
  if (!match || !ACRONYM.test(match[2]!)) return false;
  return initials(match[1]!).toUpperCase() === match[2]!.replace(/[^A-Za-z]/g, "").toUpperCase();
}

const SENTENCE_WORDS =
  /(?:^|\s)(?:dit|deze|dat|wordt|worden|zal|zullen|is|zijn|n\.a\.v\.|t\.b\.v\.|i\.s\.m\.|nog|niet)(?=\s|$)/i;

/** True for text in a lead cell that is a remark rather than an organisation. */
function looksLikeRemark(text: string): boolean {
  return text.split(/\s+/).length >= 4 && SENTENCE_WORDS.test(text);
}

const LOWERCASE_WORDS = /^[\p{Ll}\d][\p{Ll}\d'’-]*(?:\s+[\p{Ll}\d][\p{Ll}\d'’-]*)*$/u;

/** Context shared by all reads of one document. */
export interface OrganisationReader {
  index: OrganisationIndex;
  issues: NameIssue[];
}

/** The organisation with this spelling; a bare place name counts only where `places` allows it. */
function known(reader: OrganisationReader, spelling: string, places = true): KnownOrganisation | undefined {
  const direct = reader.index.find(spelling);
  if (direct || !places) return direct;
  // A bare place name ("Leiden" in "Regiogemeenten Leiden") only when it names a municipality.
  return /^\p{Lu}\S*$/u.test(spelling.trim()) ? reader.index.findMunicipalityByPlace(spelling) : undefined;
}

/** True when two strings differ by at most one inserted, deleted or replaced character. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function ref(
  reader: OrganisationReader,
  org: KnownOrganisation,
  spelling: string,
  qualifier: string | null,
): OrganisationRef {
  reader.index.noteSpelling(org, spelling);
  return { organisation: org.slug, qualifier: qualifier && qualifier.length > 0 ? qualifier : null };
}

/** Resolves a name without a parenthetical: known, "gemeente X", qualifier words, run-together names, new. */
function resolveBareName(reader: OrganisationReader, name: string, qualifier: string | null): ResolvedItem {
  const found = known(reader, name);
  if (found) return { refs: [ref(reader, found, name, qualifier)], note: null };

  const place = municipalityPlaceName(name);
  if (place) {
    // "gemeente Oegstgees": a one-letter slip in the name of a municipality already known. Short
    // names are left alone because they differ by one letter too often ("Ede", "Epe").
    const placeKey = nameKey(place);
    const near =
      placeKey.length >= 7
        ? reader.index
            .municipalities()
            .find((m) => withinOneEdit(nameKey(m.name), nameKey(municipalityName(place))))
        : undefined;
    if (near) {
      reader.issues.push({
        code: "organisation-spelling-corrected",
        params: { text: name, name: near.name },
        message: `"${name}" read as "${near.name}"`,
      });
      return { refs: [ref(reader, near, name, qualifier)], note: null };
    }
    const org = reader.index.create(municipalityName(place), "municipality");
    return { refs: [ref(reader, org, name, qualifier)], note: null };
  }

  const words = name.split(/\s+/);
  // Two known names with the separator missing ("Regiogemeenten Bedrijfsleven Rijnland").
  for (let s = 1; s < words.length; s++) {
    const left = words.slice(0, s).join(" ");
    const right = words.slice(s).join(" ");
    const a = known(reader, left);
    const b = known(reader, right);
    if (a && b) {
      reader.issues.push({
        code: "organisations-run-together",
        params: { text: name, first: a.name, second: b.name },
        message: `"${name}" read as two organisations: "${a.name}" and "${b.name}"`,
      });
      return { refs: [ref(reader, a, left, null), ref(reader, b, right, qualifier)], note: null };
    }
  }

  // A known name with descriptive lower-case words: "werkbedrijf gemeente Leiden", "ondernemers per sector".
  for (let s = 1; s < words.length; s++) {
    const left = words.slice(0, s).join(" ");
    const right = words.slice(s).join(" ");
    const rightOrg = known(reader, right, false);
    if (rightOrg && s <= 3 && LOWERCASE_WORDS.test(left[0]!.toLowerCase() + left.slice(1))) {
      return { refs: [ref(reader, rightOrg, right, joinQualifiers(left, qualifier))], note: null };
    }
    const leftOrg = known(reader, left, false);
    if (leftOrg && words.length - s <= 3 && LOWERCASE_WORDS.test(right)) {
      return { refs: [ref(reader, leftOrg, left, joinQualifiers(right, qualifier))], note: null };
    }
  }

  if (looksLikeRemark(name)) return { refs: [], note: qualifier ? `${name} (${qualifier})` : name };

  const display = capitaliseFirst(name);
  const kind = guessOrganisationKind(display);
  const org = reader.index.create(display, kind);
  if (!org.fromRegistry) {
    reader.issues.push({
      code: "organisation-not-in-registry",
      params: { name: display, slug: org.slug, kind },
      message: `"${display}" is not in the organisation registry; added as ${org.slug} (${kind})`,
    });
  }
  return { refs: [ref(reader, org, name, qualifier)], note: null };
}

function joinQualifiers(a: string | null, b: string | null): string | null {
  if (a && b) return `${a}; ${b}`;
  return a ?? b;
}

/** Resolves one list item, reading a trailing parenthetical as acronym or qualifier. */
function resolveItem(reader: OrganisationReader, raw: string): ResolvedItem {
  const item = tidyName(raw);
  if (item.length === 0) return { refs: [], note: null };

  // "Regiogemeenten onder leiding van gemeente Leiden": both lead, the first with the remark.
  const led = /^(.*?)\s+(onder leiding van\s+(.+))$/i.exec(item);
  if (led) {
    const first = resolveItem(reader, led[1]!);
    const second = resolveItem(reader, led[3]!);
    const firstRefs = first.refs.map((r) => ({ ...r, qualifier: joinQualifiers(r.qualifier, led[2]!) }));
    return { refs: [...firstRefs, ...second.refs], note: first.note ?? second.note };
  }

  const whole = known(reader, item);
  if (whole) return { refs: [ref(reader, whole, item, null)], note: null };

  const paren = /^(.*?)\s*\(([^()]*)\)$/.exec(item);
  if (paren && paren[1]!.length > 0) {
    const base = paren[1]!.trim();
    const inner = paren[2]!.trim().replace(/[.\s]+$/, "");
    if (ACRONYM.test(inner) && (acronymSpellsName(item) || known(reader, inner) || known(reader, base))) {
      // The parenthetical is the organisation's abbreviation, not a qualifier.
      const org = known(reader, base) ?? known(reader, inner);
      if (org) return { refs: [ref(reader, org, item, null)], note: null };
      const resolved = resolveBareName(reader, base, null);
      const created =
        resolved.refs.length === 1 ? reader.index.get(resolved.refs[0]!.organisation) : undefined;
      if (created) reader.index.addAlias(created, inner);
      return resolved;
    }
    return resolveBareName(reader, base, inner.length > 0 ? inner : null);
  }
  return resolveBareName(reader, item, null);
}

/**
 * Splits one comma-separated chunk on " en " and " & " where these separate organisations:
 * not inside a known name ("Zorg & Zekerheid"), a suspended compound ("zorg- en welzijninstellingen"),
 * a name spelled out by its acronym ("Meld- en Coördinatiepunt (RMC)") or after a lone lower-case
 * word ("primair en voortgezet onderwijs").
 */
function splitConjunctions(reader: OrganisationReader, chunk: string): string[] {
  const parts = splitOutsideParentheses(chunk, / (?:en|&) /y);
  const out: string[] = [];
  let i = 0;
  const joined = (from: number, to: number): string =>
    parts
      .slice(from, to + 1)
      .map((p, k) => (k === 0 ? p.text : p.before + p.text))
      .join("");
  while (i < parts.length) {
    let taken = i;
    for (let j = parts.length - 1; j > i; j--) {
      const candidate = joined(i, j);
      if (known(reader, tidyName(candidate)) || acronymSpellsName(tidyName(candidate))) {
        taken = j;
        break;
      }
    }
    if (taken === i) {
      // Parts that cannot stand alone as an organisation glue to the next part.
      while (taken + 1 < parts.length) {
        const current = parts[taken]!.text.trim();
        const next = parts[taken + 1]!;
        const nextText = next.text.trim();
        const suspended = current.endsWith("-");
        // "primair en voortgezet onderwijs", "coöperatieve aanleg en beheer": a lone lower-case word
        // joined by "en" to more lower-case text is one description, not two organisations.
        const loneWord = (w: string): boolean => /^\p{Ll}+$/u.test(w) && !known(reader, w);
        const lastWord = current.split(/\s+/).pop() ?? "";
        const loneLowercase =
          next.before.trim() === "en" &&
          ((taken === i && loneWord(current) && /^\p{Ll}/u.test(nextText)) ||
            (loneWord(nextText) && /^\p{Ll}/u.test(lastWord) && !known(reader, current)));
        // "Zorg & Zekerheid": an ampersand between two single words is part of a name.
        const ampersandName =
          next.before.trim() === "&" &&
          !/\s/.test(current) &&
          !/\s/.test(nextText) &&
          !(known(reader, current) && known(reader, nextText));
        if (!suspended && !loneLowercase && !ampersandName) break;
        taken++;
      }
    }
    out.push(joined(i, taken));
    i = taken + 1;
  }
  return out;
}

/** Reads a list of organisations; remarks that are not organisations come back as notes. */
export function readOrganisationList(
  reader: OrganisationReader,
  text: string,
): { refs: OrganisationRef[]; notes: string[] } {
  const refs: OrganisationRef[] = [];
  const notes: string[] = [];
  for (const chunk of splitOutsideParentheses(text, /[,;] ?/y)) {
    const trimmed = chunk.text.trim();
    // "gemeenten Leiden en Leiderdorp": one municipality per place name.
    const plural = /^gemeenten\s+(.+)$/i.exec(trimmed);
    const items = plural
      ? splitOutsideParentheses(plural[1]!, / (?:en|&) /y).map((p) => `gemeente ${p.text.trim()}`)
      : trimmed
        ? splitConjunctions(reader, trimmed)
        : [];
    for (const item of items) {
      const resolved = resolveItem(reader, item);
      for (const r of resolved.refs) {
        if (!refs.some((x) => x.organisation === r.organisation && x.qualifier === r.qualifier)) refs.push(r);
      }
      if (resolved.note) notes.push(resolved.note);
    }
  }
  return { refs, notes };
}

/** The parties named in an action's "Trekker/partners" cell. */
export interface LeadCell {
  leads: OrganisationRef[];
  partners: OrganisationRef[];
  toInvolve: OrganisationRef[];
  leadUnknown: boolean;
  notes: CellNote[];
}

const ROLE_LABEL = /(^|[\s,;(])(trekkers?|partners?|te betrekken)\s*:/gi;
const UNKNOWN_LEAD = /^(?:nog\s+)?(?:onbekend|n\.?t\.?b\.?|nader te bepalen)$/i;

function roleOf(label: string): "leads" | "partners" | "toInvolve" {
  const l = label.toLowerCase();
  if (l.startsWith("trekker")) return "leads";
  if (l.startsWith("partner")) return "partners";
  return "toInvolve";
}

/**
 * Reads a "Trekker/partners" cell. A cell without labels names the leads
 * ("Gemeente Leiden (programmabeheer)"); text that is not an organisation becomes a note.
 */
export function readLeadCell(
  reader: OrganisationReader,
  raw: string,
  mendWords: readonly string[] = [],
): LeadCell {
  const cell = readCell(raw, mendWords);
  const text = cell.paragraphs.join(" ");
  const result: LeadCell = {
    leads: [],
    partners: [],
    toInvolve: [],
    leadUnknown: false,
    notes: [...cell.notes],
  };

  const labels = [...text.matchAll(ROLE_LABEL)].map((m) => ({
    role: roleOf(m[2]!),
    start: m.index + m[1]!.length,
    end: m.index + m[0].length,
  }));
  const segments: { role: "leads" | "partners" | "toInvolve" | null; text: string }[] = [];
  if (labels.length === 0) {
    segments.push({ role: "leads", text });
  } else {
    const before = text.slice(0, labels[0]!.start).trim();
    if (before.length > 0) segments.push({ role: null, text: before });
    labels.forEach((label, k) => {
      const end = k + 1 < labels.length ? labels[k + 1]!.start : text.length;
      segments.push({
        role: label.role,
        text: text.slice(label.end, end).trim().replace(/[,;]$/, "").trim(),
      });
    });
  }

  for (const segment of segments) {
    if (segment.role === null) {
      result.notes.push({ text: segment.text, source: segment.text });
      continue;
    }
    if (segment.role === "leads" && UNKNOWN_LEAD.test(tidyName(segment.text))) {
      result.leadUnknown = true;
      continue;
    }
    const list = readOrganisationList(reader, segment.text);
    for (const r of list.refs) {
      const target = result[segment.role];
      if (!target.some((x) => x.organisation === r.organisation && x.qualifier === r.qualifier)) {
        target.push(r);
      }
    }
    for (const note of list.notes) result.notes.push({ text: note, source: note });
  }
  return result;
}
