import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Decision } from "../domain/decisions/types";
import { formatDay } from "../lib/decision-format";
import type { Language } from "../lib/i18n";
import { Paragraphs } from "./paragraphs";

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "nl";
}

/** "Categorie 3 → 2", read aloud as "categorie van 3 naar 2"; "–" (none) before the first decision. */
export function CategoryChangeText({ from, to }: { from: number | null; to: number | null }) {
  const { t } = useTranslation();
  const show = (c: number | null) => (c === null ? "–" : String(c));
  const say = (c: number | null) => (c === null ? t("decisions.noCategory") : String(c));
  return (
    <span className="regie-category-change">
      {t("decisions.changeGroup")} <span aria-hidden="true">{t("decisions.change", { from: show(from), to: show(to) })}</span>
      <span className="regie-visually-hidden">{t("decisions.changeSpoken", { from: say(from), to: say(to) })}</span>
    </span>
  );
}

/** The actions a decision concerns, grouped by their change: "Categorie – → 2: Actie 1, Actie 2 …". */
function ConcernedActions({ decision, base }: { decision: Decision; base: string }) {
  const { t } = useTranslation();
  const groups = new Map<string, { from: number | null; to: number | null; numbers: number[] }>();
  for (const a of decision.actions) {
    const key = a.to === null ? "unchanged" : `${a.from ?? "-"}>${a.to}`;
    const group = groups.get(key) ?? { from: a.from, to: a.to, numbers: [] };
    group.numbers.push(a.number);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === "unchanged" ? 1 : b === "unchanged" ? -1 : a.localeCompare(b)));
  return (
    <dl className="regie-decision__actions">
      {ordered.map(([key, g]) => (
        <div key={key}>
          <dt>{g.to === null ? (decision.status === "planned" ? t("decisions.concerned") : t("decisions.unchanged")) : <CategoryChangeText from={g.from} to={g.to} />}</dt>
          <dd>
            <ul className="regie-inline-list">
              {g.numbers.map((n) => (
                <li key={n}>
                  <Link className="nl-link" to={`${base}/actions/${n}`}>
                    {t("decisions.actionLink", { number: n })}
                  </Link>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One decision in the register: title, date, kind, source (a re-import), meeting, text and the
 * actions concerned. In the register the title links to the decision's own page (`linked`).
 */
export function DecisionEntry({
  decision,
  base,
  lang,
  headingLevel = 3,
  linked = false,
}: {
  decision: Decision;
  base: string;
  lang: string;
  headingLevel?: 1 | 2 | 3;
  linked?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const Heading = headingLevel === 1 ? "h1" : headingLevel === 2 ? "h2" : "h3";
  const id = `besluit-${decision.id}`;
  const title = <span lang={lang}>{decision.title}</span>;
  return (
    <article className="regie-decision" id={id} aria-labelledby={`${id}-titel`}>
      <Heading className={`nl-heading nl-heading--level-${headingLevel}`} id={`${id}-titel`}>
        {linked ? (
          <Link className="nl-link" to={`${base}/decisions/${decision.id}`}>
            {title}
          </Link>
        ) : (
          title
        )}
      </Heading>
      <dl className="regie-facts regie-decision__facts">
        <div>
          <dt>{decision.status === "planned" ? t("decisions.expected") : t("decisions.date")}</dt>
          <dd>
            <time dateTime={decision.decidedOn}>{formatDay(decision.decidedOn, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("decisions.kind")}</dt>
          <dd>{t(`decisions.kind_${decision.kind}`)}</dd>
        </div>
        {decision.source === "import" ? (
          <div>
            <dt>{t("decisions.source")}</dt>
            <dd>
              {t("decisions.source_import")}. {t("decisions.sourceImportNote")}
            </dd>
          </div>
        ) : null}
        {decision.meeting ? (
          <div>
            <dt>{t("decisions.meeting")}</dt>
            <dd>
              <Link className="nl-link" to={`${base}/meetings/${decision.meeting.id}`}>
                <span lang={lang}>{decision.meeting.title}</span>, {formatDay(decision.meeting.heldOn, language)}
              </Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {decision.text ? <Paragraphs text={decision.text} lang={lang} /> : null}
      {decision.actions.length > 0 ? (
        <>
          <p className="nl-paragraph regie-decision__concerned">
            <strong>{t("decisions.actionsConcerned")}</strong> ({decision.actions.length})
          </p>
          <ConcernedActions decision={decision} base={base} />
        </>
      ) : null}
    </article>
  );
}
