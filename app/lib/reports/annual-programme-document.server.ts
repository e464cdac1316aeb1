import type { AnnualProgramme, ProgrammeAction } from "../../domain/reports/annual-programme";
import type { Language } from "../i18n";
import { translator } from "../i18n/catalogue.server";
import { categoryText, formatDay, type Block, type ReportDocument } from "./report-document.server";

function paragraphs(text: string, empty: string): Block[] {
  return text.trim() !== "" ? text.split(/\n{2,}/).map((p): Block => ({ type: "paragraph", text: p })) : [{ type: "paragraph", text: empty, note: true }];
}

/** The annual programme's blocks in a language: the same renderers as the annual report show them. */
export function annualProgrammeDocument(model: AnnualProgramme, language: Language, final: boolean): ReportDocument {
  const t = translator(language);
  const title = `${t("reports.annualProgrammeTitle", { year: model.year })}: ${model.programme.title}`;
  const date = formatDay(model.generatedOn, language);
  const years = (a: ProgrammeAction) => {
    if (a.planningYears.length === 0) return "–";
    const first = a.planningYears[0]!;
    const last = a.planningYears[a.planningYears.length - 1]!;
    return first === last ? String(first) : `${first}–${last}`;
  };
  const blocks: Block[] = [
    { type: "heading", level: 1, text: title, id: "titel" },
    { type: "paragraph", text: final ? t("reports.adoptedNote", { date }) : t("reports.programmeDraftNote", { date }), note: true },
    { type: "heading", level: 2, text: t("reports.introduction"), id: "inleiding" },
    ...paragraphs(model.introduction, t("reports.noIntroduction")),
    { type: "heading", level: 2, text: t("reports.summary"), id: "samenvatting" },
    {
      type: "table",
      id: "tabel-programma-categorie",
      caption: t("reports.programmeCounts", { year: model.year }),
      head: [t("reports.category"), t("reports.count")],
      rows: [
        ...model.counts.byCategory.map((c) => [categoryText(t, model, c.category), String(c.count)]),
        [t("reports.total"), String(model.counts.total)],
      ],
      numeric: [false, true],
    },
    { type: "heading", level: 2, text: t("reports.newActions", { year: model.year }), id: "nieuw" },
    model.newActions.length > 0
      ? { type: "list", items: model.newActions.map((a) => t("reports.actionTitle", { number: a.number, title: a.title })) }
      : { type: "paragraph", text: t("reports.newActionsNone") },
  ];
  for (const theme of model.themes) {
    const heading = theme.number === null ? theme.title || t("reports.organisationChapter") : `${t("reports.theme")} ${theme.number}: ${theme.title}`;
    blocks.push({ type: "heading", level: 2, text: heading, id: theme.number === null ? "thema-organisatie" : `thema-${theme.number}` });
    for (const p of theme.text.trim() !== "" ? theme.text.split(/\n{2,}/) : []) blocks.push({ type: "paragraph", text: p });
    if (theme.intentions.length === 0) blocks.push({ type: "paragraph", text: t("reports.themeNoWork", { year: model.year }) });
    for (const intention of theme.intentions) {
      const label =
        intention.code !== null ? `${t("reports.intention", { code: intention.code })}: ${intention.text ?? ""}` : (intention.text ?? t("reports.otherActions"));
      blocks.push({ type: "heading", level: 3, text: label, id: `voornemen-${theme.number ?? "org"}-${intention.code ?? intention.actions[0]?.number ?? 0}` });
      for (const a of intention.actions) {
        blocks.push(
          { type: "heading", level: 4, text: t("reports.actionTitle", { number: a.number, title: a.title }), id: `actie-${a.number}` },
          { type: "paragraph", label: t("reports.leads"), text: a.leads.length > 0 ? a.leads.join(", ") : t("reports.leadsNone") },
          { type: "paragraph", label: t("reports.category"), text: categoryText(t, model, a.category) },
          { type: "paragraph", label: t("reports.planningYears"), text: years(a) + (a.isNew ? ` (${t("reports.isNew")})` : "") },
          { type: "paragraph", label: t("reports.plan"), text: a.plan ? t(`reports.plan_${a.plan}`) : t("reports.planNone") },
        );
        if (a.milestones.length > 0)
          blocks.push({
            type: "table",
            id: `mijlpalen-${a.number}`,
            caption: `${t("reports.milestones", { year: model.year })}: ${t("reports.action")} ${a.number}`,
            head: [t("reports.milestone"), t("reports.due")],
            rows: a.milestones.map((m) => [m.label ?? m.dueText, formatDay(m.due, language)]),
            numeric: [false, false],
          });
      }
    }
  }
  return { title, subtitle: model.programme.subtitle, language, locale: language === "nl" ? "nl-NL" : "en-GB", blocks };
}
