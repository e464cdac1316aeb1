import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import type { OrganisationReferences } from "../../db/organisation.repository";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { formVersion, pageAction } from "../shared/page-action.server";
import type { Route } from "./+types/organisation-merge";
import { message, translateMessage, type Message } from "../../lib/errors";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("organisations.heading"), to: "/organisations" },
    { label: d.name, to: `/organisations/${d.slug}` },
    { label: t("editing.merge") },
  ],
};

const MOVES: (keyof OrganisationReferences)[] = [
  "actionRoles",
  "programmeRoles",
  "participation",
  "contacts",
  "users",
  "meetings",
  "aliases",
];

/** The organisation, or 404; a page opened under a former slug (merged away or changed) is sent to the current one. */
async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const organisation = await context.services.organisations.snapshot(slug);
  if (!organisation) {
    const current =
      request.method === "GET" ? await context.services.organisations.currentSlugFor(slug) : undefined;
    if (current) throw redirect(`/organisations/${current}/merge`);
    throw data(translator(context.language)("errors.organisationNotFound"), { status: 404 });
  }
  requirePermission(context, request, "organisation.edit");
  return organisation;
}

/** The confirmation step: what moves from the organisation to the chosen one. */
async function confirmation(context: Route.LoaderArgs["context"], from: { id: number }, into: string) {
  const store = context.services.organisations;
  const target = await store.snapshot(into);
  if (!target) return undefined;
  return {
    target: { slug: target.slug, name: target.name, version: target.version },
    moves: await store.references(from.id),
  };
}

/**
 * Two steps that work without JavaScript: choose the organisation to merge into (a GET form), then
 * confirm after seeing what moves (a POST with both versions, so that a change meanwhile is noticed).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const organisation = await load(context, request, params.slug);
  const t = translator(context.language);
  const choices = (await context.services.organisations.choices()).filter(
    (c) => c.slug !== organisation.slug,
  );
  const page = { slug: organisation.slug, name: organisation.name, version: organisation.version, choices };
  const into = new URL(request.url).searchParams.get("into");
  if (into === null) return { ...page, error: null, confirm: null };
  const refuse = (key: string, params?: Message["params"]) =>
    data({ ...page, error: translateMessage(t, message(key, params)), confirm: null }, { status: 400 });
  if (into === "") return refuse("editing.mergeTargetRequired");
  if (into === organisation.slug) return refuse("editing.mergeSelf");
  const confirm = await confirmation(context, organisation, into);
  if (!confirm) return refuse("editing.mergeTargetUnknown", { param: into.slice(0, 200) });
  return { ...page, error: null, confirm };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params.slug),
    read: (form) => {
      const fields = formFields(form);
      return { values: null, value: { into: fields.into ?? "", expectedIntoVersion: formVersion(fields.intoVersion) } };
    },
    change: (organisation, input, write, version) =>
      context.services.organisations.merge({ slug: organisation.slug, ...input, expectedVersion: version, ...write }),
    // The form names one field, the organisation to merge into.
    answer: (_values, errors) => ({ error: errors.into ?? t("edit.invalid"), conflict: null }),
    notFound: message("errors.organisationNotFound"),
    async conflict(_organisation, result) {
      const confirm = result.into ? await confirmation(context, result.current, result.into.slug) : undefined;
      return { error: null, conflict: { version: result.current.version, name: result.current.name, confirm: confirm ?? null } };
    },
    done: (_organisation, result) => redirect(`/organisations/${result.into.slug}?merged=1`),
  });
}

export default function OrganisationMerge() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const base = `/organisations/${loaded.slug}`;
  const title = t("editing.mergeTitle", { name: loaded.name });
  const error = result?.error ?? loaded.error;
  const confirm = result?.conflict ? result.conflict.confirm : result?.error ? null : loaded.confirm;
  const version = result?.conflict?.version ?? loaded.version;
  return (
    <>
      <PageTitle title={title} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{title}</h1>
      <p className="nl-paragraph">{t("editing.mergeIntro", { name: loaded.name })}</p>
      {result?.conflict ? (
        <section className="regie-error-summary" role="alert" aria-labelledby="conflict">
          <h2 className="nl-heading nl-heading--level-2" id="conflict">
            {t("editing.mergeConflictTitle")}
          </h2>
          <p className="nl-paragraph">
            {t("editing.mergeConflictText", { from: loaded.name, into: confirm?.target.name ?? "–" })}
          </p>
        </section>
      ) : (
        <ErrorSummary errors={error ? { into: error } : undefined} />
      )}
      {confirm ? (
        <section aria-labelledby="verhuist">
          <h2 className="nl-heading nl-heading--level-2" id="verhuist">
            {t("editing.mergeConfirmTitle")}
          </h2>
          <p className="nl-paragraph">
            {t("editing.mergeMoves", { from: loaded.name, into: confirm.target.name })}
          </p>
          <ul className="regie-moves">
            {MOVES.map((m) => (
              <li key={m}>{t(`editing.moves_${m}`, { count: confirm.moves[m] })}</li>
            ))}
          </ul>
          <p className="nl-paragraph">{t("editing.mergeDuplicates", { into: confirm.target.name })}</p>
          <Form method="post" className="regie-form regie-form--inline">
            <CsrfField />
            <input type="hidden" name="into" value={confirm.target.slug} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="intoVersion" value={confirm.target.version} />
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit">
                {t("editing.mergeConfirm", { from: loaded.name, into: confirm.target.name })}
              </button>
              <Link className="nl-link" to={`${base}/merge`}>
                {t("editing.mergeOther")}
              </Link>
            </div>
          </Form>
        </section>
      ) : (
        <Form method="get" className="regie-form regie-form--inline">
          <div className="regie-field">
            <label htmlFor="veld-into">{t("editing.mergeTarget")}</label>
            <select
              id="veld-into"
              name="into"
              defaultValue=""
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "veld-into-fout" : undefined}
            >
              <option value="">{t("editing.mergeChoose")}</option>
              {loaded.choices.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name} ({t(`kind.${c.kind}`)})
                </option>
              ))}
            </select>
            {error ? (
              <p className="regie-field-error" id="veld-into-fout">
                {error}
              </p>
            ) : null}
          </div>
          <div className="regie-actions-row">
            <button className="nl-button nl-button--primary" type="submit">
              {t("editing.mergeNext")}
            </button>
            <Link className="nl-link" to={base}>
              {t("forms.cancel")}
            </Link>
          </div>
        </Form>
      )}
    </>
  );
}
