import { z } from "zod";
import { text } from "../primitives";
import { ORGANISATION_KINDS } from "../programmes/programme-document";
import { nameKey } from "../programmes/organisation-names";

/**
 * What editing may change on an organisation (a global record, shared by every programme).
 * Error messages are keys ("edit.tooLong") that the routes translate.
 */
export const ORGANISATION_NAME_MAX = 200;
export const ORGANISATION_ALIASES_MAX = 50;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const name = text({ message: "edit.required" })
  .trim()
  .min(1, { message: "edit.required" })
  .max(ORGANISATION_NAME_MAX, { message: "edit.tooLong" })
  .refine((v) => nameKey(v).length > 0, { message: "editing.nameNoLetters" });
const kind = z.enum(ORGANISATION_KINDS, { message: "editing.kindInvalid" });
const aliases = z
  .array(
    text({ message: "editing.aliasInvalid" })
      .trim()
      .min(1, { message: "editing.aliasInvalid" })
      .max(ORGANISATION_NAME_MAX, { message: "edit.tooLong" })
      .refine((v) => nameKey(v).length > 0, { message: "editing.aliasInvalid" }),
    { message: "editing.aliasesList" },
  )
  .max(ORGANISATION_ALIASES_MAX, { message: "edit.tooMany" });
const slug = text({ message: "editing.slugInvalid" })
  .max(ORGANISATION_NAME_MAX, { message: "edit.tooLong" })
  .regex(SLUG_PATTERN, { message: "editing.slugInvalid" });

/** A new organisation: its slug is derived from the name. */
export const organisationCreateSchema = z
  .object({
    name: name.describe(
      "Must not be the name or an alias of another organisation (compared without case, accents, spaces and punctuation).",
    ),
    kind,
    aliases: aliases.default([]).describe("Other spellings; each must be free like the name."),
  })
  .strict();
export type OrganisationCreate = z.infer<typeof organisationCreateSchema>;

/** A change to an organisation; the slug changes only when it is given explicitly. */
export const organisationPatchSchema = z
  .object({
    name: name.describe("A new name; the slug stays the same."),
    kind,
    aliases: aliases.describe("All other spellings (replacing the list)."),
    slug: slug.describe("Only to change the slug on purpose: the old slug keeps redirecting (301) here."),
  })
  .partial()
  .strict();
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>;

/** Merging an organisation into another, named by slug. */
export const organisationMergeSchema = z
  .object({
    into: text({ message: "editing.mergeTargetUnknown" })
      .max(ORGANISATION_NAME_MAX, { message: "editing.mergeTargetUnknown" })
      .describe("The slug of the organisation that remains."),
  })
  .strict();

/** One alias per line in forms; blank lines do not count. */
export function aliasLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The aliases to store for a name: each spelling once (by matching key), and not the name itself.
 */
export function tidyAliases(name: string, list: readonly string[]): string[] {
  const seen = new Set([nameKey(name)]);
  const out: string[] = [];
  for (const alias of list) {
    const key = nameKey(alias);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

/** Joins two remarks on the same role when two organisations become one, keeping both. */
export function mergeQualifiers(kept: string | null, moved: string | null): string | null {
  if (!moved || moved === kept) return kept;
  if (!kept) return moved;
  return `${kept}; ${moved}`;
}
