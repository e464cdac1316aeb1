import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { SiteFooter, SiteHeader } from "./components/site-chrome";
import { PageTitle } from "./components/page-title";
import type { Language } from "./lib/i18n";
import { clientCatalogue } from "./lib/i18n/catalogue.server";
import { loadClientMessages } from "./lib/i18n/client-messages";
import { sendsClientScripts } from "./routes/shared/route-handles";
import { can } from "./domain/auth/permissions";
import stylesheet from "./styles/app.css?url";
import type { Route } from "./+types/root";

export const links = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  // The shell must render even when the database fails, so the error page can show the request id.
  const defaultProgramme = await context.services.programmes.defaultSlug().catch(() => null);
  const user = context.principal.user;
  return {
    language: context.language,
    /** The browser's catalogue of this language (entry.client.tsx hydrates with it). */
    messages: clientCatalogue(context.language).path,
    nonce: context.nonce,
    requestId: context.requestId,
    defaultProgramme,
    csrfToken: context.csrfToken,
    user: user ? { name: user.name, isAdmin: user.isAdmin } : null,
    workNavigation: user ? await workNavigation(context).catch(() => null) : null,
  };
}

/**
 * The programmes (by slug) whose update rounds and meetings the signed-in person may use, so that
 * the navigation offers them there; an administrator may use them in every programme.
 */
async function workNavigation(context: Route.LoaderArgs["context"]) {
  const { principal, services } = context;
  const ids = principal.user?.isAdmin
    ? await Promise.all((await services.programmes.list()).map(async (p) => (await services.programmes.ref(p.slug))?.id))
    : [...principal.roles.keys()];
  const rounds: string[] = [];
  const meetings: string[] = [];
  for (const id of ids) {
    if (id === undefined) continue;
    const slug = await services.programmes.slugOf(id);
    if (!slug) continue;
    if (can(principal, "rounds.manage", { programmeId: id })) rounds.push(slug);
    if (can(principal, "decision.record", { programmeId: id })) meetings.push(slug);
  }
  return { rounds, meetings };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const { i18n } = useTranslation();
  const language: Language = data?.language ?? (i18n.language === "en" ? "en" : "nl");
  // The browser holds only the language it was served; another one is fetched before switching.
  if (i18n.language !== language && i18n.hasResourceBundle(language, "translation")) void i18n.changeLanguage(language);
  const messages = data?.messages;
  // Visitors read pages that work as plain HTML, so they get no client code unless a route asks for
  // it (decision 0016). In the browser this only renders after hydration, which means the server
  // sent the scripts; they then stay, even when a signed-in user signs out without a reload.
  const matches = useMatches();
  const scripts =
    typeof document !== "undefined" ||
    sendsClientScripts(
      Boolean(data?.user),
      matches.map((match) => match.handle),
    );
  useEffect(() => {
    if (i18n.language === language || !messages) return;
    let current = true;
    loadClientMessages(messages).then(
      (loaded) => {
        i18n.addResourceBundle(language, "translation", loaded);
        if (current) void i18n.changeLanguage(language);
      },
      () => window.location.reload(),
    );
    return () => {
      current = false;
    };
  }, [i18n, language, messages]);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {scripts && data?.messages ? <link rel="preload" as="fetch" crossOrigin="anonymous" href={data.messages} data-regie-messages="" /> : null}
        <Links nonce={data?.nonce} />
      </head>
      <body className="voorbeeld-theme">
        <SiteHeader language={language} defaultProgramme={data?.defaultProgramme ?? null} />
        <main id="inhoud" tabIndex={-1} className="regie-main">
          {children}
        </main>
        <SiteFooter />
        {/* Without scripts nothing would save scroll positions; the browser restores them itself. */}
        {scripts ? <ScrollRestoration nonce={data?.nonce} /> : null}
        {scripts ? <Scripts nonce={data?.nonce} /> : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const data = useRouteLoaderData<RootData>("root");
  const location = useLocation();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <>
        <PageTitle title={t("errors.notFoundTitle")} />
        <h1 className="nl-heading nl-heading--level-1">{t("errors.notFoundTitle")}</h1>
        <p className="nl-paragraph">{typeof error.data === "string" && error.data ? error.data : t("errors.notFoundText")}</p>
        <p className="nl-paragraph">
          <code>{location.pathname}</code>
        </p>
        <p className="nl-paragraph">
          <a className="nl-link" href="/">
            {t("errors.backHome")}
          </a>
        </p>
      </>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    // A page someone may not see: say so plainly, and point to where their own work is.
    return (
      <>
        <PageTitle title={t("auth.forbiddenTitle")} />
        <h1 className="nl-heading nl-heading--level-1">{t("auth.forbiddenTitle")}</h1>
        <p className="nl-paragraph">{typeof error.data === "string" && error.data ? error.data : t("auth.noAccessPage")}</p>
        <p className="nl-paragraph">
          {data?.user ? (
            <a className="nl-link" href="/work">
              {t("work.title")}
            </a>
          ) : (
            <a className="nl-link" href="/">
              {t("errors.backHome")}
            </a>
          )}
        </p>
      </>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 400) {
    return (
      <>
        <PageTitle title={t("errors.badRequestTitle")} />
        <h1 className="nl-heading nl-heading--level-1">{t("errors.badRequestTitle")}</h1>
        <p className="nl-paragraph">{typeof error.data === "string" ? error.data : ""}</p>
        <p className="nl-paragraph">
          <a className="nl-link" href="/">
            {t("errors.backHome")}
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t("errors.errorTitle")} />
      <h1 className="nl-heading nl-heading--level-1">{t("errors.errorTitle")}</h1>
      <p className="nl-paragraph">
        {t("errors.errorText")} <code>{data?.requestId ?? "–"}</code>
      </p>
      <p className="nl-paragraph">
        <a className="nl-link" href="/">
          {t("errors.backHome")}
        </a>
      </p>
    </>
  );
}
