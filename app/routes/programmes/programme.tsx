import { useLoaderData } from "react-router";
import type { Route } from "./+types/programme";
import { ProgrammeToolsPanel } from "../../components/editing-tools";
import { ProgrammeOverview } from "../../components/programme-overview";
import { loadProgrammeTools } from "./editing-tools.server";
import { loadProgrammeOverview } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const overview = await loadProgrammeOverview(context, params.slug, request);
  return { ...overview, tools: loadProgrammeTools(context, overview.programme.id, request) };
}

export default function ProgrammePage() {
  const { tools, ...d } = useLoaderData<typeof loader>();
  return <ProgrammeOverview {...d} tools={<ProgrammeToolsPanel tools={tools} slug={d.programme.slug} />} />;
}
