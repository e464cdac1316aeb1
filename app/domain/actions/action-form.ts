import { message, type FieldErrors } from "../../lib/errors";
import type { ActionChanges } from "./action-changes";

/**
 * The edit form's encoding of an action: lists as lines, organisations as names one per line with
 * an optional qualifier in brackets, links as action numbers separated by commas.
 */
export interface ActionFormValues {
  title: string;
  description: string;
  notes: string;
  placement: string;
  leads: string;
  partners: string;
  toInvolve: string;
  leadUnknown: boolean;
  intendedResults: string;
  planningText: string;
  categoryNote: string;
  related: string;
  prerequisiteFor: string;
  enables: string;
  relatedThemes: string;
}

export interface OrganisationLookup {
  /** The organisation's slug for a name, alias or slug, or undefined. */
  resolve(name: string): string | undefined;
  nameOf(slug: string): string;
}

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const numbers = (v: string) =>
  v
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the form into changes; errors are keyed by form field. */
export function readActionForm(
  form: Record<string, string>,
  lookup: OrganisationLookup,
): { changes: Record<string, unknown>; errors: FieldErrors; values: ActionFormValues } {
  const values: ActionFormValues = {
    title: form.title ?? "",
    description: form.description ?? "",
    notes: form.notes ?? "",
    placement: form.placement ?? "",
    leads: form.leads ?? "",
    partners: form.partners ?? "",
    toInvolve: form.toInvolve ?? "",
    leadUnknown: form.leadUnknown === "on" || form.leadUnknown === "true",
    intendedResults: form.intendedResults ?? "",
    planningText: form.planningText ?? "",
    categoryNote: form.categoryNote ?? "",
    related: form.related ?? "",
    prerequisiteFor: form.prerequisiteFor ?? "",
    enables: form.enables ?? "",
    relatedThemes: form.relatedThemes ?? "",
  };
  const errors: FieldErrors = {};
  const refs = (field: "leads" | "partners" | "toInvolve") =>
    lines(values[field]).map((line) => {
      const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(line);
      const name = (match ? match[1] : line)!.trim();
      const qualifier = match ? match[2]!.trim() || null : null;
      const slug = lookup.resolve(name);
      if (!slug) errors[field] ??= message("edit.organisationUnknownName", { param: name });
      return { organisation: slug ?? "", qualifier };
    });
  const actionLinks = (field: "related" | "prerequisiteFor" | "enables") =>
    numbers(values[field]).map((n) => {
      if (!/^[1-9]\d{0,5}$/.test(n)) errors[field] ??= message("edit.actionNumber", { param: n });
      return { type: field, target: { action: Number(n) } };
    });
  const themeLinks = numbers(values.relatedThemes).map((n) => {
    if (!/^[1-9]\d{0,2}$/.test(n)) errors.relatedThemes ??= message("edit.themeNumber", { param: n });
    return { type: "related" as const, target: { theme: Number(n) } };
  });
  let intentionCode: string | null = null;
  let group: string | null = null;
  if (values.placement.startsWith("intention:")) intentionCode = values.placement.slice("intention:".length);
  else if (values.placement.startsWith("group:")) group = values.placement.slice("group:".length);
  else errors.placement = message("edit.placementRequired");
  const changes: Record<string, unknown> = {
    title: values.title,
    description: values.description.replace(/\r\n/g, "\n").trim(),
    notes: lines(values.notes),
    intentionCode,
    group,
    leads: refs("leads"),
    partners: refs("partners"),
    toInvolve: refs("toInvolve"),
    leadUnknown: values.leadUnknown,
    intendedResults: lines(values.intendedResults),
    planningText: values.planningText.replace(/\r\n/g, "\n").trim(),
    categoryNote: values.categoryNote.trim() || null,
    links: [...actionLinks("related"), ...actionLinks("prerequisiteFor"), ...actionLinks("enables"), ...themeLinks],
  };
  return { changes, errors, values };
}

/** The form's values for an action as it is stored. */
export function actionFormValues(a: ActionChanges, lookup: OrganisationLookup): ActionFormValues {
  const refLines = (refs: ActionChanges["leads"]) => refs.map((r) => (r.qualifier ? `${lookup.nameOf(r.organisation)} (${r.qualifier})` : lookup.nameOf(r.organisation))).join("\n");
  const linkNumbers = (type: string) =>
    a.links
      .filter((l) => l.type === type && "action" in l.target)
      .map((l) => ("action" in l.target ? l.target.action : 0))
      .join(", ");
  return {
    title: a.title,
    description: a.description,
    notes: a.notes.join("\n"),
    placement: a.intentionCode ? `intention:${a.intentionCode}` : a.group ? `group:${a.group}` : "",
    leads: refLines(a.leads),
    partners: refLines(a.partners),
    toInvolve: refLines(a.toInvolve),
    leadUnknown: a.leadUnknown,
    intendedResults: a.intendedResults.join("\n"),
    planningText: a.planningText,
    categoryNote: a.categoryNote ?? "",
    related: linkNumbers("related"),
    prerequisiteFor: linkNumbers("prerequisiteFor"),
    enables: linkNumbers("enables"),
    relatedThemes: a.links
      .filter((l) => "theme" in l.target)
      .map((l) => ("theme" in l.target ? l.target.theme : 0))
      .join(", "),
  };
}
