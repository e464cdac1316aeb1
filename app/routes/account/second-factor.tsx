import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Form, redirect, useActionData, useLoaderData, type AppLoadContext } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { groupedSecret } from "../../domain/auth/second-factor";
import { text } from "../../domain/primitives";
import { formAnswer, pageAction } from "../shared/page-action.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { message, zodFieldErrors } from "../../lib/errors";
import type { Route } from "./+types/second-factor";
import { z } from "zod";

export const handle = {
  breadcrumb: (_d: unknown, t: TFunction): Crumb[] => [{ label: t("account.title"), to: "/account" }, { label: t("identity.title") }],
};

const confirmSchema = z.object({ code: text().regex(/^\d{6}$/, { message: "identity.codeFormat" }) });

/**
 * The signed-in person, also while they still must enrol (this page is the one place open to them
 * then, which is why it does not go through `requirePermission`).
 */
function requireSignedIn(context: AppLoadContext, request: Request) {
  const user = context.principal.user;
  if (!user || context.principal.via !== "session") {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname)}`);
  }
  return user;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireSignedIn(context, request);
  const enrolment = await context.services.secondFactors.enrolment(user, new URL(request.url).searchParams.get("k"));
  const required = Boolean(context.principal.enrolmentRequired);
  if ("enrolled" in enrolment)
    return { enrolled: true as const, required, recoveryCodesLeft: await context.services.secondFactors.unusedRecoveryCodes(user.id) };
  return { enrolled: false as const, required, k: enrolment.k, secret: groupedSecret(enrolment.secret), uri: enrolment.uri };
}

export async function action({ context, request }: Route.ActionArgs) {
  return pageAction(context, request, {
    load: () => Promise.resolve(requireSignedIn(context, request)),
    read: (form) => {
      const raw = form.get("code");
      const code = typeof raw === "string" ? raw.replace(/\s/g, "") : "";
      return { values: { code }, input: { code } };
    },
    schema: confirmSchema,
    schemaErrors: (error) => zodFieldErrors(error, { accept: /^(identity|input)\./ }),
    change: async (user, input, write) => {
      const k = new URL(request.url).searchParams.get("k") ?? "";
      const outcome = await context.services.secondFactors.confirm({ userId: user.id, k, code: input.code, actor: write.actor, requestId: write.requestId });
      if (outcome === "wrong-code") return { status: "invalid" as const, errors: { code: message("identity.codeWrong") } };
      // Enrolled meanwhile (in another tab): the page then says so.
      if (outcome === "enrolled") return { status: "enrolled" as const };
      return { status: "ok" as const };
    },
    answer: (values, errors, version) => formAnswer(values, errors, version),
    notFound: { key: "identity.enrolmentGone" },
    refused: (_user, _values, _version, result) => (result ? { errors: { form: translator(context.language)("identity.enrolled") }, values: { code: "" }, version: -1, conflict: null } : undefined),
    done: () => redirect("/account/second-factor/recovery-codes"),
  });
}

export default function SecondFactor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const { t } = useTranslation();
  return (
    <div className="regie-narrow">
      <PageTitle title={t("identity.title")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("identity.title")}</h1>
      {loaded.enrolled ? (
        <>
          <Notice>{t("identity.enrolled")}</Notice>
          <p className="nl-paragraph">{t("identity.recoveryCodesLeft", { count: loaded.recoveryCodesLeft })}</p>
        </>
      ) : (
        <>
          {loaded.required ? <Notice>{t("identity.requiredNotice")}</Notice> : null}
          <p className="nl-paragraph">{t("identity.enrolIntro")}</p>
          <ol>
            <li>{t("identity.enrolStepApp")}</li>
            <li>
              {t("identity.enrolStepSecret")}
              <p className="nl-paragraph">
                <strong>{t("identity.secret")}: </strong>
                <code data-secret>{loaded.secret}</code>
              </p>
              <p className="nl-paragraph">
                {t("identity.uriLabel")}: <code className="regie-secret-uri">{loaded.uri}</code>
              </p>
            </li>
            <li>{t("identity.enrolStepCode")}</li>
          </ol>
          <ErrorSummary errors={result ? errors : undefined} />
          <Form method="post" action={`/account/second-factor?k=${loaded.k}`} className="regie-form" noValidate>
            <CsrfField />
            <TextField
              name="code"
              label={t("identity.code")}
              hint={t("identity.enrolCodeHint")}
              autoComplete="one-time-code"
              defaultValue={result?.values.code}
              error={errors.code}
              required
            />
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit">
                {t("identity.enrolSubmit")}
              </button>
            </div>
          </Form>
        </>
      )}
      {loaded.required ? (
        <Form method="post" action="/sign-out" className="regie-form">
          <CsrfField />
          <button className="nl-button nl-button--secondary" type="submit">
            {t("auth.signOut")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

