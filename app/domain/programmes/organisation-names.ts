import { z } from "zod";
import { text } from "../primitives";
import { ORGANISATION_KINDS, type OrganisationKind } from "./programme-document";

/**
 * Organisation names as they occur in programme documents: normalisation for matching,
 * slugs, the curated registry (data/organisations.json) and kind heuristics for
 * organisations the registry does not know yet.
 */

export const organisationRegistryEntrySchema = z.object({
  name: text().min(1).max(200),
  /** Defaults to `organisationSlug(name)`; set it only to keep a slug stable across renames. */
  slug: text()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .optional(),
  kind: z.enum(ORGANISATION_KINDS),
  aliases: z.array(text().min(1).max(200)),
  /** Why spellings were merged; for reviewers only. */
  comment: text().optional(),
});
export type OrganisationRegistryEntry = z.infer<typeof organisationRegistryEntrySchema>;

export const organisationRegistrySchema = z.object({
  comment: text().optional(),
  organisations: z.array(organisationRegistryEntrySchema),
});
export type OrganisationRegistry = z.infer<typeof organisationRegistrySchema>;

/** Removes diacritics: "coöperatieve" → "cooperatieve". */
export function stripDiacritics(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

/** Lowercase ASCII slug with hyphens: "Stichting Wireless / coöperatieve" → "stichting-wireless-cooperatieve". */
export function organisationSlug(name: string): string {
  return stripDiacritics(name)
    .toLowerCase()
    .replace(/&/g, " ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// Leading words that are not part of a name ("de Universiteit Leiden", "o.a. Corpus").
const LEADING_FILLERS = /^(?:(?:de|het|een|o\.a\.|oa|onder andere|bijvoorbeeld|bv\.)\s+)+/i;

/**
 * Matching key for a name: case, diacritics, hyphens, apostrophes, dots and spaces do not
 * count, so "VNO NCW" = "VNO-NCW", "ROC 's" = "ROC's", "LAB 071" = "LAB071".
 */
export function nameKey(name: string): string {
  return stripDiacritics(name.trim().replace(LEADING_FILLERS, ""))
    .toLowerCase()
    .replace(/&/g, "en")
    .replace(/[^a-z0-9]/g, "");
}

/** Trims a list item: whitespace, trailing punctuation and leading articles/fillers. */
export function tidyName(name: string): string {
  return name
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.,;:]+$/, "")
    .replace(LEADING_FILLERS, "")
    .trim();
}

/** "gemeente Leiden" / "Gemeente Leiden" → "Leiden"; null when the name has no such prefix. */
export function municipalityPlaceName(name: string): string | null {
  const match = /^gemeente\s+(\S.*)$/i.exec(name.trim());
  return match ? match[1]!.trim() : null;
}

/** The canonical name for a municipality read from "gemeente X" or a bare place name. */
export function municipalityName(place: string): string {
  return `Gemeente ${place.trim()}`;
}

/**
 * Guesses an organisation's kind from its name, for organisations the registry does not know.
 * The words are Dutch because the documents are.
 */
export function guessOrganisationKind(name: string): OrganisationKind {
  const n = stripDiacritics(name).toLowerCase();
  if (/\bgemeenten?\b|regiogemeenten/.test(n)) return "municipality";
  if (/\b(provincie|ministerie|rijk|rijksoverheid|uwv|waterschap|regio holland|veiligheidsregio)\b/.test(n)) {
    return "government";
  }
  if (
    /\b(universiteit|university|hogeschool|roc|mbo|hbo|school|scholen|onderwijs\w*|kenniscentrum|kennisinstelling\w*|academie|instituut)\b/.test(
      n,
    )
  ) {
    return "knowledge-institution";
  }
  if (
    /\b(b\.?v\.?|n\.?v\.?|ondernemers\w*|bedrijf|bedrijven|bedrijfsleven|makelaars?|holding|groep|group|vereniging\w*)\b/.test(
      n,
    )
  ) {
    return "business";
  }
  return "other";
}

/** An organisation known to the resolver: registry entry or one met for the first time. */
export interface KnownOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
  fromRegistry: boolean;
}

/** Looks organisations up by any spelling; builds up the set referenced by one document. */
export class OrganisationIndex {
  private readonly byKey = new Map<string, KnownOrganisation>();
  private readonly bySlug = new Map<string, KnownOrganisation>();
  /** Spellings actually met, per slug, for the output's alias lists. */
  private readonly met = new Map<string, Set<string>>();

  constructor(registry: OrganisationRegistry | undefined) {
    for (const entry of registry?.organisations ?? []) {
      const org: KnownOrganisation = {
        slug: entry.slug ?? organisationSlug(entry.name),
        name: entry.name,
        kind: entry.kind,
        aliases: [...entry.aliases],
        fromRegistry: true,
      };
      this.add(org);
    }
  }

