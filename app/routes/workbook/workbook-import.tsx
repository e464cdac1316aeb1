import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, redirect, useActionData, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { timestamp } from "../../domain/time";
import { requirePermission } from "../../lib/auth/guards.server";
import { previewWorkbookEdits } from "../../lib/workbook.server";
import { requireProgramme } from "../shared/page-data.server";
import { errorTexts, receiveWorkbook, uploadLimits } from "./workbook.server";
import { WorkbookUploadForm } from "./workbook-parts";
import type { Route } from "./+types/workbook-import";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("workbookPages.importTitle") },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "action.edit", { programmeId: programme.id });
  requirePermission(context, request, "organisation.edit", { programmeId: programme.id });
  return programme;
}

function appliedOf(request: Request) {
  const raw = new URL(request.url).searchParams.get("applied");
  const m = raw ? /^(\d+)-(\d+)-(\d+)$/.exec(raw) : null;
  return m ? { updated: Number(m[1]), created: Number(m[2]), organisations: Number(m[3]) } : null;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    limits: uploadLimits(context),
    applied: appliedOf(request),
  };
}

/**
 * Reads the upload at once: a workbook that cannot be read, or whose rows do not hold, is answered
 * here with every error and nothing is kept. A readable one is kept for its preview page.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const programme = await load(context, request, params.slug);
  const received = await receiveWorkbook(context, await request.formData());
  if (!received.ok) return data({ errors: [received.error] }, { status: 400 });
  const preview = await previewWorkbookEdits(context.services.db, programme, received.bytes, context.language);
  if (!preview.ok) return data({ errors: errorTexts(context.language, preview.errors) }, { status: 400 });
  const id = await context.services.workbooks.saveUpload({
    kind: "edits",
    programmeId: programme.id,
    userId: context.principal.user!.id,
    fileName: received.fileName,
    bytes: received.bytes,
    now: timestamp(context.services.clock),
  });
  return redirect(`/programmes/${programme.slug}/import/${id}`);
}

export default function WorkbookImport() {
  const { programme, limits, applied } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("workbookPages.importTitle")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("workbookPages.importTitle")}</h1>
      {applied ? (
        <Notice>
          <p className="nl-paragraph">{t("workbookPages.applied", applied)}</p>
        </Notice>
      ) : null}
      <p className="nl-paragraph">{t("workbookPages.importIntro")}</p>
      <p className="nl-paragraph">
        <a className="nl-link" href={`/programmes/${programme.slug}/export.xlsx`} download>
          {t("workbookPages.download")}
        </a>
      </p>
      <WorkbookUploadForm errors={result?.errors ?? []} limits={limits} />
    </>
  );
}
