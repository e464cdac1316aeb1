import { data } from "react-router";
import { requireUser } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { timestamp } from "../../domain/time";
import type { Route } from "./+types/account-data";

/** The signed-in person's own data as a JSON download (AVG/GDPR: access and portability). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const personal = await context.services.personalData.forUser(user.id);
  if (!personal) throw data(translator(context.language)("errors.notFoundText"), { status: 404 });
  const body = JSON.stringify({ format: "regie-personal-data/1", exportedAt: timestamp(context.services.clock), ...personal }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="regie-my-data-${user.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
