import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CheckField, SelectField, useDateTime } from "../../components/admin-forms";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { HistoryList } from "../../components/history-list";
import { PageTitle } from "../../components/page-title";
import type { z } from "zod";
import type { AdminRefusal, AdminResult } from "../../db/user.repository";
import {
  addRoleSchema,
  contactActionsSchema,
  eraseSchema,
  profileSchema,
  removeRoleSchema,
} from "../../domain/admin/user-admin";
import { authErrors, formFields } from "../../domain/auth/schemas";
import { ALL_ROLES } from "../../domain/auth/roles";
import { requireAdmin, sendInvitation } from "./admin.server";
import { formErrors, pageAction } from "../shared/page-action.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { message, type FieldErrors } from "../../lib/errors";
import type { Route } from "./+types/admin-user";
import { isRecordId } from "../../domain/primitives";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("admin.title"), to: "/admin" },
    { label: t("admin.users"), to: "/admin/users" },
    { label: d.account.name },
  ],
};

function accountId(context: Route.LoaderArgs["context"], raw: string): number {
  if (!isRecordId(raw))
    throw data(translator(context.language)("admin.userNotFound"), { status: 404 });
  return Number(raw);
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireAdmin(context, request);
  const id = accountId(context, params.id);
  const account = await context.services.users.get(id);
  if (!account) throw data(translator(context.language)("admin.userNotFound"), { status: 404 });
  const [programmes, lookup, contactActions, history] = await Promise.all([
    context.services.users.programmes(),
    context.services.organisations.lookup(),
    context.services.contacts.actionsOfAccount(id),
    context.services.history.forEntity("user", id),
  ]);
  const secondFactor = await context.services.secondFactors.isEnrolled(id);
  const query = new URL(request.url).searchParams;
  return {
    account,
    isSelf: context.principal.user?.id === id,
    programmes: programmes.map((p) => ({ slug: p.slug, title: p.title })),
    organisations: lookup.all,
    contactActions,
    history,
    done: query.get("done"),
    mail: query.get("mail"),
    secondFactor,
  };
}

const REASONS: Record<Exclude<AdminRefusal["status"], "not-found">, { field: string; key: string }> = {
  conflict: { field: "form", key: "admin.conflict" },
  "last-admin": { field: "form", key: "admin.lastAdmin" },
  self: { field: "form", key: "admin.notYourself" },
  "organisation-unknown": { field: "organisation", key: "admin.organisationUnknown" },
  "programme-unknown": { field: "programme", key: "admin.programmeRequired" },
  "role-exists": { field: "role", key: "admin.roleExists" },
  "role-missing": { field: "form", key: "admin.roleMissing" },
  erased: { field: "form", key: "admin.erasedAlready" },
  "no-invitation": { field: "form", key: "admin.noInvitation" },
  "actions-unknown": { field: "actions", key: "admin.actionsUnknown" },
};

/** What one of the page's buttons asks, read from its form. */
type AdminCommand =
  | { intent: "profile"; input: z.infer<typeof profileSchema> }
  | { intent: "add-role"; input: z.infer<typeof addRoleSchema> }
  | { intent: "remove-role"; input: z.infer<typeof removeRoleSchema> }
  | { intent: "contact-actions"; input: z.infer<typeof contactActionsSchema> }
  | { intent: "deactivate" | "reactivate" | "resend" | "erase" | "reset-second-factor" };

function readCommand(t: TFunction, fields: Record<string, string>): { value: AdminCommand } | { errors: FieldErrors } {
  const parse = <S extends z.ZodType, C>(schema: S, command: (input: z.infer<S>) => C) => {
    const parsed = schema.safeParse(fields);
    return parsed.success ? { value: command(parsed.data) } : { errors: authErrors(parsed.error) };
  };
  switch (fields.intent) {
    case "profile":
      return parse(profileSchema, (input) => ({ intent: "profile", input }) as const);
    case "add-role":
      return parse(addRoleSchema, (input) => ({ intent: "add-role", input }) as const);
    case "remove-role":
      return parse(removeRoleSchema, (input) => ({ intent: "remove-role", input }) as const);
    case "contact-actions":
      return parse(contactActionsSchema, (input) => ({ intent: "contact-actions", input }) as const);
    case "erase":
      return parse(eraseSchema, () => ({ intent: "erase" }) as const);
    case "deactivate":
    case "reactivate":
    case "resend":
    case "reset-second-factor":
      return { value: { intent: fields.intent } };
    default:
      throw data(t("errors.badRequestTitle"), { status: 400 });
  }
}

/** What the page makes of a change: the notice to show, or why not (a field's message; 409 for a conflict). */
type AdminOutcome =
  | { status: "ok"; done: string; wake?: boolean; invite?: { email: string } }
  | { status: "not-found" }
  | { status: "refused"; errors: FieldErrors; conflict: boolean };

