import type { TFunction } from "i18next";
import type { PlanResult } from "../../db/plan.repository";

/**
 * What a refused plan transition tells the person, and with which status: 400 for what they can
 * correct in the form (a missing note, missing parts), 409 when the plan's state does not allow
 * it or moved on since the page was opened.
 */
export function planResultErrors(t: TFunction, result: Exclude<PlanResult, { status: "ok" } | { status: "not-found" }>): { status: 400 | 409; errors: Record<string, string> } {
  switch (result.status) {
    case "refused":
      if (result.reason === "noteRequired") return { status: 400, errors: { note: t("plans.noteRequired") } };
      return { status: 409, errors: { form: t(`plans.${result.reason}`) } };
    case "conflict":
      return { status: 409, errors: { form: t("plans.stale") } };
    case "incomplete":
      return {
        status: 400,
        errors: { form: t("plans.incomplete", { fields: result.missing.map((f) => t(`plans.field_${f}`)).join(", ") }) },
      };
  }
}
