import { useTranslation } from "react-i18next";
import { data, Form, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { authErrors, formFields, tokenNameSchema } from "../../domain/auth/schemas";
import { requireUser } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/account";
import { isRecordId } from "../../domain/primitives";
import { formErrors } from "../shared/page-action.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const [record, roles, tokens] = await Promise.all([
    context.services.users.findById(user.id),
    context.services.users.roles(user.id),
    context.services.auth.listTokens(user.id),
  ]);
  const query = new URL(request.url).searchParams;
  return {
    user: {
      name: user.name,
      email: user.email,
      isAdmin: user.isAdmin,
      organisation: record?.organisation?.name ?? null,
    },
    roles,
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at,
      revoked: t.revoked_at !== null,
    })),
    // A new account and a changed password each say what happened.
    welcome: query.has("welcome") ? "welcome" : query.has("reset") ? "reset" : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const t = translator(context.language);
  const fields = formFields(await request.formData());
  if (fields.intent === "create-token") {
    const parsed = tokenNameSchema.safeParse(fields);
    if (!parsed.success) {
      const errors = formErrors(context, authErrors(parsed.error), { extra: () => ({ max: 100 }) });
      return data({ errors, token: null, revoked: false }, { status: 400 });
    }
    const created = await context.services.auth.createApiToken(user.id, parsed.data.name);
    return { errors: {} as Record<string, string>, token: created.token, revoked: false };
  }
  if (fields.intent === "revoke-token" && isRecordId(fields.tokenId)) {
    const revoked = await context.services.auth.revokeToken(user.id, Number(fields.tokenId));
    if (!revoked) throw data(t("errors.notFoundText"), { status: 404 });
    return { errors: {} as Record<string, string>, token: null, revoked: true };
  }
  throw data(t("errors.badRequestTitle"), { status: 400 });
}

export default function Account() {
  const { user, roles, tokens, welcome } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
          dateStyle: "medium",
          timeStyle: "short",
          timeZone: "Europe/Amsterdam",
        }).format(new Date(iso))
      : t("account.never");
  return (
    <>
      <PageTitle title={t("account.title")} />
      <h1 className="nl-heading nl-heading--level-1">{t("account.title")}</h1>
      {welcome ? <Notice>{t(welcome === "welcome" ? "work.accountCreated" : "auth.resetDone")}</Notice> : null}
      <dl className="regie-facts">
        <div>
          <dt>{t("auth.name")}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t("auth.email")}</dt>
          <dd>{user.email}</dd>
        </div>
        {user.organisation ? (
          <div>
            <dt>{t("auth.organisation")}</dt>
            <dd>{user.organisation}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="rollen">
        <h2 className="nl-heading nl-heading--level-2" id="rollen">
          {t("account.roles")}
        </h2>
        <ul>
          {user.isAdmin ? <li>{t("account.admin")}</li> : null}
          {roles.map((r) => (
            <li key={`${r.programmeSlug}-${r.role}`}>
              {t(`role.${r.role}`)} · {r.programmeSlug}
            </li>
          ))}
        </ul>
        {!user.isAdmin && roles.length === 0 ? <p className="nl-paragraph">{t("account.noRoles")}</p> : null}
      </section>
      <section aria-labelledby="tokens">
        <h2 className="nl-heading nl-heading--level-2" id="tokens">
          {t("account.tokens")}
        </h2>
        <p className="nl-paragraph">{t("account.tokensIntro")}</p>
        {result?.token ? (
          <Notice>
            <p className="nl-paragraph">{t("account.tokenCreated")}</p>
            <p className="nl-paragraph">
              <code className="regie-secret">{result.token}</code>
            </p>
          </Notice>
        ) : null}
        {result?.revoked ? <Notice>{t("account.tokenRevoked")}</Notice> : null}
        {tokens.length === 0 ? (
          <p className="nl-paragraph">{t("account.tokenNone")}</p>
        ) : (
          <div className="regie-table-wrap">
            <table className="regie-table">
              <caption className="regie-visually-hidden">{t("account.tokens")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("account.tokenName")}</th>
                  <th scope="col">{t("account.tokenCreatedAt")}</th>
                  <th scope="col">{t("account.tokenLastUsed")}</th>
                  <th scope="col">
                    <span className="regie-visually-hidden">{t("account.tokenRevoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>{date(token.createdAt)}</td>
                    <td>{date(token.lastUsedAt)}</td>
                    <td>
                      {token.revoked ? (
                        t("account.tokenRevoked")
                      ) : (
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="intent" value="revoke-token" />
                          <input type="hidden" name="tokenId" value={token.id} />
                          <button
                            type="submit"
                            className="nl-button nl-button--secondary"
                            aria-label={`${t("account.tokenRevoke")}: ${token.name}`}
                          >
                            {t("account.tokenRevoke")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ErrorSummary errors={result?.errors} />
        <Form method="post" className="regie-form regie-form--inline" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="create-token" />
          <TextField name="name" label={t("account.tokenName")} error={result?.errors.name} maxLength={100} />
          <div className="regie-actions-row">
            <button type="submit" className="nl-button nl-button--primary">
              {t("account.tokenCreate")}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="privacy">
        <h2 className="nl-heading nl-heading--level-2" id="privacy">
          {t("account.privacy")}
        </h2>
        <p className="nl-paragraph">
          <a className="nl-link" href="/account/data.json" download>
            {t("account.exportData")}
          </a>
        </p>
      </section>
    </>
  );
}
