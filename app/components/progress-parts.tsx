import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MilestoneView } from "../domain/progress/milestone-view";
import { NARRATIVE_MAX, PROGRESS_STATUSES, type ProgressStatus } from "../domain/progress/progress-input";
import type { ActionProgressView, UpdateView } from "../routes/progress/progress-page.server";
import { Notice, TextArea, TextField } from "./forms";

/** Dates, periods and statuses in the page's language. */
export function useProgressFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "nl-NL";
  return {
    /** A calendar date, "30 juni 2014". */
    day: (iso: string) =>
      new Intl.DateTimeFormat(locale, {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(new Date(`${iso}T12:00:00Z`)),
    /** A moment, in Amsterdam: "30 jun 2014 14:05". */
    moment: (iso: string) =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "Europe/Amsterdam",
      }).format(new Date(iso)),
    /** "2014-H1" → "eerste helft van 2014". */
    period: (code: string) => {
      const m = /^(\d{4})-([HQ][1-4])$/.exec(code);
      return m ? t(`progress.period_${m[2]}`, { year: m[1] }) : code;
    },
    status: (status: ProgressStatus) => t(`progress.status_${status}`),
  };
}

export function StatusLabel({ status }: { status: ProgressStatus }) {
  const f = useProgressFormat();
  // A square key before the word: status never borrows the category's round disc or its colours.
  return (
    <span className={`regie-progress-status regie-progress-status--${status}`}>
      <span className={`regie-status-key regie-status-key--${status}`} aria-hidden="true" />
      {f.status(status)}
    </span>
  );
}

function DueText({ m }: { m: MilestoneView }) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  const due = m.due;
  const when =
    due.kind === "by"
      ? t("progress.dueBy", { date: f.day(due.date) })
      : due.kind === "from"
        ? t("progress.dueFrom", { date: f.day(due.date) })
        : due.kind === "recurring"
          ? t("progress.dueRecurring", { date: f.day(due.date) })
          : t("progress.dueOngoing");
  return (
    <>
      <span lang="nl">{m.dueText}</span> <span className="regie-muted">({when})</span>
    </>
  );
}

export function MilestoneState({ m }: { m: MilestoneView }) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  if (m.state === "overdue")
    return <strong className="regie-milestone-state--overdue">{t("progress.state_overdue")}</strong>;
  if (m.state === "done" && m.doneOn)
    return (
      <span className="regie-milestone-state--done">
        {t("progress.state_done", { date: f.day(m.doneOn) })}
      </span>
    );
  return <span>{t("progress.state_open")}</span>;
}

/** The public list of an action's milestones. */
export function MilestoneList({ milestones, lang }: { milestones: MilestoneView[]; lang: string }) {
  const { t } = useTranslation();
  if (milestones.length === 0) return <p className="nl-paragraph">{t("progress.noMilestones")}</p>;
  return (
    <ul className="regie-milestones">
      {milestones.map((m) => (
        <li key={m.id}>
          <span lang={lang}>{m.label ?? t("progress.noLabel")}</span>: <DueText m={m} /> —{" "}
          <MilestoneState m={m} />
        </li>
      ))}
    </ul>
  );
}

export function UpdateSummary({
  update,
  lang,
  heading,
}: {
  update: UpdateView;
  lang: string;
  heading?: boolean;
}) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  return (
    <div className="regie-progress-update">
      <p className="nl-paragraph">
        {heading ? (
          <strong>{t("progress.latestPeriod", { period: f.period(update.period) })}: </strong>
        ) : (
          <strong>{f.period(update.period)}: </strong>
        )}
        <StatusLabel status={update.status} />
        {update.percent !== null ? <> · {t("progress.percent", { percent: update.percent })}</> : null}
      </p>
      {update.narrative !== null ? (
        <p className="nl-paragraph regie-pre-line" lang={lang}>
          {update.internal ? <span className="regie-muted">[{t("progress.narrativeInternal")}] </span> : null}
          {update.narrative}
        </p>
      ) : null}
      {update.reached.length > 0 ? (
        <p className="nl-paragraph">
          {t("progress.reached")}: <span lang={lang}>{update.reached.join("; ")}</span>
        </p>
      ) : null}
      <p className="nl-paragraph regie-muted">
        {update.author
          ? t("progress.updatedBy", { date: f.moment(update.updatedAt), name: update.author })
          : t("progress.updatedOn", { date: f.moment(update.updatedAt) })}
      </p>
    </div>
  );
}

