import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { MilestoneState, useProgressFormat } from "../../components/progress-parts";
import { MILESTONE_ENTITY, type MilestoneChange } from "../../db/milestone.repository";
import { formFields } from "../../domain/auth/schemas";
import { readMilestoneForm } from "../../domain/progress/milestone-input";
import { milestoneView } from "../../domain/progress/milestone-view";
import { parseMilestones } from "../../domain/progress/planning-milestones";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { todayOf } from "./progress-page.server";
import { formVersion, pageAction, requireAction, type FormReading } from "../shared/page-action.server";
import type { Route } from "./+types/action-milestones";
import { isRecordId } from "../../domain/primitives";
import { message } from "../../lib/errors";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("action.heading", { number: d.action.number }), to: d.base },
    { label: t("progress.milestones") },
  ],
};

const DONE = ["saved", "added", "deleted", "done", "reopened"] as const;

interface Values {
  id: string;
  version: string;
  label: string;
  due: string;
  doneOn: string;
}

const EMPTY: Values = { id: "", version: "", label: "", due: "", doneOn: "" };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, action, target, base } = await requireAction(context, params);
  requirePermission(context, request, "milestones.edit", target);
  const today = todayOf(context);
  const milestones = await context.services.milestones.listForAction(action.id);
  const url = new URL(request.url);
  const editId = Number(url.searchParams.get("edit") ?? 0);
  const editing = milestones.find((m) => m.id === editId) ?? null;
  const done = url.searchParams.get("done");
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    action: { number: action.number, title: action.title, planningText: action.planningText },
    base,
    milestones: milestones.map((m) => milestoneView(m, today)),
    unread: parseMilestones(action.planningText, { period: programme.period }).unread,
    editing: editing
      ? {
          id: String(editing.id),
          version: String(editing.version),
          label: editing.label ?? "",
          due: editing.due.text,
          doneOn: editing.doneOn ?? "",
        }
      : null,
    history: await context.services.history.forEntity(MILESTONE_ENTITY, action.id),
    done: DONE.find((d) => d === done) ?? null,
  };
}

/** The form as shown again, whether it edits a milestone, and the button pressed. */
interface Shown {
  form: Values;
  editing: boolean;
  intent: string;
}

/** The notice after each button. */
const DONE_OF = { add: "added", save: "saved", delete: "deleted", done: "done", reopen: "reopened" } as const;

type MilestoneCommand =
  | { intent: "add" | "save"; id: number; expectedVersion: number; values: Extract<ReturnType<typeof readMilestoneForm>, { ok: true }>["values"] }
  | { intent: "delete" | "done" | "reopen"; id: number; expectedVersion: number };

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  const today = todayOf(context);
  return pageAction(context, request, {
    load: async () => {
      const loaded = await requireAction(context, params);
      requirePermission(context, request, "milestones.edit", loaded.target);
      return loaded;
    },
    read: (form, { programme }): FormReading<Shown, MilestoneCommand> => {
      const fields = formFields(form);
      const intent = fields.intent ?? "";
      const values: Values = {
        id: fields.id ?? "",
        version: fields.version ?? "",
        label: fields.label ?? "",
        due: fields.due ?? "",
        doneOn: fields.doneOn ?? "",
      };
      const readValues = (editing: boolean): FormReading<Shown, MilestoneCommand> => {
        const read = readMilestoneForm(fields, { period: programme.period, today });
        const shown = { form: values, editing, intent };
        return read.ok ? { values: shown, value: { intent: editing ? "save" : "add", id: Number(values.id), expectedVersion: formVersion(values.version), values: read.values } } : { values: shown, errors: read.errors };
      };
      if (intent === "add") return readValues(false);
      // A milestone's own buttons name it and the version they saw (1 or more).
      if (!isMilestoneIntent(intent) || !isRecordId(values.id) || formVersion(values.version) < 1)
        return { values: { form: values, editing: false, intent }, errors: { form: message("progress.staleForm") } };
      if (intent === "save") return readValues(true);
      return { values: { form: values, editing: false, intent }, value: { intent, id: Number(values.id), expectedVersion: formVersion(values.version) } };
    },
    change: async ({ programme, action: act }, command, { actor, requestId, now }) => {
      const change = { programmeId: programme.id, action: { id: act.id, number: act.number, title: act.title }, actor, now, requestId };
      const store = context.services.milestones;
      const { id, expectedVersion } = command;
      const result: MilestoneChange =
        command.intent === "add"
          ? await store.create({ ...change, values: command.values })
          : command.intent === "save"
            ? await store.update({ ...change, id, expectedVersion, values: command.values })
            : command.intent === "delete"
              ? await store.remove({ ...change, id, expectedVersion })
              : await store.setDone({ ...change, id, expectedVersion, doneOn: command.intent === "done" ? today : null });
      // A milestone that went is said on the page itself, which still lists the others.
      return result.status === "not-found" ? { status: "gone" as const } : result;
    },
    answer: ({ form, editing }, errors) => ({ errors, values: form, editing }),
    conflict: (_loaded, { current: c }) => ({
      errors: { form: t("progress.milestoneConflict") },
      values: { id: String(c.id), version: String(c.version), label: c.label ?? "", due: c.due.text, doneOn: c.doneOn ?? "" },
      editing: true,
    }),
    refused: (_loaded, { form }, _version, result) => result && { errors: { form: t("progress.milestoneNotFound") }, values: form, editing: false },
    refusedStatus: () => 404,
    done: ({ base }, _result, { intent }) => redirect(`${base}/milestones?done=${DONE_OF[intent as keyof typeof DONE_OF]}`),
  });
}

