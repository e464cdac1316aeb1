import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { CsrfField, Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { timestamp } from "../../domain/time";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { translateMessage } from "../../lib/errors";
import { applyWorkbookEdits, previewWorkbookEdits } from "../../lib/workbook.server";
import { actorOf } from "../shared/page-action.server";
import { requireProgramme } from "../shared/page-data.server";
import { errorTexts, previewOrErrors } from "./workbook.server";
import { PreviewTables, WorkbookErrors } from "./workbook-parts";
import type { Route } from "./+types/workbook-preview";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("workbookPages.importTitle"), to: `/programmes/${d.programme.slug}/import` },
    { label: t("workbookPages.previewTitle", { file: d.file }) },
  ],
};

/** The programme and the upload waiting for it, for the person who uploaded it. */
async function load(context: Route.LoaderArgs["context"], request: Request, slug: string, id: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "action.edit", { programmeId: programme.id });
  requirePermission(context, request, "organisation.edit", { programmeId: programme.id });
  const upload = /^[A-Za-z0-9_-]{10,64}$/.test(id)
    ? await context.services.workbooks.upload(id, context.principal.user!.id, timestamp(context.services.clock))
    : undefined;
  if (!upload || upload.kind !== "edits" || upload.programmeId !== programme.id) {
    throw data(translator(context.language)("workbookPages.expired"), { status: 404 });
  }
  return { programme, upload };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, upload } = await load(context, request, params.slug, params.id);
  const preview = await previewWorkbookEdits(context.services.db, programme, upload.bytes, context.language);
  const shown = previewOrErrors(context, preview);
  const needsChoices = shown.preview?.organisations.some((o) => o.status === "new") ?? false;
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    file: upload.fileName,
    ...shown,
    choices: needsChoices ? await context.services.organisations.choices() : [],
  };
}

/**
 * Applies the previewed workbook, or cancels it. Applying re-reads the kept file and checks that
 * the plan is still the one shown (`fingerprint`); if the programme changed in between, the new
 * preview is shown instead and nothing is written.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const { programme, upload } = await load(context, request, params.slug, params.id);
  const fields = formFields(await request.formData());
  const base = `/programmes/${programme.slug}/import`;
  if (fields.intent === "cancel") {
    await context.services.workbooks.removeUpload(upload.id);
    return redirect(base);
  }
  const t = translator(context.language);
  const choices = Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith("org."))
      .map(([k, v]) => [k.slice(4), v]),
  );
  const outcome = await applyWorkbookEdits(context.services.db, programme, upload.bytes, {
    fingerprint: fields.fingerprint ?? "",
    choices,
    actor: actorOf(context),
    requestId: context.requestId,
    now: timestamp(context.services.clock),
    language: context.language,
  });
  if (outcome.status === "ok") {
    await context.services.workbooks.removeUpload(upload.id);
    return redirect(`${base}?applied=${outcome.updated}-${outcome.created}-${outcome.organisations}`);
  }
  if (outcome.status === "stale") {
    return data({ stale: true, ...previewOrErrors(context, outcome.preview) }, { status: 409 });
  }
  if (outcome.status === "errors") return data({ stale: false, preview: null, errors: errorTexts(context.language, outcome.errors) }, { status: 400 });
  const messages = Object.values(outcome.errors).map((k) => translateMessage(t, k));
  const text = t("workbookPages.refusedAction", { number: outcome.number ?? "–", message: messages.join(" ") || t("workbookPages.stale") });
  return data({ stale: outcome.reason === "conflict", preview: null, errors: [text] }, { status: 409 });
}

export default function WorkbookPreview() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const preview = result?.preview ?? loaded.preview;
  const errors = result?.errors.length ? result.errors : loaded.errors;
  const base = `/programmes/${loaded.programme.slug}/import`;
  return (
    <>
      <PageTitle title={t("workbookPages.previewTitle", { file: loaded.file })} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("workbookPages.previewTitle", { file: loaded.file })}</h1>
      {result?.stale ? (
        <Notice>
          <p className="nl-paragraph">{t("workbookPages.stale")}</p>
        </Notice>
      ) : null}
      {errors.length > 0 ? <WorkbookErrors errors={errors} /> : null}
      {preview ? (
        <Form method="post" id="wb-apply" className="regie-form" noValidate>
          <CsrfField />
          <input type="hidden" name="fingerprint" value={preview.fingerprint} />
          <PreviewTables preview={preview} choices={loaded.choices} />
          <div className="regie-actions-row">
            {preview.edits.length + preview.creates.length > 0 ? (
              <button type="submit" name="intent" value="apply" className="nl-button nl-button--primary">
                {t("workbookPages.apply")}
              </button>
            ) : null}
            <button type="submit" name="intent" value="cancel" className="nl-button nl-button--secondary">
              {t("workbookPages.cancel")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="nl-paragraph">
          <Link className="nl-link" to={base}>
            {t("workbookPages.importTitle")}
          </Link>
        </p>
      )}
    </>
  );
}
