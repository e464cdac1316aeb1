import { useTranslation } from "react-i18next";
import { data, Form, redirect, useActionData, useLoaderData, type AppLoadContext } from "react-router";
import { CsrfField, ErrorSummary, Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { ProgressFields, UpdateSummary, useProgressFormat } from "../../components/progress-parts";
import { formFields } from "../../domain/auth/schemas";
import { linkState, type LinkState } from "../../domain/progress/round-rules";
import { readProgressForm } from "../../domain/progress/progress-input";
import { hashSecret } from "../../lib/auth/secrets.server";
import { translator } from "../../lib/i18n/catalogue.server";
import {
  formValues,
  loadProgressForm,
  postedValues,
  todayOf,
  updateView,
} from "./progress-page.server";
import type { Route } from "./+types/respond";
import type { TFunction } from "i18next";
import type { SubmitResult } from "../../db/progress-update.repository";
import { pageAction, type FormReading } from "../shared/page-action.server";

/**
 * The page behind a personal link of an update round: no account, no session; the link's secret
 * opens the update form for its one action and round, and nothing else. Unknown or malformed
 * links are a 404, a closed round a 410; the form posts back to the same address.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

// The address holds a secret: not cached, not sent to other sites as a referrer, not indexed. (Not "no-referrer":
// browsers then send "Origin: null" with the form, which the action guard rightly refuses.)
export function headers() {
  return {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
  };
}

export function meta() {
  return [{ name: "robots", content: "noindex, nofollow" }];
}

async function requireLink(context: AppLoadContext, token: string | undefined) {
  const t = translator(context.language);
  if (!token || !TOKEN.test(token)) throw data(t("progress.linkUnknown"), { status: 404 });
  const link = await context.services.rounds.findByTokenHash(hashSecret(token));
  if (!link) throw data(t("progress.linkUnknown"), { status: 404 });
  return link;
}

type Page = Awaited<ReturnType<typeof loadPage>>;
type Link = Awaited<ReturnType<typeof requireLink>>;

async function loadPage(context: AppLoadContext, link: Awaited<ReturnType<typeof requireLink>>) {
  const form = await loadProgressForm(context, link.action.id, link.round.period);
  const state: LinkState = linkState(link.round, form.current !== null, todayOf(context));
  const milestones = await context.services.milestones.listForAction(link.action.id);
  return {
    state,
    programme: { title: link.programme.title, language: link.programme.language },
    action: { number: link.action.number, title: link.action.title },
    round: { period: link.round.period, dueOn: link.round.dueOn },
    // The answer as it stands, without anyone's name: whoever holds the link sees what the action reported.
    current: form.current ? { ...updateView(form.current, true, milestones), author: null } : null,
    milestones: state === "closed" ? [] : form.milestones,
    values: form.values,
    version: form.version,
  };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const link = await requireLink(context, params.token);
  const page = await loadPage(context, link);
  const saved = new URL(request.url).searchParams.get("done") === "saved";
  return data({ ...page, saved }, { status: page.state === "closed" ? 410 : 200 });
}

interface Posted {
  form: ReturnType<typeof postedValues>;
  version: string;
  actionNumber: string;
  period: string;
}

/** Why the link refuses the answer, and with which status: before reading it, or as the store found. */
function linkRefusal(t: TFunction, { link, page }: { link: Link; page: Page }, posted: Posted, result?: Extract<SubmitResult, { status: "refused" }>) {
  if (result) {
    if (result.reason === "closed") return { status: 410, text: t("progress.linkClosed") };
    if (result.reason === "locked") return { status: 409, text: t("progress.linkLocked") };
    if (result.reason === "period") return { status: 400, text: t("progress.linkWrongPeriod", { period: link.round.period }) };
    throw data(t("progress.linkUnknown"), { status: 404 });
  }
  if (page.state === "closed") return { status: 410, text: t("progress.linkClosed") };
  // The form names its action and period; a link is for its own and nothing else.
  if (posted.actionNumber !== String(link.action.number)) return { status: 403, text: t("progress.linkOtherAction", { number: link.action.number }) };
  if (posted.period !== link.round.period) return { status: 400, text: t("progress.linkWrongPeriod", { period: link.round.period }) };
  if (page.state === "locked") return { status: 409, text: t("progress.linkLocked") };
  return undefined;
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const t = translator(context.language);
  const shown = (page: Page, posted: Posted, errors: Record<string, string>) => ({ ...page, saved: false, errors, values: posted.form, version: posted.version });
  return pageAction(context, request, {
    load: async () => {
      const link = await requireLink(context, params.token);
      return { link, page: await loadPage(context, link) };
    },
    read: (form): FormReading<Posted, Extract<ReturnType<typeof readProgressForm>, { ok: true }>> => {
      const fields = formFields(form);
      const ticked = form.getAll("milestone").map(String);
      const values: Posted = { form: postedValues(fields, ticked), version: fields.version ?? "", actionNumber: fields.actionNumber ?? "", period: fields.period ?? "" };
      const read = readProgressForm(fields, ticked);
      return read.ok ? { values, value: read } : { values, errors: read.errors };
    },
    // The person behind the link answers, not an account: the link's contact is the author.
    change: ({ link }, read, { requestId, now }) =>
      context.services.progressUpdates.submit({
        programmeId: link.programme.id,
        action: link.action,
        period: link.round.period,
        values: read.values,
        expectedVersion: read.version,
        author: { userId: link.contact.userId, contactId: link.contact.id, label: link.contact.name },
        link: { requestId: link.request.id, tokenHash: link.request.tokenHash },
        now,
        today: todayOf(context),
        requestId,
      }),
    refused: (loaded, posted, _version, result) => {
      const refusal = linkRefusal(t, loaded, posted, result);
      return refusal && shown(loaded.page, posted, { form: refusal.text });
    },
    refusedStatus: (result, loaded, posted) => linkRefusal(t, loaded, posted, result)?.status ?? 409,
    answer: (posted, errors, _version, { page }) => shown(page, posted, errors),
    conflict: ({ page }, { current }) => ({
      ...page,
      saved: false,
      errors: { form: t("progress.conflict") },
      values: formValues(current),
      version: current ? String(current.version) : "",
    }),
    done: () => redirect(`/respond/${params.token}?done=saved`),
  });
}

export default function Respond() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useProgressFormat();
  const d = result ?? loaded;
  const errors: Record<string, string> = result?.errors ?? {};
  const values = result?.values ?? loaded.values;
  const version = result ? result.version : loaded.version;
  const lang = d.programme.language;
  const heading = t("progress.respondTitle", { number: d.action.number });
  const due = f.day(d.round.dueOn);
  return (
    <>
      <PageTitle title={heading} />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{heading}</span>
        <span lang={lang}>{d.action.title}</span>
      </h1>
      {loaded.saved && !result ? <Notice>{t("progress.respondSaved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      {d.state === "closed" ? (
        <p className="nl-paragraph">{t("progress.linkClosed")}</p>
      ) : (
        <>
          <p className="nl-paragraph">
            <span lang={lang}>{d.programme.title}</span>.{" "}
            {t("progress.respondWhen", { period: f.period(d.round.period), due })}
          </p>
          <p className="nl-paragraph">{t("progress.respondIntro")}</p>
          <p className="nl-paragraph">
            <strong>
              {d.state === "open"
                ? t("progress.respondOpen", { due })
                : d.state === "late"
                  ? t("progress.respondLate", { due })
                  : t("progress.respondLocked", { due })}
            </strong>
          </p>
          {d.current ? (
            <section aria-labelledby="antwoord">
              <h2 className="nl-heading nl-heading--level-2" id="antwoord">
                {t("progress.respondAnswer")}
              </h2>
              <UpdateSummary update={d.current} lang={lang} />
            </section>
          ) : null}
          {d.state === "open" || d.state === "late" ? (
            <Form method="post" className="regie-form" noValidate>
              <CsrfField />
              <input type="hidden" name="actionNumber" value={String(d.action.number)} />
              <input type="hidden" name="period" value={d.round.period} />
              <input type="hidden" name="version" value={version} />
              <ProgressFields values={values} errors={errors} milestones={d.milestones} lang={lang} />
              <div className="regie-actions-row">
                <button className="nl-button nl-button--primary" type="submit">
                  {t("progress.submit")}
                </button>
              </div>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
