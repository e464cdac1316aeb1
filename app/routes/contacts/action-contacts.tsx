import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { SelectField } from "../../components/admin-forms";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { authErrors, formFields } from "../../domain/auth/schemas";
import { contactFormSchema } from "../../domain/contacts/contacts";

import { formErrors, notFound, pageAction, requireAction, type FormReading } from "../shared/page-action.server";
import type { z } from "zod";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { message } from "../../lib/errors";
import type { Route } from "./+types/action-contacts";
import { isRecordId } from "../../domain/primitives";
import { grantableRoles, readInviteRole } from "../../domain/contacts/invite-roles";
import type { ProgrammeRole } from "../../domain/auth/roles";
import { inviteContact } from "./invite-contact.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    {
      label: t("action.heading", { number: d.action.number }),
      to: `/programmes/${d.programme.slug}/actions/${d.action.number}`,
    },
    { label: t("contacts.title") },
  ],
};

/** The action (404), for whoever may see (`contacts.read`) or change (`contacts.manage`) its contacts (403). */
async function load(
  context: Route.LoaderArgs["context"],
  request: Request,
  params: Route.LoaderArgs["params"],
  operation: "contacts.read" | "contacts.manage",
) {
  const loaded = await requireAction(context, params);
  requirePermission(context, request, operation, loaded.target);
  return loaded;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, action } = await load(context, request, params, "contacts.read");
  const canManage = can(context.principal, "contacts.manage", {
    programmeId: programme.id,
    actionId: action.id,
  });
  const [contacts, lookup] = await Promise.all([
    context.services.contacts.listForAction(action.id),
    canManage ? context.services.organisations.lookup() : Promise.resolve(null),
  ]);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    action: { number: action.number, title: action.title },
    contacts,
    canManage,
    organisations: lookup?.all ?? [],
    grantable: canManage ? grantableRoles(context.principal, programme.id) : [],
    invited: new URL(request.url).searchParams.get("invited"),
    done: new URL(request.url).searchParams.get("done"),
    // Added while an update round was open: the contact was asked in it too.
    asked: new URL(request.url).searchParams.get("asked") === "1",
  };
}

type ContactCommand =
  | { intent: "remove"; contactId: number }
  | { intent: "add"; contact: z.infer<typeof contactFormSchema>; inviteRole: ProgrammeRole | null };

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params, "contacts.manage"),
    read: (form, { programme }): FormReading<{ name: string; email: string; organisation: string; invite: string }, ContactCommand> => {
      const fields = formFields(form);
      const values = { name: fields.name ?? "", email: fields.email ?? "", organisation: fields.organisation ?? "", invite: fields.invite ?? "" };
      if (fields.intent === "remove") {
        if (!isRecordId(fields.contactId)) notFound(context, message("contacts.notFound"));
        return { values, value: { intent: "remove", contactId: Number(fields.contactId) } };
      }
      if (fields.intent !== "add") throw data(t("errors.badRequestTitle"), { status: 400 });
      const parsed = contactFormSchema.safeParse(fields);
      const inviteRole = readInviteRole(fields.invite, grantableRoles(context.principal, programme.id));
      if (parsed.success && inviteRole !== undefined) return { values, value: { intent: "add", contact: parsed.data, inviteRole } };
      const errors = {
        ...(parsed.success ? {} : authErrors(parsed.error)),
        ...(inviteRole === undefined ? { invite: message("work.inviteRoleNotAllowed") } : {}),
      };
      return { values, errors };
    },
    change: async ({ programme, action }, command, write) => {
      const change = { programmeId: programme.id, ...write, askOpenRounds: true, action: { id: action.id, number: action.number } };
      if (command.intent === "remove") {
        const removed = await context.services.contacts.removeFromAction({ ...change, contactId: command.contactId });
        return removed ? { status: "ok" as const, done: "removed", asked: 0 } : { status: "not-found" as const };
      }
      const result = await context.services.contacts.addToAction({ ...change, contact: command.contact });
      if (result.status !== "ok") return result;
      const invited = command.inviteRole ? await inviteContact(context, { programme, action, contact: command.contact, role: command.inviteRole }) : null;
      return { status: "ok" as const, done: result.outcome, asked: result.asked, invited };
    },
    answer: (values, errors) => ({ errors, values }),
    notFound: message("contacts.notFound"),
    // The store knows no such organisation (or the action went meanwhile): the form's organisation is not one to link.
    refused: (_loaded, values, _version, result) => result && { errors: formErrors(context, { organisation: message("contacts.organisationUnknown") }), values },
    refusedStatus: () => 400,
    done: ({ base }, result) => {
      const invited = result.invited ? `&invited=${result.invited}` : "";
      if (result.asked === 0) return redirect(`${base}/contacts?done=${result.done}${invited}`);
      // The request of the open round goes out from the job runner, right after this answer.
      context.services.jobRunner.wake();
      return redirect(`${base}/contacts?done=${result.done}&asked=1${invited}`);
    },
  });
}

