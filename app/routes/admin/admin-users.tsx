import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { SelectField } from "../../components/admin-forms";
import { CsrfField, ErrorSummary, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { inviteSchema } from "../../domain/admin/user-admin";
import { authErrors, formFields } from "../../domain/auth/schemas";
import { ALL_ROLES, isProgrammeRole } from "../../domain/auth/roles";
import { requireAdmin, sendInvitation } from "./admin.server";
import { formErrors, pageAction } from "../shared/page-action.server";
import { message, type FieldErrors } from "../../lib/errors";
import type { Route } from "./+types/admin-users";

export const handle = {
  breadcrumb: (_d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("admin.title"), to: "/admin" },
    { label: t("admin.users") },
  ],
};

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request);
  const [accounts, programmes, lookup] = await Promise.all([
    context.services.users.list(),
    context.services.users.programmes(),
    context.services.organisations.lookup(),
  ]);
  return {
    accounts,
    programmes: programmes.map((p) => ({ slug: p.slug, title: p.title })),
    organisations: lookup.all,
  };
}

const EMPTY = { name: "", email: "", organisation: "", role: "", programme: "", actions: "" };

export async function action({ context, request }: Route.ActionArgs) {
  const { services } = context;
  return pageAction(context, request, {
    load: () => Promise.resolve(requireAdmin(context, request)),
    read: (form) => {
      const fields = formFields(form);
      const values = { ...EMPTY, ...Object.fromEntries(Object.keys(EMPTY).map((k) => [k, fields[k] ?? ""])) };
      return { values, input: fields };
    },
    schema: inviteSchema,
    schemaErrors: authErrors,
    change: async (_admin, invite, { actor, now }) => {
      const refuse = (errors: FieldErrors) => ({ status: "refused" as const, errors });
      const programmes = await services.users.programmes();
      const programme = invite.role === "admin" ? (programmes[0] ?? null) : programmes.find((p) => p.slug === invite.programme);
      if (invite.role !== "admin" && !programme) return refuse({ programme: message("admin.programmeRequired") });
      const organisation = invite.organisation ? await services.organisations.get(invite.organisation) : null;
      if (invite.organisation && !organisation) return refuse({ organisation: message("admin.organisationUnknown") });
      let contactActionIds: number[] = [];
      if (invite.actions.length > 0 && programme) {
        const ids = await services.contacts.actionIds(programme.id);
        const missing = invite.actions.filter((n) => !ids.has(n));
        if (missing.length > 0) return refuse({ actions: message("admin.actionsUnknown", { param: missing.join(", ") }) });
        contactActionIds = invite.actions.map((n) => ids.get(n)!);
      }
      const created = await services.users.createUser({
        email: invite.email,
        name: invite.name,
        organisationId: organisation?.id ?? null,
        passwordHash: null,
        isAdmin: invite.role === "admin",
        roles: isProgrammeRole(invite.role) && programme ? [{ programmeId: programme.id, role: invite.role }] : [],
        contactActionIds,
        actor,
        now,
        // A contact of actions not asked yet in an open update round is asked in it.
        askOpenRounds: true,
      });
      if (created.status !== "ok") return refuse({ email: message("auth.emailTaken") });
      return { status: "ok" as const, id: created.value, email: invite.email, programme: programme?.title ?? "Regie", asked: contactActionIds.length > 0 };
    },
    answer: (values, errors) => ({ errors, values }),
    refused: (_admin, values, _version, result) => result && { errors: formErrors(context, result.errors), values },
    refusedStatus: () => 400,
    done: async (_admin, created) => {
      if (created.asked) services.jobRunner.wake();
      const mail = await sendInvitation(context, { userId: created.id, email: created.email }, created.programme);
      return redirect(`/admin/users/${created.id}?done=invited&mail=${mail.sent ? "sent" : "kept"}`);
    },
  });
}

export default function AdminUsers() {
  const { accounts, programmes, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  const values = result?.values ?? EMPTY;
  return (
    <>
      <PageTitle title={t("admin.users")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("admin.users")}</h1>
      <div className="regie-table-wrap">
        <table className="regie-table">
          <caption className="regie-visually-hidden">{t("admin.users")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("auth.name")}</th>
              <th scope="col">{t("auth.email")}</th>
              <th scope="col">{t("auth.organisation")}</th>
              <th scope="col">{t("account.roles")}</th>
              <th scope="col">{t("admin.state")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link className="nl-link" to={`/admin/users/${a.id}`}>
                    {a.name}
                  </Link>
                </th>
                <td>{a.email}</td>
                <td>{a.organisation?.name ?? "–"}</td>
                <td>
                  {a.isAdmin || a.roles.length > 0 ? (
                    <ul className="regie-plain-list">
                      {a.isAdmin ? <li>{t("role.admin")}</li> : null}
                      {a.roles.map((r) => (
                        <li key={`${r.programmeSlug}-${r.role}`}>
                          {t(`role.${r.role}`)} · <span lang="nl">{r.programmeTitle}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    "–"
                  )}
                </td>
                <td>{t(`admin.state_${a.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="uitnodigen">
        <h2 className="nl-heading nl-heading--level-2" id="uitnodigen">
          {t("admin.invite")}
        </h2>
        <p className="nl-paragraph">{t("admin.inviteIntro")}</p>
        <ErrorSummary errors={errors} />
        <Form method="post" className="regie-form regie-form--inline" noValidate>
          <CsrfField />
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
              ...organisations.map((o) => ({ value: o.slug, label: o.name })),
            ]}
          />
          <SelectField
            name="role"
            label={t("admin.role")}
            defaultValue={values.role || "partner"}
            error={errors.role}
            options={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <SelectField
            name="programme"
            label={t("admin.programme")}
            hint={t("admin.programmeHint")}
            defaultValue={values.programme || programmes[0]?.slug}
            error={errors.programme}
            options={programmes.map((p) => ({ value: p.slug, label: p.title }))}
          />
          <TextField
            name="actions"
            label={t("admin.contactActions")}
            hint={t("admin.contactActionsHint")}
            defaultValue={values.actions}
            error={errors.actions}
            maxLength={2000}
          />
          <div className="regie-actions-row">
            <button type="submit" className="nl-button nl-button--primary">
              {t("admin.inviteSubmit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