function outcomeOf<T>(result: AdminResult<T>, ok: (value: T) => AdminOutcome): AdminOutcome {
  if (result.status === "ok") return ok(result.value);
  if (result.status === "not-found") return { status: "not-found" };
  const r = REASONS[result.status];
  const params = result.status === "actions-unknown" ? { param: (result.missing ?? []).join(", ") } : undefined;
  return { status: "refused", errors: { [r.field]: message(r.key, params) }, conflict: result.status === "conflict" };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  const { services } = context;
  return pageAction(context, request, {
    load: () => {
      requireAdmin(context, request);
      return Promise.resolve(accountId(context, params.id));
    },
    read: (form) => {
      const fields = formFields(form);
      const values = { intent: fields.intent ?? "", fields };
      const command = readCommand(t, fields);
      return "errors" in command ? { values, errors: command.errors } : { values, value: command.value };
    },
    change: async (id, command, { actor, requestId, now }): Promise<AdminOutcome> => {
      // Actions given to an action contact while an update round is open are asked in it.
      const change = { userId: id, actor, now, requestId, askOpenRounds: true };
      switch (command.intent) {
        case "profile": {
          const { version, name, organisation } = command.input;
          const result = await services.users.updateProfile({ ...change, expectedVersion: version, name, organisation });
          return outcomeOf(result, (v) => ({ status: "ok", done: v.changed ? "profile" : "unchanged" }));
        }
        case "add-role": {
          const { role, programme, actions } = command.input;
          const result = await services.users.addRole({ ...change, role, programme, contactActionNumbers: actions });
          // Requests of an open update round, if the new actions were asked in one.
          return outcomeOf(result, () => ({ status: "ok", done: "role-added", wake: true }));
        }
        case "remove-role": {
          const result = await services.users.removeRole({ ...change, role: command.input.role, programme: command.input.programme });
          return outcomeOf(result, () => ({ status: "ok", done: "role-removed" }));
        }
        case "contact-actions": {
          const programme = (await services.users.programmes()).find((p) => p.slug === command.input.contactProgramme);
          if (!programme) return { status: "refused", errors: { contactProgramme: message("admin.programmeRequired") }, conflict: false };
          const result = await services.contacts.setAccountActions({ ...change, programmeId: programme.id, actionNumbers: command.input.contactActions });
          if (result.status === "actions-unknown")
            return { status: "refused", errors: { contactActions: message("admin.actionsUnknown", { param: result.missing.join(", ") }) }, conflict: false };
          return result.status === "ok" ? { status: "ok", done: "contact-actions", wake: result.asked > 0 } : result;
        }
        case "deactivate":
        case "reactivate": {
          const result = await services.users.setActive({ ...change, active: command.intent === "reactivate" });
          return outcomeOf(result, () => ({ status: "ok", done: command.intent }));
        }
        case "resend":
          return outcomeOf(await services.users.prepareInvitation(change), (v) => ({ status: "ok", done: "invited", invite: { email: v.email } }));
        case "erase":
          return outcomeOf(await services.users.erase(change), () => ({ status: "ok", done: "erased" }));
        case "reset-second-factor": {
          const reset = await services.secondFactors.reset(change);
          return { status: "ok", done: reset ? "second-factor-reset" : "second-factor-none" };
        }
      }
    },
    answer: ({ intent, fields }, errors) => ({ intent, errors, values: fields }),
    notFound: message("admin.userNotFound"),
    refused: (_id, { intent, fields }, _version, result) => result && { intent, errors: formErrors(context, result.errors), values: fields },
    refusedStatus: (result) => (result?.conflict ? 409 : 400),
    done: async (id, result) => {
      if (result.wake) services.jobRunner.wake();
      if (!result.invite) return redirect(`/admin/users/${id}?done=${result.done}`);
      const account = await services.users.get(id);
      const programme = account?.roles[0]?.programmeTitle ?? (await services.users.programmes())[0]?.title ?? "Regie";
      const mail = await sendInvitation(context, { userId: id, email: result.invite.email }, programme);
      return redirect(`/admin/users/${id}?done=invited&mail=${mail.sent ? "sent" : "kept"}`);
    },
  });
}

