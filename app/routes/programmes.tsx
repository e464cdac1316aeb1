import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/programmes";
import { PageTitle } from "../components/page-title";

export async function loader({ context }: Route.LoaderArgs) {
  return { programmes: await context.services.programmes.list() };
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
              {p.title}, {p.subtitle}
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
