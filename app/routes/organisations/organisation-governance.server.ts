import type { AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";

/**
 * What the organisation page adds for people who keep the register: links to edit and merge, and
 * the confirmation after a change (redirect-after-POST carries it in the query string).
 */
export function loadOrganisationTools(context: AppLoadContext, request: Request) {
  const query = new URL(request.url).searchParams;
  const saved = query.get("saved");
  return {
    canEdit: can(context.principal, "organisation.edit"),
    notice: query.has("created")
      ? ({ kind: "created" } as const)
      : query.has("merged")
        ? ({ kind: "merged" } as const)
        : saved !== null
          ? ({ kind: "saved", version: Number(saved) || 0 } as const)
          : null,
  };
}

export type OrganisationTools = ReturnType<typeof loadOrganisationTools>;
