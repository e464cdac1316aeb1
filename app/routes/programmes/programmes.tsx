import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/programmes";
import { PageTitle } from "../../components/page-title";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

export async function loader({ context }: Route.LoaderArgs) {
  const programmes = await context.services.programmes.list();
  // The list gives no language; a programme's title is in its own language (a handful of programmes).
  const languages = await Promise.all(
    programmes.map(async (p) => (await context.services.programmes.get(p.slug))?.language),
  );
  return { programmes: programmes.map((p, i) => ({ ...p, language: languages[i] })) };
}

export default function ProgrammesPage() {
  const { programmes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("programmes.heading")} />
      <h1 className="nl-heading nl-heading--level-1">{t("programmes.heading")}</h1>
      <p className="nl-paragraph">{t("programmes.intro")}</p>
      <ul className="regie-action-links">
        {programmes.map((p) => (
          <li key={p.slug}>
            <Link className="nl-link" to={`/programmes/${p.slug}`}>
              <span lang={p.language}>
                {p.title}, {p.subtitle}
              </span>
            </Link>{" "}
            <span className="regie-muted">
              ({p.period.start}–{p.period.end}
              {p.isDefault ? `, ${t("programmes.default")}` : ""})
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