export default function AdminUser() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const date = useDateTime();
  const { account, programmes, organisations } = loaded;
  const errors = (intent: string): Record<string, string> =>
    result && result.intent === intent ? result.errors : {};
  const value = (intent: string, name: string, fallback = "") =>
    result && result.intent === intent ? (result.values[name] ?? fallback) : fallback;
  const erased = account.state === "erased";
  const programmeOptions = programmes.map((p) => ({ value: p.slug, label: p.title }));
  return (
    <>
      <PageTitle title={account.name} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{account.name}</h1>
      {loaded.done ? (
        <Notice>
          {t(`admin.done_${loaded.done}`, { defaultValue: t("forms.saved") })}
          {loaded.done === "invited"
            ? ` ${loaded.mail === "sent" ? t("admin.mailSent") : t("admin.mailKept")}`
            : null}
        </Notice>
      ) : null}
      {result?.errors.form ? <ErrorSummary errors={{ form: result.errors.form }} /> : null}
      <dl className="regie-facts">
        <div>
          <dt>{t("auth.email")}</dt>
          <dd>{account.email}</dd>
        </div>
        <div>
          <dt>{t("auth.organisation")}</dt>
          <dd>{account.organisation?.name ?? "–"}</dd>
        </div>
        <div>
          <dt>{t("admin.state")}</dt>
          <dd>{t(`admin.state_${account.state}`)}</dd>
        </div>
        <div>
          <dt>{t("admin.createdAt")}</dt>
          <dd>{date(account.createdAt)}</dd>
        </div>
      </dl>

      {erased ? (
        <p className="nl-paragraph">{t("admin.erasedText", { date: date(account.erasedAt) })}</p>
      ) : (
        <>
          <section aria-labelledby="gegevens">
            <h2 className="nl-heading nl-heading--level-2" id="gegevens">
              {t("admin.profile")}
            </h2>
            <ErrorSummary errors={withoutForm(errors("profile"))} />
            <Form method="post" className="regie-form regie-form--inline" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="profile" />
              <input type="hidden" name="version" value={account.version} />
              <TextField
                name="name"
                label={t("auth.name")}
                defaultValue={value("profile", "name", account.name)}
                error={errors("profile").name}
                required
                maxLength={200}
                autoComplete="off"
              />
              <SelectField
                name="organisation"
                label={t("auth.organisation")}
                defaultValue={value("profile", "organisation", account.organisation?.slug ?? "")}
                error={errors("profile").organisation}
                options={[
                  { value: "", label: t("auth.organisationNone") },
                  ...organisations.map((o) => ({ value: o.slug, label: o.name })),
                ]}
              />
              <div className="regie-actions-row">
                <button type="submit" className="nl-button nl-button--primary">
                  {t("forms.save")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="rollen">
            <h2 className="nl-heading nl-heading--level-2" id="rollen">
              {t("account.roles")}
            </h2>
            {account.isAdmin || account.roles.length > 0 ? (
              <ul className="regie-role-list">
                {account.isAdmin ? <RoleItem roleName="admin" programme="" label={t("role.admin")} /> : null}
                {account.roles.map((r) => (
                  <RoleItem
                    key={`${r.programmeSlug}-${r.role}`}
                    roleName={r.role}
                    programme={r.programmeSlug}
                    label={`${t(`role.${r.role}`)} · ${r.programmeTitle}`}
                  />
                ))}
              </ul>
            ) : (
              <p className="nl-paragraph">{t("admin.noRoles")}</p>
            )}
            <h3 className="nl-heading nl-heading--level-3">{t("admin.addRole")}</h3>
            <ErrorSummary errors={withoutForm(errors("add-role"))} />
            <Form method="post" className="regie-form regie-form--inline" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="add-role" />
              <SelectField
                name="role"
                label={t("admin.role")}
                defaultValue={value("add-role", "role", "partner")}
                error={errors("add-role").role}
                options={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              />
              <SelectField
                name="programme"
                label={t("admin.programme")}
                hint={t("admin.programmeHint")}
                defaultValue={value("add-role", "programme", programmes[0]?.slug)}
                error={errors("add-role").programme}
                options={programmeOptions}
              />
              <TextField
                name="actions"
                label={t("admin.contactActions")}
                hint={t("admin.contactActionsHint")}
                defaultValue={value("add-role", "actions")}
                error={errors("add-role").actions}
                maxLength={2000}
              />
              <div className="regie-actions-row">
                <button type="submit" className="nl-button nl-button--secondary">
                  {t("admin.addRoleSubmit")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="contactacties">
            <h2 className="nl-heading nl-heading--level-2" id="contactacties">
              {t("admin.contactFor")}
            </h2>
            {loaded.contactActions.length > 0 ? (
              <ul>
                {loaded.contactActions.map((a) => (
                  <li key={`${a.programmeSlug}-${a.number}`}>
                    <Link className="nl-link" to={`/programmes/${a.programmeSlug}/actions/${a.number}`}>
                      {t("action.heading", { number: a.number })}: <span lang="nl">{a.title}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="nl-paragraph">{t("admin.contactForNone")}</p>
            )}
            <ErrorSummary errors={withoutForm(errors("contact-actions"))} />
            <Form method="post" className="regie-form regie-form--inline" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="contact-actions" />
              <SelectField
                name="contactProgramme"
                label={t("admin.programme")}
                defaultValue={value("contact-actions", "contactProgramme", programmes[0]?.slug)}
                error={errors("contact-actions").contactProgramme}
                options={programmeOptions}
              />
              <TextField
                name="contactActions"
                label={t("admin.contactActionsSet")}
                hint={t("admin.contactActionsSetHint")}
                defaultValue={value(
                  "contact-actions",
                  "contactActions",
                  loaded.contactActions
                    .filter((a) => a.programmeSlug === programmes[0]?.slug)
                    .map((a) => a.number)
                    .join(", "),
                )}
                error={errors("contact-actions").contactActions}
                maxLength={2000}
              />
              <div className="regie-actions-row">
                <button type="submit" className="nl-button nl-button--secondary">
                  {t("admin.contactActionsSubmit")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="toegang">
            <h2 className="nl-heading nl-heading--level-2" id="toegang">
              {t("admin.access")}
            </h2>
            {account.state === "invited" ? (
              <Form method="post" className="regie-form regie-form--inline">
                <CsrfField />
                <input type="hidden" name="intent" value="resend" />
                <p className="nl-paragraph">{t("admin.invitedText")}</p>
                <div className="regie-actions-row">
                  <button type="submit" className="nl-button nl-button--secondary">
                    {t("admin.resend")}
                  </button>
                </div>
              </Form>
            ) : null}
            {loaded.isSelf ? (
              <p className="nl-paragraph">{t("admin.selfText")}</p>
            ) : (
              <Form method="post" className="regie-form regie-form--inline">
                <CsrfField />
                <input
                  type="hidden"
                  name="intent"
                  value={account.state === "inactive" ? "reactivate" : "deactivate"}
                />
                <p className="nl-paragraph">
                  {account.state === "inactive" ? t("admin.reactivateText") : t("admin.deactivateText")}
                </p>
                <div className="regie-actions-row">
                  <button type="submit" className="nl-button nl-button--secondary">
                    {account.state === "inactive" ? t("admin.reactivate") : t("admin.deactivate")}
                  </button>
                </div>
              </Form>
            )}
          </section>

          <section aria-labelledby="tweede-factor">
            <h2 className="nl-heading nl-heading--level-2" id="tweede-factor">
              {t("identity.adminTitle")}
            </h2>
            <p className="nl-paragraph">{loaded.secondFactor ? t("identity.adminEnrolled") : t("identity.adminNotEnrolled")}</p>
            {loaded.secondFactor ? (
              <Form method="post" className="regie-form regie-form--inline">
                <CsrfField />
                <input type="hidden" name="intent" value="reset-second-factor" />
                <p className="nl-paragraph">{t("identity.adminResetText")}</p>
                <div className="regie-actions-row">
                  <button type="submit" className="nl-button nl-button--secondary">
                    {t("identity.adminReset")}
                  </button>
                </div>
              </Form>
            ) : null}
          </section>

          {loaded.isSelf ? null : (
            <section aria-labelledby="wissen">
              <h2 className="nl-heading nl-heading--level-2" id="wissen">
                {t("admin.erase")}
              </h2>
              <p className="nl-paragraph">{t("admin.eraseText")}</p>
              <ErrorSummary errors={withoutForm(errors("erase"))} />
              <Form method="post" className="regie-form regie-form--inline" noValidate>
                <CsrfField />
                <input type="hidden" name="intent" value="erase" />
                <CheckField
                  name="confirm"
                  label={t("admin.eraseConfirm", { name: account.name })}
                  error={errors("erase").confirm}
                />
                <div className="regie-actions-row">
                  <button type="submit" className="nl-button nl-button--secondary regie-button-danger">
                    {t("admin.eraseSubmit")}
                  </button>
                </div>
              </Form>
            </section>
          )}
        </>
      )}

      <section aria-labelledby="geschiedenis">
        <h2 className="nl-heading nl-heading--level-2" id="geschiedenis">
          {t("edit.history")}
        </h2>
        <HistoryList entries={loaded.history} />
      </section>
    </>
  );
}

function withoutForm(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form"));
}

function RoleItem({ roleName, programme, label }: { roleName: string; programme: string; label: string }) {
  const { t } = useTranslation();
  return (
    <li>
      <span>{label}</span>{" "}
      <Form method="post" className="regie-inline-form">
        <CsrfField />
        <input type="hidden" name="intent" value="remove-role" />
        <input type="hidden" name="role" value={roleName} />
        <input type="hidden" name="programme" value={programme} />
        <button
          type="submit"
          className="regie-link-button"
          aria-label={t("admin.removeRoleLabel", { role: label })}
        >
          {t("admin.removeRole")}
        </button>
      </Form>
    </li>
  );
}
