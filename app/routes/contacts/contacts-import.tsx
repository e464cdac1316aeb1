import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, useActionData } from "react-router";
import { CheckField } from "../../components/admin-forms";
import { CsrfField, ErrorSummary, Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { parseContactFile } from "../../domain/contacts/contacts";

import { actorOf } from "../shared/page-action.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { translateMessage } from "../../lib/errors";
import { requireProgramme } from "../shared/page-data.server";
import { timestamp } from "../../domain/time";
import type { Route } from "./+types/contacts-import";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("contacts.importTitle") },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "contacts.manage", { programmeId: programme.id });
  return programme;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  return { programme: { slug: programme.slug, title: programme.title, language: programme.language } };
}

interface ImportAnswer {
  ok: boolean;
  dryRun: boolean;
  counts: { created: number; updated: number; unchanged: number } | null;
  /** Requests of an open update round the import made (contacts of actions not asked yet). */
  asked: number;
  problems: { line: number | null; messages: string[] }[];
  fieldError: string | null;
}

/**
 * One submit: the file is checked as a whole; with any problem nothing is written and every
 * problem is listed by line. "Check only" reports what an import would do without writing.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const programme = await load(context, request, params.slug);
  const t = translator(context.language);
  const form = await request.formData();
  const dryRun = form.get("dryRun") === "yes";
  const answer = (status: number, a: Partial<ImportAnswer>) =>
    data<ImportAnswer>(
      { ok: false, dryRun, counts: null, asked: 0, problems: [], fieldError: null, ...a },
      { status },
    );
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return answer(400, { fieldError: t("contacts.fileRequired") });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const [actionIds, lookup] = await Promise.all([
    context.services.contacts.actionIds(programme.id),
    context.services.organisations.lookup(),
  ]);
  const parsed = parseContactFile(bytes, { actionExists: (n) => actionIds.has(n), organisations: lookup });
  if (!parsed.ok) {
    return answer(400, {
      problems: parsed.problems.map((p) => ({
        line: p.line,
        messages: p.messages.map((m) => translateMessage(t, m)),
      })),
    });
  }
  const result = await context.services.contacts.importRows({
    programmeId: programme.id,
    actor: actorOf(context),
    now: timestamp(context.services.clock),
    requestId: context.requestId,
    askOpenRounds: true,
    dryRun,
    rows: parsed.rows.map((r) => ({
      actionId: actionIds.get(r.actionNumber)!,
      actionNumber: r.actionNumber,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
    })),
  });
  if (result.status !== "ok")
    return answer(409, {
      problems: [
        { line: null, messages: [t("contacts.organisationUnknownName", { param: result.organisation })] },
      ],
    });
  // Requests of an open round go out from the job runner, right after this answer.
  if (result.asked > 0) context.services.jobRunner.wake();
  return answer(200, { ok: true, counts: result.counts, asked: result.asked });
}

export default function ContactsImport() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("contacts.importTitle")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("contacts.importTitle")}</h1>
      <p className="nl-paragraph">{t("contacts.importIntro")}</p>
      <pre className="regie-mail-text">
        {"action;name;email;organisation\n17;Anna de Vries;anna@example.org;gemeente-leiden"}
      </pre>
      <p className="nl-paragraph">{t("contacts.importRules")}</p>
      {result?.ok ? (
        <Notice>
          <p className="nl-paragraph">
            {result.dryRun ? t("contacts.importChecked") : t("contacts.importDone")}
          </p>
          <ul>
            <li>{t("contacts.countCreated", { count: result.counts?.created ?? 0 })}</li>
            <li>{t("contacts.countUpdated", { count: result.counts?.updated ?? 0 })}</li>
            <li>{t("contacts.countUnchanged", { count: result.counts?.unchanged ?? 0 })}</li>
            {result.asked > 0 ? <li>{t("contacts.countAsked", { count: result.asked })}</li> : null}
          </ul>
        </Notice>
      ) : null}
      {result && result.problems.length > 0 ? (
        <div className="regie-error-summary" role="alert" aria-labelledby="importfouten">
          <h2 className="nl-heading nl-heading--level-2" id="importfouten">
            {t("contacts.importRefused")}
          </h2>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>
                {p.line === null
                  ? p.messages.join(" ")
                  : t("contacts.problemLine", { line: p.line, messages: p.messages.join(" ") })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.fieldError ? <ErrorSummary errors={{ file: result.fieldError }} /> : null}
      <Form method="post" encType="multipart/form-data" className="regie-form regie-form--inline" noValidate>
        <CsrfField />
        <div className="regie-field">
          <label htmlFor="veld-file">{t("contacts.file")}</label>
          <span className="regie-hint" id="veld-file-hint">
            {t("contacts.fileHint")}
          </span>
          <input
            type="file"
            id="veld-file"
            name="file"
            accept=".csv,text/csv"
            aria-invalid={result?.fieldError ? true : undefined}
            aria-describedby={result?.fieldError ? "veld-file-hint veld-file-fout" : "veld-file-hint"}
          />
          {result?.fieldError ? (
            <p className="regie-field-error" id="veld-file-fout">
              {result.fieldError}
            </p>
          ) : null}
        </div>
        <CheckField name="dryRun" label={t("contacts.dryRun")} />
        <div className="regie-actions-row">
          <button type="submit" className="nl-button nl-button--primary">
            {t("contacts.importSubmit")}
          </button>
        </div>
      </Form>
    </>
  );
}
