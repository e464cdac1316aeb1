import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLoaderData } from "react-router";
import { CsrfField, Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { useProgressFormat } from "../../components/progress-parts";
import { formFields } from "../../domain/auth/schemas";
import { addDays } from "../../domain/calendar";
import {
  countByGroup,
  requestStatus,
  type RequestStatus,
  type StatusCounts,
} from "../../domain/progress/round-rules";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { todayOf } from "./progress-page.server";
import { notFound, pageAction, type FormReading } from "../shared/page-action.server";
import { message } from "../../lib/errors";
import type { Route } from "./+types/round";
import { isRecordId } from "../../domain/primitives";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("progress.roundsTitle"), to: `/programmes/${d.programme.slug}/rounds` },
    { label: d.round.period },
  ],
};

const NOTICES = ["opened", "resent", "closed", "already-closed"] as const;

async function load(
  context: Route.LoaderArgs["context"],
  request: Request,
  params: Route.LoaderArgs["params"],
) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "rounds.manage", { programmeId: programme.id });
  const t = translator(context.language);
  if (!isRecordId(params.id)) throw data(t("progress.roundNotFound"), { status: 404 });
  return { programme, roundId: Number(params.id), t };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, roundId, t } = await load(context, request, params);
  const found = await context.services.rounds.get(programme.id, roundId);
  if (!found) throw data(t("progress.roundNotFound"), { status: 404 });
  const today = todayOf(context);
  const { round } = found;
  const requests = found.requests.map((r) => ({
    ...r,
    status: requestStatus(r.answeredAt !== null, round.dueOn, today),
  }));
  const noOrganisation = t("progress.noOrganisation");
  const perOrganisation = [
    ...countByGroup(
      requests,
      (r) => r.contact.organisation?.name ?? noOrganisation,
      (r) => r.action.id,
      (r) => r.status,
    ).entries(),
  ]
    .map(([name, counts]) => ({ name, ...counts }))
    .sort((a, b) =>
      a.name === noOrganisation ? 1 : b.name === noOrganisation ? -1 : a.name.localeCompare(b.name, "nl"),
    );
  const totals: StatusCounts = countByGroup(
    requests,
    () => "",
    (r) => r.action.id,
    (r) => r.status,
  ).get("") ?? { answered: 0, pending: 0, overdue: 0 };
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    round: { ...round, open: round.status === "open" && today <= round.closesOn },
    reminders: round.reminderOffsets.map((offset) => ({ offset, date: addDays(round.dueOn, offset) })),
    requests,
    perOrganisation,
    totals,
    notice: NOTICES.find((n) => n === done) ?? null,
    count: Number(url.searchParams.get("count") ?? 0) || 0,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  return pageAction(context, request, {
    load: () => load(context, request, params),
    read: (form, { t }): FormReading<string, { intent: "resend"; requestId: number } | { intent: "close" }> => {
      const fields = formFields(form);
      if (fields.intent === "resend") {
        if (!isRecordId(fields.requestId ?? "")) notFound(context, message("progress.requestNotFound"));
        return { values: fields.intent, value: { intent: "resend", requestId: Number(fields.requestId) } };
      }
      if (fields.intent === "close") return { values: fields.intent, value: { intent: "close" } };
      throw data(t("progress.staleForm"), { status: 400 });
    },
    // A round closed meanwhile is no failure: the page says so.
    change: async ({ programme, roundId }, input, { actor, requestId, now }) => {
      const result =
        input.intent === "resend"
          ? await context.services.rounds.resend({
              programmeId: programme.id,
              roundId,
              requestId: input.requestId,
              actor,
              now: context.services.clock.now(),
              today: todayOf(context),
              httpRequestId: requestId,
            })
          : await context.services.rounds.close({ programmeId: programme.id, roundId, actor, now, requestId });
      if (result.status === "not-found") return result;
      if (result.status === "closed") return { status: "ok" as const, done: "already-closed" };
      return { status: "ok" as const, done: input.intent === "resend" ? "resent" : "closed" };
    },
    answer: () => null,
    notFound: (intent) => message(intent === "resend" ? "progress.requestNotFound" : "progress.roundNotFound"),
    done: ({ programme, roundId }, result) => {
      if (result.done === "resent") context.services.jobRunner.wake();
      return redirect(`/programmes/${programme.slug}/rounds/${roundId}?done=${result.done}`);
    },
  });
}

function StateText({ status, answeredAt }: { status: RequestStatus; answeredAt: string | null }) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  if (status === "answered") {
    return (
      <span className="regie-milestone-state--done">
        {t("progress.state_answered")}{" "}
        {answeredAt ? t("progress.answeredOn", { date: f.moment(answeredAt) }) : null}
      </span>
    );
  }
  if (status === "overdue")
    return <strong className="regie-milestone-state--overdue">{t("progress.state_overdue-request")}</strong>;
  return <span>{t("progress.state_pending")}</span>;
}

