import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/home";
import { ProgrammeOverview } from "../../components/programme-overview";
import { translator } from "../../lib/i18n/catalogue.server";
import { loadProgrammeOverview } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

export async function loader({ context, request }: Route.LoaderArgs) {
  const slug = await context.services.programmes.defaultSlug();
  if (!slug) throw data(translator(context.language)("errors.programmeNotFound"), { status: 404 });
  return loadProgrammeOverview(context, slug, request);
}

export default function Home() {
  const d = useLoaderData<typeof loader>();
  return <ProgrammeOverview {...d} />;
}
