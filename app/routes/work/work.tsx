import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { useProgressFormat } from "../../components/progress-parts";
import { asProgressStatus } from "../../domain/progress/dependencies";
import type { ActionRef, Ask } from "../../domain/work/work-list";
import { requireUser } from "../../lib/auth/guards.server";
import type { Route } from "./+types/work";
import { loadWorkArea } from "./work.server";

export const handle = {
  breadcrumb: (_d: unknown, t: TFunction): Crumb[] => [{ label: t("work.title") }],
};

/** Longer lists fold away behind their count, so that the page stays a page of short lists. */
const FOLD_AFTER = 8;

export async function loader({ context, request }: Route.LoaderArgs) {
  requireUser(context, request);
  const area = await loadWorkArea(context);
  return { ...area, welcome: new URL(request.url).searchParams.get("welcome") === "1" };
}

type Area = Awaited<ReturnType<typeof loader>>;
type ProgrammeWork = Area["programmes"][number];

function Section({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="regie-work-section">
      <h3 className="nl-heading nl-heading--level-3" id={id}>
        {title} <span className="regie-count">({count})</span>
      </h3>
      {children}
    </section>
  );
}

function ActionList({
  base,
  items,
  language,
}: {
  base: string;
  items: readonly ActionRef[];
  language: string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="nl-paragraph regie-muted">{t("work.empty")}</p>;
  const list = (
    <ul className="regie-work-list">
      {items.map((a) => (
        <li key={a.number}>
          <Link className="nl-link" to={`${base}/actions/${a.number}`}>
            {t("action.heading", { number: a.number })}
          </Link>
          : <span lang={language}>{a.title}</span>
        </li>
      ))}
    </ul>
  );
  return <Fold count={items.length}>{list}</Fold>;
}

function Fold({ count, children }: { count: number; children: ReactNode }) {
  const { t } = useTranslation();
  if (count <= FOLD_AFTER) return children;
  return (
    <details>
      <summary>{t("work.showAll", { count })}</summary>
      {children}
    </details>
  );
}

function askText(t: TFunction, ask: Ask, f: ReturnType<typeof useProgressFormat>): string {
  if (ask.kind === "update")
    return t(ask.late ? "work.ask_updateLate" : "work.ask_update", {
      period: f.period(ask.period),
      due: f.day(ask.dueOn),
    });
  return t(`work.ask_${ask.kind}`);
}

function ManagerLists({
  p,
  list,
}: {
  p: ProgrammeWork;
  list: NonNullable<ProgrammeWork["list"]["manager"]>;
}) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  const base = `/programmes/${p.slug}`;
  const id = (name: string) => `${p.slug}-${name}`;
  return (
    <section aria-labelledby={id("manager")}>
      <h2 className="nl-heading nl-heading--level-2" id={id("manager")}>
        {t("work.manager")}
      </h2>
      <Section id={id("plans")} title={t("work.submittedPlans")} count={list.submittedPlans.length}>
        {list.submittedPlans.length === 0 ? (
          <p className="nl-paragraph regie-muted">{t("work.empty")}</p>
        ) : (
          <ul className="regie-work-list">
            {list.submittedPlans.map((plan) => (
              <li key={plan.number}>
                <Link className="nl-link" to={`${base}/actions/${plan.number}/plan`}>
                  {t("work.actionRef", { number: plan.number, title: plan.title })}
                </Link>{" "}
                <span className="regie-muted">
                  ({t("work.versionNo", { version: plan.versionNo })}
                  {plan.submittedAt
                    ? `, ${t("work.submittedOn", { date: f.day(plan.submittedAt.slice(0, 10)) })}`
                    : ""}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id={id("rounds")} title={t("work.openRounds")} count={list.openRounds.length}>
        {list.openRounds.length === 0 ? (
          <p className="nl-paragraph regie-muted">{t("work.empty")}</p>
        ) : (
          list.openRounds.map((round) => (
            <div key={round.id} className="regie-work-round">
              <p className="nl-paragraph">
                <Link className="nl-link" to={`${base}/rounds/${round.id}`}>
                  {t("work.roundLine", {
                    period: f.period(round.period),
                    due: f.day(round.dueOn),
                    closes: f.day(round.closesOn),
                  })}
                </Link>
              </p>
              {round.missing.length === 0 ? (
                <p className="nl-paragraph">{t("work.missingNone")}</p>
              ) : (
                <>
                  <p className="nl-paragraph">
                    {t("work.missing", { count: new Set(round.missing.map((m) => m.number)).size })}
                  </p>
                  <ul className="regie-work-list">
                    {round.missing.map((m) => (
                      <li key={`${m.number}-${m.contact}`}>
                        {t("work.missingLine", { number: m.number, contact: m.contact })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))
        )}
      </Section>
      <Section id={id("decisions")} title={t("work.plannedDecisions")} count={list.plannedDecisions.length}>
        <DecisionList base={base} items={list.plannedDecisions} />
      </Section>
      <Section id={id("overdue")} title={t("work.overdue")} count={list.overdue.length}>
        {list.overdue.length === 0 ? (
          <p className="nl-paragraph regie-muted">{t("work.empty")}</p>
        ) : (
          <Fold count={list.overdue.length}>
            <ul className="regie-work-list">
              {list.overdue.map((a) => (
                <li key={a.number}>
                  <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                    {t("work.actionRef", { number: a.number, title: a.title })}
                  </Link>
                  :{" "}
                  {a.milestones
                    .map((m) =>
                      m.label ? t("work.milestoneLate", { label: m.label, due: m.dueText }) : m.dueText,
                    )
                    .join("; ")}
                </li>
              ))}
            </ul>
          </Fold>
        )}
      </Section>
      <Section id={id("trouble")} title={t("work.troubleReports")} count={list.troubleReports.length}>
        {list.troubleReports.length === 0 ? (
          <p className="nl-paragraph regie-muted">{t("work.empty")}</p>
        ) : (
          <ul className="regie-work-list">
            {list.troubleReports.map((r) => {
              const status = asProgressStatus(r.status);
              return (
                <li key={`${r.number}-${r.reportedAt}`}>
                  <Link className="nl-link" to={`${base}/actions/${r.number}`}>
                    {t("work.actionRef", { number: r.number, title: r.title })}
                  </Link>{" "}
                  <span className="regie-muted">
                    (
                    {t("work.reported", {
                      status: status ? f.status(status) : r.status,
                      period: f.period(r.period),
                      date: f.day(r.reportedAt.slice(0, 10)),
                    })}
                    )
                  </span>
                  {r.narrative ? <blockquote className="regie-work-quote">{r.narrative}</blockquote> : null}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section id={id("no-contact")} title={t("work.withoutContact")} count={list.withoutContact.length}>
        <ActionList base={base} items={list.withoutContact} language={p.language} />
      </Section>
      <Section id={id("no-lead")} title={t("work.withoutLead")} count={list.withoutLead.length}>
        <ActionList base={base} items={list.withoutLead} language={p.language} />
      </Section>
      <Section
        id={id("explore")}
        title={t("work.exploreWithoutOwner")}
        count={list.exploreWithoutOwner.length}
      >
        <ActionList base={base} items={list.exploreWithoutOwner} language={p.language} />
      </Section>
    </section>
  );
}

function DecisionList({
  base,
  items,
}: {
  base: string;
  items: readonly { id: number; decidedOn: string; title: string; late: boolean }[];
}) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  if (items.length === 0) return <p className="nl-paragraph regie-muted">{t("work.empty")}</p>;
  return (
    <ul className="regie-work-list">
      {items.map((d) => (
        <li key={d.id}>
          <Link className="nl-link" to={`${base}/decisions/${d.id}`}>
            {d.title}
          </Link>{" "}
          <span className="regie-muted">({t("work.plannedOn", { date: f.day(d.decidedOn) })})</span>
          {d.late ? <strong className="regie-work-late"> {t("work.late")}</strong> : null}
        </li>
      ))}
    </ul>
  );
}

function SteeringLists({
  p,
  list,
}: {
  p: ProgrammeWork;
  list: NonNullable<ProgrammeWork["list"]["steering"]>;
}) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  const base = `/programmes/${p.slug}`;
  const id = (name: string) => `${p.slug}-sg-${name}`;
  return (
    <section aria-labelledby={id("steering")}>
      <h2 className="nl-heading nl-heading--level-2" id={id("steering")}>
        {t("work.steering")}
      </h2>
      <Section id={id("next")} title={t("work.nextMeeting")} count={list.nextMeeting ? 1 : 0}>
        {list.nextMeeting ? (
          <p className="nl-paragraph">
            <Link className="nl-link" to={`${base}/meetings/${list.nextMeeting.id}`}>
              {t("work.meetingLine", { title: list.nextMeeting.title, date: f.day(list.nextMeeting.heldOn) })}
            </Link>
          </p>
        ) : (
          <p className="nl-paragraph regie-muted">{t("work.noNextMeeting")}</p>
        )}
      </Section>
      <Section id={id("plans")} title={t("work.plansToDecide")} count={list.plansToDecide.length}>
        {list.plansToDecide.length === 0 ? (
          <p className="nl-paragraph regie-muted">{t("work.empty")}</p>
        ) : (
          <ul className="regie-work-list">
            {list.plansToDecide.map((plan) => (
              <li key={plan.number}>
                <Link className="nl-link" to={`${base}/actions/${plan.number}/plan`}>
                  {t("work.actionRef", { number: plan.number, title: plan.title })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id={id("decisions")} title={t("work.plannedDecisions")} count={list.plannedDecisions.length}>
        <DecisionList base={base} items={list.plannedDecisions} />
      </Section>
    </section>
  );
}

function ContactLists({
  p,
  list,
}: {
  p: ProgrammeWork;
  list: NonNullable<ProgrammeWork["list"]["contact"]>;
}) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  const base = `/programmes/${p.slug}`;
  const headingId = `${p.slug}-my-actions`;
  return (
    <section aria-labelledby={headingId}>
      <h2 className="nl-heading nl-heading--level-2" id={headingId}>
        {t("work.contact")}
      </h2>
      {list.actions.length === 0 ? (
        <p className="nl-paragraph regie-muted">{t("work.contactNone")}</p>
      ) : (
        <ul className="regie-work-list regie-work-list--cards">
          {list.actions.map((a) => (
            <li key={a.number}>
              <p className="nl-paragraph">
                <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                  {t("work.actionRef", { number: a.number, title: a.title })}
                </Link>
              </p>
              {a.asks.length === 0 ? (
                <p className="nl-paragraph regie-muted">{t("work.nothingAsked")}</p>
              ) : (
                <ul aria-label={t("work.asked")}>
                  {a.asks.map((ask) => (
                    <li key={ask.kind}>
                      {askText(t, ask, f)}
                      {ask.kind === "update" && ask.late ? (
                        <strong className="regie-work-late"> {t("work.late")}</strong>
                      ) : null}{" "}
                      <Link
                        className="nl-link"
                        to={
                          ask.kind === "update"
                            ? `${base}/actions/${a.number}/progress/new`
                            : `${base}/actions/${a.number}/plan`
                        }
                      >
                        {ask.kind === "update" ? t("work.toUpdate") : t("work.toPlan")}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function Work() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const several = d.programmes.length > 1;
  return (
    <>
      <PageTitle title={t("work.title")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("work.title")}</h1>
      {d.welcome ? <Notice>{t("work.welcome")}</Notice> : null}
      <p className="nl-paragraph">{t("work.intro")}</p>
      {d.programmes.length === 0 ? <p className="nl-paragraph">{t("work.nothing")}</p> : null}
      {d.programmes.map((p) => (
        <article key={p.slug} className="regie-work-programme" aria-label={several ? p.title : undefined}>
          {several ? (
            <p className="nl-paragraph regie-kicker" lang={p.language}>
              {p.title}
            </p>
          ) : null}
          {p.roles.length > 0 ? (
            <p className="nl-paragraph regie-muted">
              {t("work.rolesLabel")}: {p.roles.map((r) => t(`work.role_${r}`)).join(", ")}
            </p>
          ) : null}
          {p.list.contact ? <ContactLists p={p} list={p.list.contact} /> : null}
          {p.list.manager ? <ManagerLists p={p} list={p.list.manager} /> : null}
          {p.list.steering ? <SteeringLists p={p} list={p.list.steering} /> : null}
        </article>
      ))}
    </>
  );
}
