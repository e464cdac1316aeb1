import type { TFunction } from "i18next";
import { periodLabel } from "../../domain/monitor/periods";
import type { AnnualReport, ReportAction, ReportIndicator } from "../../domain/reports/annual-report";
import { renderSeriesChart } from "../../routes/monitor/chart.server";
import { localeOf, type Language } from "../i18n";
import { translator } from "../i18n/catalogue.server";

/**
 * A yearly document as a list of blocks (headings, paragraphs, tables, figures), made once from the
 * report model: the web page, Word and PDF each render these same blocks, so that the three show the
 * same titles, texts and counts.
 */

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4; text: string; id: string }
  | { type: "paragraph"; text: string; label?: string; note?: boolean }
  | { type: "list"; items: string[] }
  | { type: "table"; caption: string; head: string[]; rows: string[][]; numeric: boolean[]; id: string }
  | { type: "figure"; id: string; svg: string; alt: string; caption: string; source: string; width: number; height: number };

export interface ReportDocument {
  title: string;
  subtitle: string;
  language: Language;
  /** "nl-NL" / "en-GB": the document's language tag. */
  locale: string;
  blocks: Block[];
}

export const CHART_SIZE = { width: 640, height: 300 };

export function formatDay(iso: string, language: Language): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)),
  );
}

