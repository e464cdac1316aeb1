import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { calendarDate } from "../../domain/calendar";
import { requirePermission } from "../../lib/auth/guards.server";
import { reportableYear } from "../../lib/reports/annual-report.server";
import { requireProgramme } from "../shared/page-data.server";
import type { Route } from "./+types/reports";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("reports.listTitle") },
  ],
};

/** The years of the programme with their annual report: final ones for everyone, drafts for members. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "programme.read", { programmeId: programme.id });
  const today = calendarDate(context.services.clock.now());
  const allStored = await context.services.reports.list(programme.id);
  const stored = allStored.filter((r) => r.kind === "annual-report");
  const drafts = can(context.principal, "report.readDraft", { programmeId: programme.id });
  const years: number[] = [];
  for (let y = programme.period.end; y >= programme.period.start; y--) if (reportableYear(programme, y, today)) years.push(y);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    years: years
      .map((year) => {
        const r = stored.find((s) => s.year === year);
        return { year, final: r?.status === "final", finalisedAt: r?.finalisedAt ?? null };
      })
      .filter((y) => y.final || drafts),
    programmes: programmeYears(programme, allStored, drafts),
  };
}

/** Every year of the period can have an annual programme: adopted ones for everyone, the others for members. */
function programmeYears(programme: { period: { start: number; end: number } }, stored: readonly { kind: string; year: number; status: string }[], drafts: boolean) {
  const out: { year: number; status: string }[] = [];
  for (let year = programme.period.end; year >= programme.period.start; year--) {
    const status = stored.find((s) => s.kind === "annual-programme" && s.year === year)?.status ?? "draft";
    if (status === "final" || drafts) out.push({ year, status });
  }
  return out;
}

export default function ReportsPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${d.programme.slug}/reports`;
  return (
    <>
      <PageTitle title={`${t("reports.listTitle")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("reports.listTitle")}</h1>
      <p className="nl-paragraph">{t("reports.listIntro")}</p>
      {d.years.length === 0 ? (
        <p className="nl-paragraph">{t("reports.notFinal")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("reports.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.yearColumn")}</th>
                <th scope="col">{t("reports.statusColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {d.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">
                    <Link className="nl-link" to={`${base}/${y.year}`}>
                      {t("reports.annualReportTitle", { year: y.year })}
                    </Link>
                  </th>
                  <td>{y.final ? t("reports.statusFinal") : t("reports.statusDraft")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.programmes.length > 0 ? (
        <section aria-labelledby="jaarprogrammas">
          <h2 className="nl-heading nl-heading--level-2" id="jaarprogrammas">
            {t("reports.programmesTitle")}
          </h2>
          <p className="nl-paragraph">{t("reports.programmeListIntro")}</p>
          <ul>
            {d.programmes.map((p) => (
              <li key={p.year}>
                <Link className="nl-link" to={`${base}/${p.year}/programme`}>
                  {t("reports.annualProgrammeTitle", { year: p.year })}
                </Link>{" "}
                ({p.status === "final" ? t("reports.statusAdopted") : p.status === "proposed" ? t("reports.statusProposed") : t("reports.statusDraft")})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