  private add(org: KnownOrganisation): void {
    this.bySlug.set(org.slug, org);
    for (const spelling of [org.name, ...org.aliases]) {
      const key = nameKey(spelling);
      if (key.length > 0 && !this.byKey.has(key)) this.byKey.set(key, org);
    }
  }

  /** The organisation with this spelling, if known. */
  find(spelling: string): KnownOrganisation | undefined {
    const key = nameKey(spelling);
    if (key.length === 0) return undefined;
    const direct = this.byKey.get(key);
    if (direct) return direct;
    const place = municipalityPlaceName(spelling);
    return place ? this.byKey.get(nameKey(municipalityName(place))) : undefined;
  }

  /** A municipality by bare place name ("Leiden"), only among municipalities. */
  findMunicipalityByPlace(place: string): KnownOrganisation | undefined {
    const org = this.byKey.get(nameKey(municipalityName(place)));
    return org && org.kind === "municipality" ? org : undefined;
  }

  /** Adds an organisation the registry does not know; returns the existing one when the slug is taken. */
  create(name: string, kind: OrganisationKind): KnownOrganisation {
    const slug = organisationSlug(name);
    const existing = this.bySlug.get(slug);
    if (existing) return existing;
    const org: KnownOrganisation = { slug, name, kind, aliases: [], fromRegistry: false };
    this.add(org);
    return org;
  }

  /** Adds a spelling to an organisation met for the first time ("PBO" for the platform it abbreviates). */
  addAlias(org: KnownOrganisation, alias: string): void {
    if (org.fromRegistry || org.aliases.includes(alias)) return;
    org.aliases.push(alias);
    const key = nameKey(alias);
    if (key.length > 0 && !this.byKey.has(key)) this.byKey.set(key, org);
  }

  /** Records that a document used this spelling for the organisation. */
  noteSpelling(org: KnownOrganisation, spelling: string): void {
    const set = this.met.get(org.slug) ?? new Set<string>();
    set.add(spelling);
    this.met.set(org.slug, set);
  }

  /** Municipalities known so far. */
  municipalities(): KnownOrganisation[] {
    return [...this.bySlug.values()].filter((o) => o.kind === "municipality");
  }

  /** Organisation by slug. */
  get(slug: string): KnownOrganisation | undefined {
    return this.bySlug.get(slug);
  }

  /** Spellings met for a slug whose key differs from the canonical name's. */
  metAliases(slug: string): string[] {
    const org = this.bySlug.get(slug);
    if (!org) return [];
    const canonicalKey = nameKey(org.name);
    return [...(this.met.get(slug) ?? [])].filter((s) => nameKey(s) !== canonicalKey);
  }

  /**
   * Spellings of organisations other than municipalities (names, aliases and spellings met)
   * that start with an upper-case letter; used to recognise a name that starts a sentence.
   */
  capitalisedSpellings(): string[] {
    const out: string[] = [];
    for (const org of this.bySlug.values()) {
      if (org.kind === "municipality") continue;
      const met = this.met.get(org.slug) ?? new Set<string>();
      for (const s of [org.name, ...org.aliases, ...met]) if (/^\p{Lu}/u.test(s)) out.push(s);
    }
    return out;
  }
}

/** The lookup forms use, with every organisation for pickers. */
export interface OrganisationNameLookup {
  all: { slug: string; name: string }[];
  /** The organisation's slug for a name, alias or slug, or undefined. */
  resolve(name: string): string | undefined;
  nameOf(slug: string): string;
}

/**
 * Finds organisations by name, alias or slug, as people type them in forms. A name or slug wins over
 * an alias that normalises the same.
 */
export function organisationNameLookup(
  organisations: readonly { id: number; slug: string; name: string }[],
  aliases: readonly { organisationId: number; normalised: string }[],
): OrganisationNameLookup {
  const byKey = new Map<string, string>();
  const slugById = new Map(organisations.map((o) => [o.id, o.slug]));
  for (const o of organisations) {
    byKey.set(nameKey(o.name), o.slug);
    byKey.set(nameKey(o.slug), o.slug);
  }
  for (const a of aliases) {
    const slug = slugById.get(a.organisationId);
    if (slug && !byKey.has(a.normalised)) byKey.set(a.normalised, slug);
  }
  const names = new Map(organisations.map((o) => [o.slug, o.name]));
  return {
    all: organisations.map((o) => ({ slug: o.slug, name: o.name })),
    resolve: (name) => byKey.get(nameKey(name)),
    nameOf: (slug) => names.get(slug) ?? slug,
  };
}