function formatValue(value: number, decimals: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** "tweede helft van 2014" for "2014-H2"; the code itself when it is not a period. */
function progressPeriod(t: TFunction, code: string): string {
  const m = /^(\d{4})-([HQ][1-4])$/.exec(code);
  return m ? t(`progress.period_${m[2]}`, { year: m[1] }) : code;
}

export function categoryText(t: TFunction, report: Pick<AnnualReport, "categories">, code: number | null): string {
  if (code === null) return t("reports.noCategory");
  const label = report.categories.find((c) => c.code === code)?.label;
  return label ? `${code}: ${label}` : String(code);
}

function actionBlocks(t: TFunction, report: AnnualReport, a: ReportAction, language: Language): Block[] {
  const out: Block[] = [
    { type: "heading", level: 4, text: t("reports.actionTitle", { number: a.number, title: a.title }), id: `actie-${a.number}` },
    { type: "paragraph", label: t("reports.leads"), text: a.leads.length > 0 ? a.leads.join(", ") : t("reports.leadsNone") },
    { type: "paragraph", label: t("reports.category"), text: categoryText(t, report, a.category) },
  ];
  if (a.changes.length > 0) {
    out.push({
      type: "list",
      items: a.changes.map((c) =>
        t("reports.categoryChange", { date: formatDay(c.decidedOn, language), from: c.from ?? "–", to: c.to, decision: c.decision }),
      ),
    });
  }
  const progress =
    a.status && a.period
      ? t("reports.progressLine", { status: t(`progress.status_${a.status}`), period: progressPeriod(t, a.period) }) +
        (a.percent !== null ? `, ${t("reports.percent", { percent: a.percent })}` : "")
      : t("reports.noUpdate", { year: report.year });
  out.push({ type: "paragraph", label: t("reports.progress"), text: progress });
  if (a.narrative) out.push({ type: "paragraph", text: a.narrative });
  out.push({ type: "paragraph", label: t("reports.plan"), text: a.plan ? t(`reports.plan_${a.plan}`) : t("reports.planNone") });
  if (a.milestones.length > 0) {
    out.push({
      type: "table",
      id: `mijlpalen-${a.number}`,
      caption: `${t("reports.milestones", { year: report.year })}: ${t("reports.action")} ${a.number}`,
      head: [t("reports.milestone"), t("reports.due"), t("reports.outcome")],
      rows: a.milestones.map((m) => [m.label ?? m.dueText, formatDay(m.due, language), t(`reports.outcome_${m.outcome}`, { to: m.movedTo ?? "" })]),
      numeric: [false, false, false],
    });
  }
  if (a.risks.length > 0) {
    out.push({
      type: "paragraph",
      label: t("reports.risks"),
      text: a.risks.map((r) => t("reports.riskLine", { through: r.through, reason: t(`reports.reason_${r.reason}`) })).join("; "),
    });
  }
  return out;
}

function indicatorBlocks(t: TFunction, i: ReportIndicator, language: Language): Block[] {
  const unit = i.unit.trim().toLowerCase() === "aantal" ? "" : ` ${i.unit}`;
  const value = (v: number) => `${formatValue(v, i.decimals, language)}${unit}`;
  const out: Block[] = [{ type: "heading", level: 3, text: i.name, id: `indicator-${i.id}` }];
  const facts: string[] = [];
  if (i.regionName) facts.push(`${t("reports.region")}: ${i.regionName}`);
  if (i.baseline) facts.push(`${t("reports.baseline")} (${periodLabel(i.baseline.period, language)}): ${value(i.baseline.value)}`);
  if (i.latest)
    facts.push(
      `${t("reports.latest")} (${periodLabel(i.latest.period, language)}): ${value(i.latest.value)}${i.latest.provisional ? ` (${t("reports.provisional")})` : ""}`,
    );
  if (i.change !== null)
    facts.push(
      `${t("reports.change")}: ${i.change > 0 ? "+" : ""}${value(i.change)}${i.changePercent !== null ? ` (${i.changePercent > 0 ? "+" : ""}${formatValue(i.changePercent, 1, language)}%)` : ""}`,
    );
  out.push(facts.length > 0 ? { type: "list", items: facts } : { type: "paragraph", text: t("reports.monitorNone") });
  const s = i.series;
  if (s && s.periods.length > 0 && s.series[0]) {
    const from = s.periods[0]!.label;
    const to = s.periods[s.periods.length - 1]!.label;
    const alt = t("reports.chartAlt", { name: i.name, region: i.regionName ?? "", from, to });
    const svg = renderSeriesChart(
      s,
      { title: alt, description: alt, baselineLabel: null },
      { id: `verslag-${i.id}`, width: CHART_SIZE.width, height: CHART_SIZE.height, language, decimals: i.decimals },
    );
    out.push({ type: "figure", id: `grafiek-${i.id}`, svg, alt, caption: `${i.name} (${i.regionName ?? ""})`, source: t("reports.source"), ...CHART_SIZE });
    out.push({
      type: "table",
      id: `cijfers-${i.id}`,
      caption: `${i.name}, ${i.regionName ?? ""} (${i.unit})`,
      head: [t("reports.period"), t("reports.value")],
      rows: s.periods.map((p, n) => {
        const point = s.series[0]!.points[n];
        const v = point?.value ?? null;
        return [p.label, v === null ? t("reports.noFigure") : formatValue(v, i.decimals, language) + (point && point.status !== "final" ? ` (${t("reports.provisional")})` : "")];
      }),
      numeric: [false, true],
    });
  }
  out.push({ type: "paragraph", text: `${t("reports.source")}${i.attribution ? ` (${i.attribution})` : ""}`, note: true });
  return out;
}

/** The annual report's blocks in a language, from its model. */
export function annualReportDocument(report: AnnualReport, language: Language, final: boolean): ReportDocument {
  const t = translator(language);
  const title = `${t("reports.annualReportTitle", { year: report.year })}: ${report.programme.title}`;
  const cat = (code: number | null) => (code === null ? t("reports.noCategory") : String(code));
  const categoryColumns = report.counts.byCategory.map((c) => c.category);
  const blocks: Block[] = [
    { type: "heading", level: 1, text: title, id: "titel" },
    {
      type: "paragraph",
      text: final ? t("reports.finalNote", { date: formatDay(report.generatedOn, language) }) : t("reports.draftNote", { date: formatDay(report.generatedOn, language) }),
      note: true,
    },
    { type: "paragraph", text: t("reports.asOf", { date: formatDay(report.asOf, language) }), note: true },
    { type: "heading", level: 2, text: t("reports.introduction"), id: "inleiding" },
    ...(report.introduction.trim() !== ""
      ? report.introduction.split(/\n{2,}/).map((p): Block => ({ type: "paragraph", text: p }))
      : [{ type: "paragraph", text: t("reports.noIntroduction"), note: true } as Block]),
    { type: "heading", level: 2, text: t("reports.summary"), id: "samenvatting" },
    {
      type: "table",
      id: "tabel-thema-categorie",
      caption: t("reports.countsByTheme"),
      head: [t("reports.theme"), ...categoryColumns.map((c) => `${t("reports.category")} ${cat(c)}`), t("reports.total")],
      rows: [
        ...report.counts.byTheme.map((row) => [
          row.theme === null ? row.title : `${row.theme}. ${row.title}`,
          ...categoryColumns.map((c) => String(row.byCategory.find((b) => b.category === c)?.count ?? 0)),
          String(row.total),
        ]),
        [t("reports.total"), ...report.counts.byCategory.map((c) => String(c.count)), String(report.counts.total)],
      ],
      numeric: [false, ...categoryColumns.map(() => true), true],
    },
    {
      type: "table",
      id: "tabel-status",
      caption: t("reports.countsByStatus"),
      head: [t("reports.statusColumn"), t("reports.count")],
      rows: report.counts.byStatus.map((s) => [s.status === "none" ? t("reports.statusNone") : t(`progress.status_${s.status}`), String(s.count)]),
      numeric: [false, true],
    },
    { type: "heading", level: 2, text: t("reports.attention"), id: "aandacht" },
  ];
  if (report.attention.length === 0) blocks.push({ type: "paragraph", text: t("reports.attentionNone") });
  else
    blocks.push({
      type: "table",
      id: "tabel-aandacht",
      caption: t("reports.attention"),
      head: [t("reports.action"), t("reports.reasons")],
      rows: report.attention.map((a) => [`${a.number}. ${a.title}`, a.reasons.map((r) => t(`reports.attention_${r}`)).join(", ")]),
      numeric: [false, false],
    });

  for (const theme of report.themes) {
    const heading = theme.number === null ? theme.title || t("reports.organisationChapter") : `${t("reports.theme")} ${theme.number}: ${theme.title}`;
    blocks.push({ type: "heading", level: 2, text: heading, id: theme.number === null ? "thema-organisatie" : `thema-${theme.number}` });
    if (theme.text.trim() !== "") for (const p of theme.text.split(/\n{2,}/)) blocks.push({ type: "paragraph", text: p });
    for (const intention of theme.intentions) {
      const label =
        intention.code !== null
          ? `${t("reports.intention", { code: intention.code })}: ${intention.text ?? ""}`
          : (intention.text ?? t("reports.otherActions"));
      blocks.push({
        type: "heading",
        level: 3,
        text: label,
        id: `voornemen-${theme.number ?? "org"}-${intention.code ?? intention.actions[0]?.number ?? 0}`,
      });
      for (const a of intention.actions) blocks.push(...actionBlocks(t, report, a, language));
    }
  }

  blocks.push({ type: "heading", level: 2, text: t("reports.decisions", { year: report.year }), id: "besluiten" });
  if (report.decisions.length === 0) blocks.push({ type: "paragraph", text: t("reports.decisionsNone", { year: report.year }) });
  else
    blocks.push({
      type: "table",
      id: "tabel-besluiten",
      caption: t("reports.decisions", { year: report.year }),
      head: [t("reports.date"), t("reports.decision"), t("reports.meeting")],
      rows: report.decisions.map((d) => [
        formatDay(d.decidedOn, language),
        d.title + (d.actions.length > 0 ? ` (${d.actions.map((a) => (a.to !== null ? `${a.number}: ${a.from ?? "–"} → ${a.to}` : String(a.number))).join("; ")})` : ""),
        d.meeting ?? "",
      ]),
      numeric: [false, false, false],
    });
  blocks.push({ type: "heading", level: 2, text: t("reports.meetings", { year: report.year }), id: "vergaderingen" });
  if (report.meetings.length === 0) blocks.push({ type: "paragraph", text: t("reports.meetingsNone", { year: report.year }) });
  else blocks.push({ type: "list", items: report.meetings.map((m) => `${formatDay(m.heldOn, language)}: ${m.title}`) });

  blocks.push({ type: "heading", level: 2, text: t("reports.monitor"), id: "monitor" });
  if (report.indicators.length === 0) blocks.push({ type: "paragraph", text: t("reports.monitorNone") });
  for (const i of report.indicators) blocks.push(...indicatorBlocks(t, i, language));

  return { title, subtitle: report.programme.subtitle, language, locale: language === "nl" ? "nl-NL" : "en-GB", blocks };
}
