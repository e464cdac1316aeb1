import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { PageTitle } from "../../components/page-title";
import { formatHundredths, formatMoney } from "../../domain/budget/money";
import {
  budgetTotals,
  capacityBy,
  perAction,
  perCostKind,
  perSource,
  perTheme,
  type CapacityTotals,
} from "../../domain/budget/overview";
import { calendarDate } from "../../domain/calendar";
import { requirePermission } from "../../lib/auth/guards.server";
import { notFound } from "../shared/page-action.server";
import { requireProgramme } from "../shared/page-data.server";
import type { Route } from "./+types/budget";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("budget.title", { year: d.year }) },
  ],
};

/** The year shown: `?year=`, or this year within the programme's period (its first or last year outside it). */
function chosenYear(
  raw: string | null,
  period: { start: number; end: number },
  today: string,
): number | undefined {
  if (raw === null) return Math.min(period.end, Math.max(period.start, Number(today.slice(0, 4))));
  if (!/^\d{4}$/.test(raw)) return undefined;
  const year = Number(raw);
  return year >= period.start && year <= period.end ? year : undefined;
}

/** A programme's money and capacity in one year: public, like the programme itself (amounts only; roles for members). */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "programme.read", { programmeId: programme.id });
  const url = new URL(request.url);
  const years = url.searchParams.getAll("year");
  const year =
    years.length > 1
      ? undefined
      : chosenYear(years[0] ?? null, programme.period, calendarDate(context.services.clock.now()));
  if (year === undefined) notFound(context);
  const budget = context.services.budget;
  const [money, attention, commitments] = await Promise.all([
    budget.year(programme.id, year),
    budget.attention(programme.id, year),
    budget.commitments(programme.id, { year }),
  ]);
  const yearsOfProgramme: number[] = [];
  for (let y = programme.period.start; y <= programme.period.end; y++) yearsOfProgramme.push(y);
  const byOrganisation = [...capacityBy(commitments, (c) => c.organisation.slug).values()].map((g) => ({
    organisation: g.commitments[0]!.organisation,
    totals: g.totals,
    actions: g.commitments.map((c) => ({
      number: c.action.number,
      title: c.action.title,
      amountHundredths: c.amountHundredths,
      unit: c.unit,
    })),
  }));
  const byAction = [...capacityBy(commitments, (c) => c.action.number).values()].map((g) => ({
    action: g.commitments[0]!.action,
    totals: g.totals,
  }));
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    year,
    years: yearsOfProgramme,
    totals: budgetTotals(money),
    mandateDecision: money.mandateDecision,
    perSource: perSource(money),
    perTheme: perTheme(money),
    perAction: perAction(money).map((r) => ({
      number: r.action.number,
      title: r.action.title,
      allocatedCents: r.allocatedCents,
      spentCents: r.spentCents,
    })),
    perCost: perCostKind(money),
    spending: money.spending,
    attention: attention.map((a) => ({ number: a.action.number, title: a.action.title, missing: a.missing })),
    capacityByOrganisation: byOrganisation.sort((a, b) =>
      a.organisation.name.localeCompare(b.organisation.name, "nl"),
    ),
    capacityByAction: byAction.sort((a, b) => a.action.number - b.action.number),
  };
}

function Capacity({ totals }: { totals: CapacityTotals }) {
  const { t, i18n } = useTranslation();
  const parts: string[] = [];
  if (totals.fte) parts.push(t("budget.fte", { amount: formatHundredths(totals.fte, i18n.language) }));
  if (totals.hours) parts.push(t("budget.hours", { amount: formatHundredths(totals.hours, i18n.language) }));
  return <>{parts.join(", ")}</>;
}

