import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { PageTitle } from "../../components/page-title";
import { ReportBlocks } from "../../components/reports/report-blocks";
import reportStyles from "../../components/reports/reports.css?url";
import { loadMeetingPack } from "./meeting-pack.server";
import type { Route } from "./+types/meeting-pack";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.meetingsHeading"), to: `/programmes/${d.programme.slug}/meetings` },
    { label: d.meeting.title, to: `/programmes/${d.programme.slug}/meetings/${d.meeting.id}` },
    { label: t("reports.pack.link") },
  ],
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { programme, meeting, document } = await loadMeetingPack(context, request, params.slug, params.id);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    meeting: { id: meeting.id, title: meeting.title },
    title: document.title,
    blocks: document.blocks,
  };
}

export default function MeetingPackPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "nl";
  const base = `/programmes/${d.programme.slug}/meetings/${d.meeting.id}/pack`;
  return (
    <>
      <PageTitle title={d.title} />
      <Breadcrumbs />
      <article className="regie-report">
        <ReportBlocks blocks={d.blocks.slice(0, 3)} />
        <section className="regie-report__tools" aria-labelledby="pakket-downloads">
          <h2 className="nl-heading nl-heading--level-2" id="pakket-downloads">
            {t("reports.pack.downloads")}
          </h2>
          <ul>
            <li>
              <a className="nl-link" href={`${base}.docx?lang=${lang}`} download>
                {t("reports.downloadWord")}
              </a>
            </li>
            <li>
              <a className="nl-link" href={`${base}.pdf?lang=${lang}`} download>
                {t("reports.downloadPdf")}
              </a>
            </li>
          </ul>
        </section>
        <ReportBlocks blocks={d.blocks.slice(3)} />
      </article>
    </>
  );
}
