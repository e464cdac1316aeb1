import { useTranslation } from "react-i18next";
import type { HistoryEntry } from "../domain/admin/history-entry";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    return value
      .map((v) => {
        if (v && typeof v === "object" && "organisation" in v) {
          const r = v as { organisation: string; qualifier: string | null };
          return r.qualifier ? `${r.organisation} (${r.qualifier})` : r.organisation;
        }
        if (v && typeof v === "object" && "type" in v && "target" in v) {
          const l = v as { type: string; target: { action?: number; theme?: number } };
          return `${l.type} ${l.target.action !== undefined ? `#${l.target.action}` : `thema ${l.target.theme}`}`;
        }
        return typeof v === "string" ? v : JSON.stringify(v);
      })
      .join("\n");
  }
  // Numbers and booleans print as JSON does; objects as JSON.
  return JSON.stringify(value);
}

/** A record's history, newest first: who changed what, and from what to what. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(iso));
  if (entries.length === 0) return <p className="nl-paragraph">{t("edit.noHistory")}</p>;
  return (
    <ol className="regie-history">
      {entries.map((e) => {
        const fields = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
        return (
          <li key={e.id}>
            <p className="nl-paragraph">
              <strong>{t(`edit.operation_${e.operation}`, { defaultValue: e.operation })}</strong> · {t("edit.historyBy", { actor: e.actor, date: date(e.at) })}
            </p>
            {fields.length > 0 && (e.operation === "update" || e.operation === "merge") ? (
              <dl>
                {fields.map((f) => (
                  <div key={f} className="regie-history__row">
                    <dt>{f}</dt>
                    <dd>
                      <span className="regie-visually-hidden">{t("edit.before")}: </span>
                      {show(e.before?.[f])}
                    </dd>
                    <dd>
                      <span className="regie-visually-hidden">{t("edit.after")}: </span>
                      {show(e.after?.[f])}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