/** The action page's progress section: the newest update, the earlier ones, the milestones, and links for those who keep them. */
export function ActionProgressSection({ progress }: { progress: ActionProgressView }) {
  const { t } = useTranslation();
  const links = progress.links;
  const lang = progress.language;
  return (
    <section aria-labelledby="voortgang">
      <h2 className="nl-heading nl-heading--level-2" id="voortgang">
        {t("progress.section")}
      </h2>
      {progress.saved ? <Notice>{t("progress.saved")}</Notice> : null}
      {progress.latest ? (
        <UpdateSummary update={progress.latest} lang={lang} heading />
      ) : (
        <p className="nl-paragraph">{t("progress.noProgress")}</p>
      )}
      {progress.history.length > 0 ? (
        <>
          <h3 className="nl-heading nl-heading--level-3">{t("progress.history")}</h3>
          <ol className="regie-progress-history">
            {progress.history.map((u) => (
              <li key={u.period}>
                <UpdateSummary update={u} lang={lang} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h3 className="nl-heading nl-heading--level-3">{t("progress.milestones")}</h3>
      <p className="nl-paragraph regie-muted">{t("progress.milestonesIntro")}</p>
      <MilestoneList milestones={progress.milestones} lang={lang} />
      {links.report || links.milestones || links.rounds ? (
        <div className="regie-edit-links">
          <ul>
            {links.report ? (
              <li>
                <Link className="nl-link" to={links.report}>
                  {t("progress.report")}
                </Link>
              </li>
            ) : null}
            {links.milestones ? (
              <li>
                <Link className="nl-link" to={links.milestones}>
                  {t("progress.editMilestones")}
                </Link>
              </li>
            ) : null}
            {links.rounds ? (
              <li>
                <Link className="nl-link" to={links.rounds}>
                  {t("progress.rounds")}
                </Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export interface ProgressFormValues {
  status: string;
  percent: string;
  narrative: string;
  narrativePublic: boolean;
  milestones: string[];
}

/** The fields of a progress update (status, percentage, narrative, public, milestones reached), shared by the signed-in form and the personal link. */
export function ProgressFields({
  values,
  errors,
  milestones,
  lang,
}: {
  values: ProgressFormValues;
  errors: Record<string, string>;
  milestones: MilestoneView[];
  lang: string;
}) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  return (
    <>
      <fieldset
        className="regie-fieldset"
        aria-describedby={errors.status ? "veld-status-fout" : undefined}
        id="veld-status"
      >
        <legend>{t("progress.status")}</legend>
        <div className="regie-checks">
          {PROGRESS_STATUSES.map((s) => (
            <div className="regie-check" key={s}>
              <input
                type="radio"
                id={`veld-status-${s}`}
                name="status"
                value={s}
                defaultChecked={values.status === s}
              />
              <label htmlFor={`veld-status-${s}`}>{f.status(s)}</label>
            </div>
          ))}
        </div>
        {errors.status ? (
          <p className="regie-field-error" id="veld-status-fout">
            {errors.status}
          </p>
        ) : null}
      </fieldset>
      <TextField
        name="percent"
        label={t("progress.percentField")}
        hint={t("progress.percentHint")}
        defaultValue={values.percent}
        error={errors.percent}
      />
      <TextArea
        name="narrative"
        label={t("progress.narrative")}
        hint={t("progress.narrativeHint", { max: NARRATIVE_MAX })}
        defaultValue={values.narrative}
        error={errors.narrative}
        rows={6}
      />
      <input type="hidden" name="narrativePublicShown" value="1" />
      <div className="regie-check">
        <input
          type="checkbox"
          id="veld-narrativePublic"
          name="narrativePublic"
          value="1"
          defaultChecked={values.narrativePublic}
          aria-describedby="veld-narrativePublic-hint"
        />
        <label htmlFor="veld-narrativePublic">{t("progress.narrativePublic")}</label>
      </div>
      <p className="regie-hint" id="veld-narrativePublic-hint">
        {t("progress.narrativePublicHint")}
      </p>
      <fieldset
        className="regie-fieldset"
        id="veld-milestones"
        aria-describedby={errors.milestones ? "veld-milestones-fout" : undefined}
      >
        <legend>{t("progress.milestonesReached")}</legend>
        {milestones.length === 0 ? (
          <p className="nl-paragraph">{t("progress.noOpenMilestones")}</p>
        ) : (
          <>
            <p className="regie-hint">{t("progress.milestonesReachedHint")}</p>
            {milestones.map((m) => (
              <div className="regie-check" key={m.id}>
                <input
                  type="checkbox"
                  id={`veld-milestone-${m.id}`}
                  name="milestone"
                  value={String(m.id)}
                  defaultChecked={values.milestones.includes(String(m.id))}
                />
                <label htmlFor={`veld-milestone-${m.id}`}>
                  <span lang={lang}>{m.label ?? t("progress.noLabel")}</span> (
                  <span lang="nl">{m.dueText}</span>)
                </label>
              </div>
            ))}
          </>
        )}
        {errors.milestones ? (
          <p className="regie-field-error" id="veld-milestones-fout">
            {errors.milestones}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}

/** The action's status at the top of its page, beside the category: the newest update's status, period and date. */
export function ActionStatusGlance({ latest }: { latest: UpdateView | null }) {
  const { t } = useTranslation();
  const f = useProgressFormat();
  return (
    <p className="nl-paragraph">
      <span className="regie-glance__label">{t("work.statusWord")}:</span>
      {latest ? (
        <>
          <StatusLabel status={latest.status} />{" "}
          <a className="nl-link" href="#voortgang">
            {t("work.latestUpdate", { period: f.period(latest.period), date: f.day(latest.updatedAt.slice(0, 10)) })}
          </a>
        </>
      ) : (
        <span className="regie-muted">{t("work.noUpdate")}</span>
      )}
    </p>
  );
}
