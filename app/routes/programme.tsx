import { useLoaderData } from "react-router";
import type { Route } from "./+types/programme";
import { ProgrammeOverview } from "../components/programme-overview";
import { loadProgrammeOverview } from "../lib/page-data.server";

export async function loader({ context, params }: Route.LoaderArgs) {
  return loadProgrammeOverview(context, params.slug);
}

export default function ProgrammePage() {
  const d = useLoaderData<typeof loader>();
  return <ProgrammeOverview {...d} />;
}