export default function Round() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useProgressFormat();
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  const heading = t("progress.roundTitle", { period: d.round.period });
  const offsetText = (offset: number) =>
    offset < 0
      ? t("progress.offsetBefore", { count: -offset })
      : offset === 0
        ? t("progress.offsetDay")
        : t("progress.offsetAfter", { count: offset });
  const notices = {
    opened: t("progress.opened", { count: d.count }),
    resent: t("progress.resent"),
    closed: t("progress.closedNotice"),
    "already-closed": t("progress.alreadyClosed"),
  };
  return (
    <>
      <PageTitle title={heading} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{heading}</span>
        {f.period(d.round.period)}
      </h1>
      {d.notice ? <Notice>{notices[d.notice]}</Notice> : null}
      <dl className="regie-facts">
        <div>
          <dt>{t("progress.colStatus")}</dt>
          <dd>{d.round.open ? t("progress.roundStatus_open") : t("progress.roundStatus_closed")}</dd>
        </div>
        <div>
          <dt>{t("progress.colOpened")}</dt>
          <dd>{f.day(d.round.openedOn)}</dd>
        </div>
        <div>
          <dt>{t("progress.colDue")}</dt>
          <dd>{f.day(d.round.dueOn)}</dd>
        </div>
        <div>
          <dt>{t("progress.colCloses")}</dt>
          <dd>{f.day(d.round.closesOn)}</dd>
        </div>
        <div>
          <dt>{t("progress.schedule")}</dt>
          <dd>
            {d.reminders.length === 0
              ? t("progress.noReminders")
              : d.reminders
                  .map((r) => t("progress.reminderAt", { date: f.day(r.date), offset: offsetText(r.offset) }))
                  .join("; ")}
          </dd>
        </div>
        <div>
          <dt>{t("progress.countAnswered")}</dt>
          <dd>{d.totals.answered}</dd>
        </div>
        <div>
          <dt>{t("progress.countPending")}</dt>
          <dd>{d.totals.pending}</dd>
        </div>
        <div>
          <dt>{t("progress.countOverdue")}</dt>
          <dd>{d.totals.overdue}</dd>
        </div>
      </dl>

      <h2 className="nl-heading nl-heading--level-2" id="per-actie">
        {t("progress.perAction")}
      </h2>
      <div className="regie-table-wrap">
        <table className="regie-table" aria-labelledby="per-actie">
          <thead>
            <tr>
              <th scope="col">{t("progress.colAction")}</th>
              <th scope="col">{t("progress.colContact")}</th>
              <th scope="col">{t("progress.colState")}</th>
              <th scope="col">{t("progress.colSent")}</th>
              <th scope="col">{t("progress.colReminded")}</th>
              {d.round.open ? <th scope="col">{t("progress.colResend")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {d.requests.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link className="nl-link" to={`${base}/actions/${r.action.number}`}>
                    {r.action.number}. <span lang={lang}>{r.action.title}</span>
                  </Link>
                </th>
                <td>
                  {r.contact.name}
                  {r.contact.organisation ? (
                    <span className="regie-muted"> ({r.contact.organisation.name})</span>
                  ) : null}
                </td>
                <td>
                  <StateText status={r.status} answeredAt={r.answeredAt} />
                </td>
                <td>{r.sentAt ? f.moment(r.sentAt) : t("progress.notSent")}</td>
                <td>{r.lastRemindedAt ? f.moment(r.lastRemindedAt) : "–"}</td>
                {d.round.open ? (
                  <td>
                    <Form method="post" className="regie-inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="resend" />
                      <input type="hidden" name="requestId" value={String(r.id)} />
                      <button type="submit" className="nl-button nl-button--secondary">
                        {t("progress.resend")}
                        <span className="regie-visually-hidden">
                          {" "}
                          {t("progress.resendFor", { name: r.contact.name, number: r.action.number })}
                        </span>
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="nl-heading nl-heading--level-2" id="per-organisatie">
        {t("progress.perOrganisation")}
      </h2>
      {/* Nothing in this table is focusable, so the region itself is, for scrolling it sideways (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="regie-table-wrap" tabIndex={0} role="region" aria-labelledby="per-organisatie">
        <table className="regie-table" aria-labelledby="per-organisatie">
          <thead>
            <tr>
              <th scope="col">{t("progress.colOrganisation")}</th>
              <th scope="col" className="regie-num">
                {t("progress.countAnswered")}
              </th>
              <th scope="col" className="regie-num">
                {t("progress.countPending")}
              </th>
              <th scope="col" className="regie-num">
                {t("progress.countOverdue")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.perOrganisation.map((o) => (
              <tr key={o.name}>
                <th scope="row">{o.name}</th>
                <td className="regie-num">{o.answered}</td>
                <td className="regie-num">{o.pending}</td>
                <td className="regie-num">{o.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {d.round.open ? (
        <section aria-labelledby="sluiten">
          <h2 className="nl-heading nl-heading--level-2" id="sluiten">
            {t("progress.closeTitle")}
          </h2>
          <p className="nl-paragraph">{t("progress.closeText", { date: f.day(d.round.closesOn) })}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="nl-button nl-button--secondary regie-button-danger">
              {t("progress.closeSubmit")}
            </button>
          </Form>
        </section>
      ) : (
        <p className="nl-paragraph">{t("progress.closedText")}</p>
      )}
      <p className="nl-paragraph">
        <Link className="nl-link" to={`${base}/rounds`}>
          {t("progress.backToRounds")}
        </Link>
      </p>
    </>
  );
}
