import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, redirect, useActionData, useLoaderData } from "react-router";
import { EditForm, fieldsOf } from "../../components/edit-form";
import { SelectField } from "../../components/editing";
import { TextArea, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import {
  PARTICIPATION_STATUSES,
  readThemeForm,
  themeFormValues,
  themePatchSchema,
  type ThemeFormValues,
} from "../../domain/editing/programme-changes";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber, requireProgramme } from "../shared/page-data.server";
import type { Route } from "./+types/theme-edit";
import { message } from "../../lib/errors";
import { conflictAnswer, formAnswer, pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: `${t("overview.theme")} ${d.number}`, to: `/programmes/${d.programme.slug}/themes/${d.number}` },
    { label: t("edit.edit") },
  ],
};

async function load(
  context: Route.LoaderArgs["context"],
  request: Request,
  params: Route.LoaderArgs["params"],
) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.themeNotFound");
  const theme = await context.services.programmes.theme(programme.id, number);
  if (!theme) throw data(translator(context.language)("errors.themeNotFound"), { status: 404 });
  requirePermission(context, request, "programme.edit", { programmeId: programme.id });
  const municipalities = await context.services.programmes.municipalities(programme.id);
  return { programme, theme, municipalities };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, theme, municipalities } = await load(context, request, params);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    number: theme.number,
    title: theme.title,
    version: theme.version,
    actions: Object.fromEntries(theme.intentions.map((i) => [i.code, i.actions])),
    municipalities,
    values: themeFormValues(
      theme,
      municipalities.map((m) => m.slug),
    ),
  };
}

/** The codes and slugs a submitted form carries, in its order: what the editor saw. */
function keysOf(fields: Record<string, string>, prefix: string): string[] {
  return Object.keys(fields)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  return pageAction(context, request, {
    load: () => load(context, request, params),
    read: (form) => {
      const fields = formFields(form);
      const read = readThemeForm(fields, keysOf(fields, "intention-"), keysOf(fields, "status-"));
      return { values: read.values, input: read.changes };
    },
    schema: themePatchSchema,
    change: ({ programme, theme }, patch, write, version) =>
      context.services.programmes.updateTheme({ programmeId: programme.id, number: theme.number, expectedVersion: version, patch, ...write }),
    answer: formAnswer,
    notFound: message("errors.themeNotFound"),
    conflict: ({ municipalities }, result, values) =>
      conflictAnswer(context, "editing.themeConflictTitle", values, result.current, themeFormValues(result.current, municipalities.map((m) => m.slug))),
    done: ({ programme, theme }, result) =>
      redirect(`/programmes/${programme.slug}/themes/${theme.number}?saved=${result.changed.length > 0 ? result.snapshot.version : 0}`),
  });
}

export default function ThemeEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/programmes/${loaded.programme.slug}`;
  const title = t("editing.editTheme", { number: loaded.number });
  const nameOf = (slug: string) => loaded.municipalities.find((m) => m.slug === slug)?.name ?? slug;
  /** A theme's values as plain text per field, for showing two versions side by side. */
  const labels = {
    title: t("editing.fieldTitle"),
    goal: t("editing.fieldGoal"),
    intentionsIntro: t("editing.fieldIntentionsIntro"),
    intentions: t("editing.intentions"),
    participation: t("editing.participation"),
  };
  const field = fieldsOf(values, labels, errors);
  const flat = (v: ThemeFormValues) => ({
    title: v.title,
    goal: v.goal,
    intentionsIntro: v.intentionsIntro,
    intentions: [
      ...v.intentions.filter((i) => !i.remove).map((i) => `${i.code} ${i.text}`),
      ...(v.newIntention.trim() ? [`+ ${v.newIntention.trim()}`] : []),
    ].join("\n"),
    participation: Object.entries(v.participation)
      .filter(([, p]) => p.status !== "participating" || p.note.trim())
      .map(
        ([slug, p]) =>
          `${nameOf(slug)}: ${t(`editing.status_${p.status}`, { defaultValue: p.status })}${p.note.trim() ? ` (${p.note.trim()})` : ""}`,
      )
      .join("\n"),
  });
  return (
    <>
      <PageTitle title={title} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{title}</h1>
      <EditForm
        conflict={
          result?.conflict
            ? { title: t("editing.themeConflictTitle"), discardHref: `${base}/themes/${loaded.number}/edit`, theirs: flat(result.conflict), mine: flat(values), labels }
            : null
        }
        errors={errors}
        version={version}
        cancelHref={`${base}/themes/${loaded.number}`}
      >
        <TextField {...field("title")} required maxLength={500} />
        <TextArea {...field("goal")} hint={t("editing.ambitionHint")} rows={8} />
        <TextArea {...field("intentionsIntro")} rows={2} />
        <fieldset
          className="regie-fieldset"
          id="veld-intentions"
          aria-describedby={errors.intentions ? "veld-intentions-fout" : "veld-intentions-hint"}
        >
          <legend>{t("editing.intentions")}</legend>
          <p className="regie-hint" id="veld-intentions-hint">
            {t("editing.intentionsHint")}
          </p>
          {errors.intentions ? (
            <p className="regie-field-error" id="veld-intentions-fout">
              {errors.intentions}
            </p>
          ) : null}
          {values.intentions.map((i) => {
            const count = loaded.actions[i.code] ?? 0;
            return (
              <div key={i.code} className="regie-intention-edit">
                <TextArea
                  name={`intention-${i.code}`}
                  label={t("editing.intention", { code: i.code })}
                  hint={t("editing.intentionActions", { count })}
                  defaultValue={i.text}
                  rows={2}
                />
                {count === 0 ? (
                  <div className="regie-check">
                    <input
                      type="checkbox"
                      id={`veld-remove-${i.code}`}
                      name={`remove-${i.code}`}
                      defaultChecked={i.remove}
                    />
                    <label htmlFor={`veld-remove-${i.code}`}>
                      {t("editing.removeIntention", { code: i.code })}
                    </label>
                  </div>
                ) : null}
              </div>
            );
          })}
          <TextArea
            name="newIntention"
            label={t("editing.newIntention")}
            hint={t("editing.newIntentionHint")}
            defaultValue={values.newIntention}
            rows={2}
          />
        </fieldset>
        <fieldset
          className="regie-fieldset"
          id="veld-participation"
          aria-describedby={errors.participation ? "veld-participation-fout" : "veld-participation-hint"}
        >
          <legend>{t("editing.participation")}</legend>
          <p className="regie-hint" id="veld-participation-hint">
            {t("editing.participationHint")}
          </p>
          {errors.participation ? (
            <p className="regie-field-error" id="veld-participation-fout">
              {errors.participation}
            </p>
          ) : null}
          {loaded.municipalities.map((m) => (
            <fieldset key={m.slug} className="regie-fieldset">
              <legend>{m.name}</legend>
              <SelectField
                name={`status-${m.slug}`}
                label={t("editing.status")}
                options={PARTICIPATION_STATUSES.map((s) => ({ value: s, label: t(`editing.status_${s}`) }))}
                defaultValue={values.participation[m.slug]?.status ?? "participating"}
              />
              <TextArea
                name={`note-${m.slug}`}
                label={t("editing.note")}
                defaultValue={values.participation[m.slug]?.note ?? ""}
                rows={2}
              />
            </fieldset>
          ))}
        </fieldset>
      </EditForm>
    </>
  );
}
