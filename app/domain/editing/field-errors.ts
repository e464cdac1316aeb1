import type { z } from "zod";

/**
 * Field errors of a Zod failure as message keys, one per top-level field ("edit.tooLong|500" carries
 * its parameter after the bar). Keys of the edit and editing sections pass through; anything else is
 * "edit.invalid".
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    if (issue.code === "unrecognized_keys") out[field] ??= `edit.unknownField|${issue.keys.join(", ")}`;
    else if (/^edit(ing)?\./.test(issue.message)) out[field] ??= issue.message;
    else out[field] ??= "edit.invalid";
  }
  return out;
}
