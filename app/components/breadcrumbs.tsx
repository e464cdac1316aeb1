import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useMatches } from "react-router";
import type { Language } from "../lib/i18n";

/** One step of the trail; the step without `to` is the page itself. `lang` marks text in the programme's language. */
export type Crumb = { label: string; to?: string; lang?: string };

/** The trail of a page, built from its loader data with the reader's `t` and language. */
export type BreadcrumbFn<D> = (data: D, t: TFunction, language: Language) => Crumb[];

type BreadcrumbHandle = { breadcrumb?: BreadcrumbFn<unknown> };

function hasBreadcrumb(handle: unknown): handle is Required<BreadcrumbHandle> {
  return (
    typeof handle === "object" &&
    handle !== null &&
    typeof (handle as BreadcrumbHandle).breadcrumb === "function"
  );
}

/**
 * The breadcrumb trail of the deepest route whose `handle` has a `breadcrumb`. Without loader data
 * (an error boundary) there is nothing to name the steps by, so no trail is shown.
 */
export function Breadcrumbs() {
  const matches = useMatches();
  const { t, i18n } = useTranslation();
  const match = [...matches].reverse().find((m) => hasBreadcrumb(m.handle));
  if (!match || match.data === undefined || !hasBreadcrumb(match.handle)) return null;
  const trail = match.handle.breadcrumb(match.data, t, i18n.language === "en" ? "en" : "nl");
  return (
    <nav aria-label={t("app.breadcrumb")} className="regie-breadcrumb">
      <ol>
        {trail.map((crumb, i) => {
          const text = crumb.lang ? <span lang={crumb.lang}>{crumb.label}</span> : crumb.label;
          return crumb.to ? (
            <li key={i}>
              <Link className="nl-link" to={crumb.to}>
                {text}
              </Link>
            </li>
          ) : (
            <li key={i} aria-current="page">
              {text}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
