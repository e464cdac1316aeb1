import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { CsrfField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { timestamp } from "../../domain/time";
import { translator } from "../../lib/i18n/catalogue.server";
import { importProgrammeWorkbook, type ProgrammePreview } from "../../lib/workbook.server";
import { requireAdmin } from "../admin/admin.server";
import { actorOf } from "../shared/page-action.server";
import { errorTexts } from "./workbook.server";
import { WorkbookErrors } from "./workbook-parts";
import type { Route } from "./+types/programme-import-preview";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("admin.title"), to: "/admin" },
    { label: t("workbookPages.programmeImportTitle"), to: "/admin/programme-import" },
    { label: t("workbookPages.previewTitle", { file: d.file }) },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, id: string) {
  const user = requireAdmin(context, request);
  const upload = /^[A-Za-z0-9_-]{10,64}$/.test(id) ? await context.services.workbooks.upload(id, user.id, timestamp(context.services.clock)) : undefined;
  if (!upload || upload.kind !== "programme") throw data(translator(context.language)("workbookPages.expired"), { status: 404 });
  return upload;
}

function view(context: Route.LoaderArgs["context"], result: ProgrammePreview) {
  if (!result.ok) return { summary: null, errors: errorTexts(context.language, result.errors) };
  const d = result.document;
  return {
    summary: {
      title: d.title,
      slug: d.slug,
      start: d.period.start,
      end: d.period.end,
      themes: d.themes.map((th) => ({ number: th.number, title: th.title, intentions: th.intentions.length })),
      actions: d.actions.map((a) => ({ number: a.number, title: a.title })),
      organisationsCreated: result.report.organisations.created,
      organisationsExisting: result.report.organisations.updated + result.report.organisations.unchanged,
      organisations: result.organisations.map((o) => ({ key: o.key, name: o.name, status: o.status, match: o.match?.name ?? null })),
    },
    errors: [] as string[],
  };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const upload = await load(context, request, params.id);
  const result = await importProgrammeWorkbook(context.services.db, upload.bytes, { dryRun: true, file: upload.fileName, actor: actorOf(context), clock: context.services.clock });
  return { file: upload.fileName, ...view(context, result) };
}

/** Creates the programme (one transaction, as the programme importer writes), or cancels. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const upload = await load(context, request, params.id);
  const fields = formFields(await request.formData());
  if (fields.intent === "cancel") {
    await context.services.workbooks.removeUpload(upload.id);
    return redirect("/admin/programme-import");
  }
  const result = await importProgrammeWorkbook(context.services.db, upload.bytes, { dryRun: false, file: upload.fileName, actor: actorOf(context), clock: context.services.clock });
  if (!result.ok) return data(view(context, result), { status: 400 });
  await context.services.workbooks.removeUpload(upload.id);
  return redirect(`/admin/programme-import?created=${encodeURIComponent(result.document.slug)}`);
}

export default function ProgrammeImportPreview() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.errors.length ? result.errors : loaded.errors;
  const s = loaded.summary;
  return (
    <>
      <PageTitle title={t("workbookPages.previewTitle", { file: loaded.file })} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("workbookPages.previewTitle", { file: loaded.file })}</h1>
      {errors.length > 0 ? <WorkbookErrors errors={errors} /> : null}
      {s ? (
        <>
          <p className="nl-paragraph">
            {t("workbookPages.programmePreview", { title: s.title, slug: s.slug, start: s.start, end: s.end, themes: s.themes.length, actions: s.actions.length })}
          </p>
          <p className="nl-paragraph">{t("workbookPages.programmeOrganisations", { created: s.organisationsCreated, existing: s.organisationsExisting })}</p>
          {s.organisations.length > 0 ? (
            <ul>
              {s.organisations.map((o) => (
                <li key={o.key}>{o.status === "matched" ? t("workbookPages.orgMatched", { name: o.name, match: o.match }) : t("workbookPages.orgNew", { name: o.name })}</li>
              ))}
            </ul>
          ) : null}
          <ul>
            {s.themes.map((th) => (
              <li key={th.number}>
                {th.number}. {th.title}
              </li>
            ))}
          </ul>
          <table className="regie-table">
            <caption>{t("workbookPages.newActions")}</caption>
            <tbody>
              {s.actions.map((a) => (
                <tr key={a.number}>
                  <th scope="row">{a.number}</th>
                  <td>{a.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <div className="regie-actions-row">
              <button type="submit" name="intent" value="create" className="nl-button nl-button--primary">
                {t("workbookPages.create")}
              </button>
              <button type="submit" name="intent" value="cancel" className="nl-button nl-button--secondary">
                {t("workbookPages.cancel")}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <p className="nl-paragraph">
          <Link className="nl-link" to="/admin/programme-import">
            {t("workbookPages.programmeImportTitle")}
          </Link>
        </p>
      )}
    </>
  );
}
