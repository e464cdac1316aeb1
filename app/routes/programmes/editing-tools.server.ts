import type { AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";

/** The saved version a redirect-after-POST carries in `?saved=` (0: nothing changed), or null. */
function savedOf(request: Request): number | null {
  const saved = new URL(request.url).searchParams.get("saved");
  return saved === null ? null : Number(saved) || 0;
}

/** What the programme page adds for its programme manager: edit the programme, add an action. */
export function loadProgrammeTools(context: AppLoadContext, programmeId: number, request: Request) {
  const target = { programmeId };
  return {
    canEdit: can(context.principal, "programme.edit", target),
    canAddAction: can(context.principal, "action.edit", target),
    canImport: can(context.principal, "action.edit", target) && can(context.principal, "organisation.edit", target),
    saved: savedOf(request),
  };
}

/** What the theme page adds for its programme manager: edit the theme. */
export function loadThemeTools(context: AppLoadContext, programmeId: number, request: Request) {
  return { canEdit: can(context.principal, "programme.edit", { programmeId }), saved: savedOf(request) };
}

export type ProgrammeTools = ReturnType<typeof loadProgrammeTools>;
export type ThemeTools = ReturnType<typeof loadThemeTools>;