export default function BudgetPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const euro = (cents: number) => formatMoney(cents, i18n.language);
  const base = `/programmes/${d.programme.slug}`;
  const title = t("budget.title", { year: d.year });
  return (
    <>
      <PageTitle title={`${title} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{title}</h1>
      <p className="nl-paragraph">{t("budget.intro")}</p>
      <nav aria-label={t("budget.yearsLabel")}>
        <ul className="regie-inline-list">
          {d.years.map((y) => (
            <li key={y}>
              <Link
                className="nl-link"
                to={`${base}/budget?year=${y}`}
                aria-current={y === d.year ? "page" : undefined}
              >
                {y}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <h2 className="nl-heading nl-heading--level-2">{t("budget.totalsTitle")}</h2>
      <dl className="regie-facts">
        <div>
          <dt>{t("budget.sources")}</dt>
          <dd data-testid="budget-sources">{euro(d.totals.sourcesCents)}</dd>
        </div>
        <div>
          <dt>{t("budget.allocated")}</dt>
          <dd data-testid="budget-allocated">{euro(d.totals.allocatedCents)}</dd>
        </div>
        <div>
          <dt>{t("budget.available")}</dt>
          <dd data-testid="budget-available">{euro(d.totals.availableCents)}</dd>
        </div>
        <div>
          <dt>{t("budget.spent")}</dt>
          <dd data-testid="budget-spent">{euro(d.totals.spentCents)}</dd>
        </div>
        <div>
          <dt>{t("budget.unspent")}</dt>
          <dd data-testid="budget-unspent">{euro(d.totals.unspentCents)}</dd>
        </div>
        <div>
          <dt>{t("budget.mandate")}</dt>
          <dd>
            {euro(d.totals.mandateCents)}
            {d.mandateDecision ? (
              <>
                {" ("}
                <Link className="nl-link" to={`${base}/decisions/${d.mandateDecision.id}`}>
                  {t("budget.mandateDecision", { date: d.mandateDecision.decidedOn })}
                </Link>
                {")"}
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("budget.mandateUsed")}</dt>
          <dd>{euro(d.totals.mandateUsedCents)}</dd>
        </div>
      </dl>

      <h2 className="nl-heading nl-heading--level-2">{t("budget.attentionTitle")}</h2>
      <p className="nl-paragraph">{t("budget.attentionIntro")}</p>
      {d.attention.length === 0 ? (
        <p className="nl-paragraph">{t("budget.attentionNone")}</p>
      ) : (
        <ul className="regie-list">
          {d.attention.map((a) => (
            <li key={a.number}>
              <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                {a.number}. {a.title}
              </Link>
              {": "}
              {a.missing
                .map((m) => (m === "lead" ? t("budget.missingLead") : t("budget.missingBudget")))
                .join(", ")}
            </li>
          ))}
        </ul>
      )}

      <h2 className="nl-heading nl-heading--level-2">{t("budget.perSourceTitle")}</h2>
      {d.perSource.length === 0 ? (
        <p className="nl-paragraph">{t("budget.none")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("budget.perSourceTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("budget.source")}</th>
                <th scope="col">{t("budget.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {d.perSource.map((s) => (
                <tr key={`${s.organisationSlug ?? ""}:${s.name}`}>
                  <th scope="row">
                    {s.organisationSlug ? (
                      <Link className="nl-link" to={`/organisations/${s.organisationSlug}`}>
                        {s.name}
                      </Link>
                    ) : (
                      s.name
                    )}
                  </th>
                  <td>{euro(s.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <MoneyTable
        title={t("budget.perThemeTitle")}
        head={t("budget.theme")}
        rows={d.perTheme.map((r) => ({
          key: String(r.theme?.number ?? "none"),
          label: r.theme ? `${r.theme.number}. ${r.theme.title}` : t("budget.noTheme"),
          ...r,
        }))}
        euro={euro}
      />
      <MoneyTable
        title={t("budget.perActionTitle")}
        head={t("budget.action")}
        rows={d.perAction.map((r) => ({
          key: String(r.number),
          label: `${r.number}. ${r.title}`,
          to: `${base}/actions/${r.number}`,
          ...r,
        }))}
        euro={euro}
      />
      <MoneyTable
        title={t("budget.perCostTitle")}
        head={t("budget.source")}
        rows={d.perCost.map((r) => ({ key: r.costKind, label: t(`budget.cost.${r.costKind}`), ...r }))}
        euro={euro}
      />

      <h2 className="nl-heading nl-heading--level-2">{t("budget.spendingTitle")}</h2>
      {d.spending.length === 0 ? (
        <p className="nl-paragraph">{t("budget.none")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("budget.spendingTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("budget.date")}</th>
                <th scope="col">{t("budget.description")}</th>
                <th scope="col">{t("budget.reference")}</th>
                <th scope="col">{t("budget.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {d.spending.map((s) => (
                <tr key={s.id}>
                  <td>{s.spentOn}</td>
                  <th scope="row">{s.description}</th>
                  <td>{s.reference}</td>
                  <td>{euro(s.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="nl-heading nl-heading--level-2">{t("budget.capacityTitle")}</h2>
      {d.capacityByOrganisation.length === 0 ? (
        <p className="nl-paragraph">{t("budget.none")}</p>
      ) : (
        <ul className="regie-list">
          {d.capacityByOrganisation.map((o) => (
            <li key={o.organisation.slug}>
              <Link className="nl-link" to={`/organisations/${o.organisation.slug}`}>
                {o.organisation.name}
              </Link>
              {": "}
              <Capacity totals={o.totals} />
              <ul>
                {o.actions.map((a, i) => (
                  <li key={i}>
                    <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                      {a.number}. {a.title}
                    </Link>
                    {": "}
                    <Capacity totals={{ [a.unit]: a.amountHundredths }} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h2 className="nl-heading nl-heading--level-2">{t("budget.capacityByActionTitle")}</h2>
      {d.capacityByAction.length === 0 ? (
        <p className="nl-paragraph">{t("budget.none")}</p>
      ) : (
        <ul className="regie-list">
          {d.capacityByAction.map((a) => (
            <li key={a.action.number}>
              <Link className="nl-link" to={`${base}/actions/${a.action.number}`}>
                {a.action.number}. {a.action.title}
              </Link>
              {": "}
              <Capacity totals={a.totals} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MoneyTable(props: {
  title: string;
  head: string;
  rows: { key: string; label: string; to?: string; allocatedCents: number; spentCents: number }[];
  euro: (cents: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="nl-heading nl-heading--level-2">{props.title}</h2>
      {props.rows.length === 0 ? (
        <p className="nl-paragraph">{t("budget.none")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.head}</th>
                <th scope="col">{t("budget.allocated")}</th>
                <th scope="col">{t("budget.spent")}</th>
                <th scope="col">{t("budget.left")}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {r.to ? (
                      <Link className="nl-link" to={r.to}>
                        {r.label}
                      </Link>
                    ) : (
                      r.label
                    )}
                  </th>
                  <td>{props.euro(r.allocatedCents)}</td>
                  <td>{props.euro(r.spentCents)}</td>
                  <td>{props.euro(r.allocatedCents - r.spentCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