export default function ActionContacts() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { programme, contacts } = loaded;
  const item = loaded.action;
  const base = `/programmes/${programme.slug}`;
  const errors: Record<string, string> = result?.errors ?? {};
  const values = result?.values ?? { name: "", email: "", organisation: "", invite: "" };
  const title = t("contacts.titleFor", { number: item.number });
  return (
    <>
      <PageTitle title={title} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{t("action.heading", { number: item.number })}</span>
        {t("contacts.title")}
      </h1>
      <p className="nl-paragraph">
        <span lang={programme.language}>{item.title}</span>
      </p>
      {loaded.done ? (
        <Notice>
          {t(`contacts.done_${loaded.done}`, { defaultValue: t("forms.saved") })}
          {loaded.asked ? ` ${t("contacts.askedInRound")}` : null}
          {loaded.invited === "invited" ? ` ${t("work.invitedDone")}` : null}
          {loaded.invited === "exists" ? ` ${t("work.inviteExists")}` : null}
        </Notice>
      ) : null}
      <p className="nl-paragraph">{t("contacts.privacyNote")}</p>
      {contacts.length === 0 ? (
        <p className="nl-paragraph">{t("contacts.none")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("auth.name")}</th>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("auth.organisation")}</th>
                <th scope="col">{t("contacts.account")}</th>
                {loaded.canManage ? (
                  <th scope="col">
                    <span className="regie-visually-hidden">{t("contacts.remove")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <a className="nl-link" href={`mailto:${c.email}`}>
                      {c.email}
                    </a>
                  </td>
                  <td>{c.organisation ? c.organisation.name : "–"}</td>
                  <td>{c.hasAccount ? t("contacts.accountYes") : t("contacts.accountNo")}</td>
                  {loaded.canManage ? (
                    <td>
                      <Form method="post" className="regie-inline-form">
                        <CsrfField />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="contactId" value={c.id} />
                        <button
                          type="submit"
                          className="nl-button nl-button--secondary"
                          aria-label={t("contacts.removeLabel", { name: c.name })}
                        >
                          {t("contacts.remove")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaded.canManage ? (
        <section aria-labelledby="toevoegen">
          <h2 className="nl-heading nl-heading--level-2" id="toevoegen">
            {t("contacts.add")}
          </h2>
          <p className="nl-paragraph">{t("contacts.addIntro")}</p>
          <ErrorSummary errors={errors} />
          <Form method="post" className="regie-form regie-form--inline" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <TextField
              name="name"
              label={t("auth.name")}
              defaultValue={values.name}
              error={errors.name}
              required
              maxLength={200}
              autoComplete="off"
            />
            <TextField
              name="email"
              type="email"
              label={t("auth.email")}
              defaultValue={values.email}
              error={errors.email}
              required
              maxLength={254}
              autoComplete="off"
            />
            <SelectField
              name="organisation"
              label={t("auth.organisation")}
              defaultValue={values.organisation}
              error={errors.organisation}
              options={[
                { value: "", label: t("auth.organisationNone") },
                ...loaded.organisations.map((o) => ({ value: o.slug, label: o.name })),
              ]}
            />
            {loaded.grantable.length > 0 ? (
              <SelectField
                name="invite"
                label={t("work.invite")}
                hint={t("work.inviteHint")}
                defaultValue={values.invite}
                error={errors.invite}
                options={[
                  { value: "", label: t("work.inviteNone") },
                  ...loaded.grantable.map((r) => ({ value: r, label: t(`role.${r}`) })),
                ]}
              />
            ) : null}
            <div className="regie-actions-row">
              <button type="submit" className="nl-button nl-button--primary">
                {t("contacts.addSubmit")}
              </button>
            </div>
          </Form>
          <p className="nl-paragraph">
            <Link className="nl-link" to={`${base}/contacts/import`}>
              {t("contacts.importLink")}
            </Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