const MILESTONE_INTENTS = ["save", "delete", "done", "reopen"] as const;
const isMilestoneIntent = (intent: string): intent is (typeof MILESTONE_INTENTS)[number] => (MILESTONE_INTENTS as readonly string[]).includes(intent);

function MilestoneFields({ values, errors }: { values: Values; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="label" label={t("progress.label")} defaultValue={values.label} error={errors.label} />
      <TextField
        name="due"
        label={t("progress.due")}
        hint={t("progress.dueHint")}
        defaultValue={values.due}
        error={errors.due}
      />
      <TextField
        name="doneOn"
        type="date"
        label={t("progress.doneOn")}
        hint={t("progress.doneOnHint")}
        defaultValue={values.doneOn}
        error={errors.doneOn}
      />
    </>
  );
}

/** One history entry in words: what was added, removed or changed. */
function historyLine(
  t: (key: string, o?: Record<string, unknown>) => string,
  day: (iso: string) => string,
  op: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string {
  const what = (m: Record<string, unknown> | null) => {
    if (!m) return "–";
    const label = typeof m.label === "string" && m.label ? m.label : t("progress.noLabel");
    const done =
      typeof m.doneOn === "string" ? `, ${t("progress.historyDone", { date: day(m.doneOn) })}` : "";
    return `${label} (${typeof m.due === "string" ? m.due : ""}${done})`;
  };
  if (op === "create") return t("progress.history_create", { what: what(after) });
  if (op === "delete") return t("progress.history_delete", { what: what(before) });
  return t("progress.history_update", { before: what(before), after: what(after) });
}

export default function ActionMilestones() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useProgressFormat();
  const lang = d.programme.language;
  const errors: Record<string, string> = result?.errors ?? {};
  const editing = result ? (result.editing ? result.values : null) : d.editing;
  const addValues = result && !result.editing ? result.values : EMPTY;
  const heading = t("progress.milestonesTitle", { number: d.action.number });
  const page = `${d.base}/milestones`;
  return (
    <>
      <PageTitle title={heading} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{heading}</span>
        <span lang={lang}>{d.action.title}</span>
      </h1>
      {d.done && !result ? <Notice>{t(`progress.milestone_${d.done}`)}</Notice> : null}
      <ErrorSummary errors={errors} />
      <p className="nl-paragraph">{t("progress.milestonesPageIntro")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("progress.planningText")}</h2>
      <p className="nl-paragraph regie-pre-line" lang={lang}>
        {d.action.planningText || t("progress.noPlanningText")}
      </p>
      <h3 className="nl-heading nl-heading--level-3">{t("progress.unreadTitle")}</h3>
      {d.unread.length === 0 ? (
        <p className="nl-paragraph">{t("progress.noUnread")}</p>
      ) : (
        <>
          <p className="nl-paragraph">{t("progress.unreadIntro")}</p>
          <ul lang={lang}>
            {d.unread.map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        </>
      )}

      <h2 className="nl-heading nl-heading--level-2" id="mijlpalen">
        {t("progress.milestones")}
      </h2>
      {d.milestones.length === 0 ? (
        <p className="nl-paragraph">{t("progress.noMilestones")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table" aria-labelledby="mijlpalen">
            <thead>
              <tr>
                <th scope="col">{t("progress.colLabel")}</th>
                <th scope="col">{t("progress.colPlanned")}</th>
                <th scope="col">{t("progress.colState")}</th>
                <th scope="col">{t("progress.colSource")}</th>
                <th scope="col">{t("progress.colChange")}</th>
              </tr>
            </thead>
            <tbody>
              {d.milestones.map((m) => {
                const name = t("progress.milestoneFor", { label: m.label ?? m.dueText });
                return (
                  <tr key={m.id}>
                    <th scope="row" lang={lang}>
                      {m.label ?? t("progress.noLabel")}
                    </th>
                    <td>
                      <span lang="nl">{m.dueText}</span>
                      {m.due.kind === "by" || m.due.kind === "recurring" ? (
                        <span className="regie-muted">
                          {" "}
                          ({t("progress.dueBy", { date: f.day(m.due.date) })})
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <MilestoneState m={m} />
                    </td>
                    <td>{m.manual ? t("progress.source_manual") : t("progress.source_planning")}</td>
                    <td>
                      <Link className="nl-link" to={`${page}?edit=${m.id}#wijzigen`}>
                        {t("progress.edit")}
                        <span className="regie-visually-hidden"> {name}</span>
                      </Link>{" "}
                      <Form method="post" className="regie-inline-form">
                        <CsrfField />
                        <input type="hidden" name="intent" value={m.doneOn ? "reopen" : "done"} />
                        <input type="hidden" name="id" value={String(m.id)} />
                        <input type="hidden" name="version" value={String(m.version)} />
                        <button type="submit" className="regie-link-button">
                          {m.doneOn ? t("progress.reopen") : t("progress.markDone")}
                          <span className="regie-visually-hidden"> {name}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing ? (
        <section aria-labelledby="wijzigen">
          <h2 className="nl-heading nl-heading--level-2" id="wijzigen">
            {t("progress.editTitle")}
          </h2>
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <input type="hidden" name="id" value={editing.id} />
            <input type="hidden" name="version" value={editing.version} />
            <MilestoneFields values={editing} errors={errors} />
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit" name="intent" value="save">
                {t("progress.save")}
              </button>
              <button
                className="nl-button nl-button--secondary regie-button-danger"
                type="submit"
                name="intent"
                value="delete"
              >
                {t("progress.delete")}
              </button>
              <Link className="nl-link" to={page}>
                {t("forms.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      ) : (
        <section aria-labelledby="toevoegen">
          <h2 className="nl-heading nl-heading--level-2" id="toevoegen">
            {t("progress.addTitle")}
          </h2>
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <MilestoneFields values={addValues} errors={errors} />
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit">
                {t("progress.add")}
              </button>
            </div>
          </Form>
        </section>
      )}

      <h2 className="nl-heading nl-heading--level-2">{t("progress.milestoneHistory")}</h2>
      {d.history.length === 0 ? (
        <p className="nl-paragraph">{t("edit.noHistory")}</p>
      ) : (
        <ol className="regie-history">
          {d.history.map((e) => (
            <li key={e.id}>
              <p className="nl-paragraph">{historyLine(t, f.day, e.operation, e.before, e.after)}</p>
              <p className="nl-paragraph regie-muted">
                {t("progress.historyBy", { actor: e.actor, date: f.moment(e.at) })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
