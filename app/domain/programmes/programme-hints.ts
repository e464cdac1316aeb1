import { z } from "zod";
import { text } from "../primitives";

/**
 * Per-document hints for the few places where a programme document's text is genuinely
 * ambiguous. They live in a reviewable JSON file next to the generated programme
 * (data/programmes/<slug>.hints.json) and every hint is checked against the text it covers.
 */
export const programmeHintsSchema = z.object({
  /** Why each hint is needed; for reviewers only. */
  comment: text().optional(),
  /** Exact title per action number, for cells where the run-in title cannot be told apart. */
  titleHints: z.record(text().regex(/^\d+$/), text().min(1)).default({}),
  /** Intended results per action number, for plain cells whose items were run together. */
  resultHints: z.record(text().regex(/^\d+$/), z.array(text().min(1)).min(1)).default({}),
  /** Words hyphenated by line wrapping without a space ("Tech-niekpact"); the hyphen is removed. */
  mendHyphenation: z.array(text().regex(/-/)).default([]),
});
export type ProgrammeHints = z.infer<typeof programmeHintsSchema>;
