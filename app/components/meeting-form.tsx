import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { MeetingFormValues } from "../domain/decisions/meeting-input";
import { ORGANISATION_KINDS, type OrganisationKind } from "../domain/programmes/programme-document";
import { CsrfField, TextArea, TextField } from "./forms";

export interface MeetingFormProps {
  language: string;
  organisations: { slug: string; name: string; kind: OrganisationKind }[];
  values: MeetingFormValues;
  /** Field errors, translated. */
  errors: Record<string, string>;
  /** The version of the meeting the form shows (corrections only). */
  version?: number;
  submitLabel: string;
  cancelHref: string;
}

/** The meeting form, for recording a meeting and for correcting one. Works without JavaScript. */
export function MeetingForm({
  language,
  organisations,
  values,
  errors,
  version,
  submitLabel,
  cancelHref,
}: MeetingFormProps) {
  const { t } = useTranslation();
  const chosen = new Set(values.attendees);
  const groups = ORGANISATION_KINDS.map((kind) => ({
    kind,
    orgs: organisations.filter((o) => o.kind === kind),
  })).filter((g) => g.orgs.length > 0);
  return (
    <Form method="post" className="regie-form" noValidate>
      <CsrfField />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <TextField
        name="heldOn"
        type="date"
        label={t("decisions.fieldHeldOn")}
        defaultValue={values.heldOn}
        error={errors.heldOn}
        required
      />
      <TextField
        name="title"
        label={t("decisions.fieldMeetingTitle")}
        defaultValue={values.title}
        error={errors.title}
        required
        maxLength={300}
      />
      <fieldset
        className="regie-fieldset"
        id="veld-attendees"
        aria-describedby={["veld-attendees-hint", errors.attendees ? "veld-attendees-fout" : null]
          .filter(Boolean)
          .join(" ")}
      >
        <legend>{t("decisions.fieldAttendees")}</legend>
        <p className="regie-hint" id="veld-attendees-hint">
          {t("decisions.fieldAttendeesHint")}
        </p>
        {errors.attendees ? (
          <p className="regie-field-error" id="veld-attendees-fout">
            {errors.attendees}
          </p>
        ) : null}
        {groups.map((g) => (
          <fieldset key={g.kind} className="regie-field regie-field--wide">
            <legend>{t(`kindPlural.${g.kind}`)}</legend>
            <div className="regie-checks regie-checks--columns">
              {g.orgs.map((o) => (
                <div className="regie-check" key={o.slug}>
                  <input
                    type="checkbox"
                    id={`veld-attendee-${o.slug}`}
                    name="attendee"
                    value={o.slug}
                    defaultChecked={chosen.has(o.slug)}
                  />
                  <label htmlFor={`veld-attendee-${o.slug}`} lang={language}>
                    {o.name}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <TextArea
        name="agenda"
        label={t("decisions.fieldAgenda")}
        defaultValue={values.agenda}
        error={errors.agenda}
        rows={5}
      />
      <TextArea
        name="minutes"
        label={t("decisions.fieldMinutes")}
        defaultValue={values.minutes}
        error={errors.minutes}
        rows={10}
      />
      <div className="regie-actions-row">
        <button className="nl-button nl-button--primary" type="submit">
          {submitLabel}
        </button>
        <Link className="nl-link" to={cancelHref}>
          {t("forms.cancel")}
        </Link>
      </div>
    </Form>
  );
}
