import { useTranslation } from "react-i18next";
import type { ProgrammeTools, ThemeTools } from "../routes/programmes/editing-tools.server";
import { EditLinks } from "./editing";
import { Notice } from "./forms";

function SavedNotice({ saved }: { saved: number | null }) {
  const { t } = useTranslation();
  if (saved === null) return null;
  return <Notice>{saved > 0 ? t("edit.savedVersion", { version: saved }) : t("edit.nothingChanged")}</Notice>;
}

/** The programme page's parts for its programme manager. */
export function ProgrammeToolsPanel({ tools, slug }: { tools: ProgrammeTools; slug: string }) {
  const { t } = useTranslation();
  const links = [
    ...(tools.canEdit ? [{ href: `/programmes/${slug}/edit`, text: t("editing.editProgramme") }] : []),
    ...(tools.canAddAction
      ? [{ href: `/programmes/${slug}/actions/new`, text: t("editing.newAction") }]
      : []),
    ...(tools.canImport ? [{ href: `/programmes/${slug}/import`, text: t("workbookPages.importLink") }] : []),
  ];
  return (
    <>
      <SavedNotice saved={tools.saved} />
      <EditLinks links={links} />
      <p className="nl-paragraph">
        {/* A file, not a page: the browser downloads it instead of the router navigating. */}
        <a className="nl-link" href={`/programmes/${slug}/export.xlsx`} download>
          {t("workbookPages.download")}
        </a>
      </p>
    </>
  );
}

/** The theme page's parts for its programme manager. */
export function ThemeToolsPanel({
  tools,
  slug,
  number,
}: {
  tools: ThemeTools;
  slug: string;
  number: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SavedNotice saved={tools.saved} />
      <EditLinks
        links={
          tools.canEdit
            ? [
                {
                  href: `/programmes/${slug}/themes/${number}/edit`,
                  text: t("editing.editTheme", { number }),
                },
              ]
            : []
        }
      />
    </>
  );
}
