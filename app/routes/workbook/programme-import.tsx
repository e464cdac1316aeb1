import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, redirect, useActionData, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { timestamp } from "../../domain/time";
import { importProgrammeWorkbook } from "../../lib/workbook.server";
import { requireAdmin } from "../admin/admin.server";
import { actorOf } from "../shared/page-action.server";
import { errorTexts, receiveWorkbook, uploadLimits } from "./workbook.server";
import { WorkbookUploadForm } from "./workbook-parts";
import type { Route } from "./+types/programme-import";

export const handle = {
  breadcrumb: (_d: unknown, t: TFunction): Crumb[] => [{ label: t("admin.title"), to: "/admin" }, { label: t("workbookPages.programmeImportTitle") }],
};

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request);
  const created = new URL(request.url).searchParams.get("created");
  const programme = created ? await context.services.programmes.get(created) : undefined;
  return { limits: uploadLimits(context), created: programme ? { slug: programme.slug, title: programme.title } : null };
}

/** A filled-in template: read and planned at once (nothing written); kept for its preview when it holds. */
export async function action({ context, request }: Route.ActionArgs) {
  requireAdmin(context, request);
  const received = await receiveWorkbook(context, await request.formData());
  if (!received.ok) return data({ errors: [received.error] }, { status: 400 });
  const preview = await importProgrammeWorkbook(context.services.db, received.bytes, { dryRun: true, file: received.fileName, actor: actorOf(context), clock: context.services.clock });
  if (!preview.ok) return data({ errors: errorTexts(context.language, preview.errors) }, { status: 400 });
  const id = await context.services.workbooks.saveUpload({
    kind: "programme",
    programmeId: null,
    userId: context.principal.user!.id,
    fileName: received.fileName,
    bytes: received.bytes,
    now: timestamp(context.services.clock),
  });
  return redirect(`/admin/programme-import/${id}`);
}

export default function ProgrammeImport() {
  const { limits, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("workbookPages.programmeImportTitle")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("workbookPages.programmeImportTitle")}</h1>
      {created ? (
        <Notice>
          <p className="nl-paragraph">
            <a className="nl-link" href={`/programmes/${created.slug}`}>
              {t("workbookPages.created", { title: created.title })}
            </a>
          </p>
        </Notice>
      ) : null}
      <p className="nl-paragraph">{t("workbookPages.programmeImportIntro")}</p>
      <p className="nl-paragraph">
        <a className="nl-link" href="/programmes/template.xlsx" download>
          {t("workbookPages.downloadTemplate")}
        </a>
      </p>
      <WorkbookUploadForm errors={result?.errors ?? []} limits={limits} />
    </>
  );
}
