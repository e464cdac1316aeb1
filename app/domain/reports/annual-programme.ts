import type { PlanStatus } from "../plans/plan-lifecycle";
import type { IsoDate } from "../progress/fuzzy-date";
import {
  countByCategory,
  milestonesInYear,
  planStatusOn,
  type AnnualReportInput,
  type ReportActionInput,
  type ReportPlanInput,
  type ReportTexts,
} from "./annual-report";

/**
 * The annual programme (jaarprogramma) of a year: what the programme means to do in it. An action
 * belongs to it when its planning covers the year or one of its milestones falls due in it; the
 * steering group adopts the document, after which its snapshot is what it shows. A pure function of
 * read inputs, like the annual report, so that the page, Word, PDF and the API agree.
 */

export interface AnnualProgrammeInput {
  programme: AnnualReportInput["programme"];
  year: number;
  today: IsoDate;
  actions: readonly ReportActionInput[];
  plans: readonly ReportPlanInput[];
  texts: ReportTexts;
}

export interface ProgrammeMilestone {
  label: string | null;
  dueText: string;
  due: IsoDate;
}

export interface ProgrammeAction {
  number: number;
  title: string;
  leads: string[];
  category: number | null;
  planningYears: number[];
  milestones: ProgrammeMilestone[];
  plan: PlanStatus | null;
  /** New in this year's programme: its planning begins in the year. */
  isNew: boolean;
}

export interface ProgrammeTheme {
  number: number | null;
  title: string;
  text: string;
  intentions: { code: string | null; text: string | null; actions: ProgrammeAction[] }[];
  total: number;
}

export interface AnnualProgramme {
  kind: "annual-programme";
  programme: { slug: string; title: string; subtitle: string };
  year: number;
  generatedOn: IsoDate;
  introduction: string;
  categories: { code: number; label: string; colour: string }[];
  counts: { total: number; new: number; byCategory: { category: number | null; count: number }[] };
  themes: ProgrammeTheme[];
  newActions: { number: number; title: string }[];
}

/** Whether an action has work in the year: planning that covers it, or a milestone due in it. */
export function hasWorkIn(action: Pick<ReportActionInput, "planningYears" | "milestones">, year: number, today: IsoDate): boolean {
  return action.planningYears.includes(year) || milestonesInYear(action.milestones, year, today).length > 0;
}

export function assembleAnnualProgramme(input: AnnualProgrammeInput): AnnualProgramme {
  const { year, today } = input;
  const plansOf = new Map<number, ReportPlanInput[]>();
  for (const p of input.plans) plansOf.set(p.action, [...(plansOf.get(p.action) ?? []), p]);
  const chosen = input.actions.filter((a) => hasWorkIn(a, year, today));
  const toAction = (a: ReportActionInput): ProgrammeAction => ({
    number: a.number,
    title: a.title,
    leads: a.leads.map((l) => l.name),
    category: a.category,
    planningYears: [...a.planningYears].sort((x, y) => x - y),
    milestones: milestonesInYear(a.milestones, year, today).map((m) => ({ label: m.label, dueText: m.dueText, due: m.due })),
    plan: planStatusOn(plansOf.get(a.number) ?? [], today),
    isNew: a.planningYears.length > 0 && Math.min(...a.planningYears) === year,
  });
  const all = new Map(chosen.map((a) => [a.number, toAction(a)]));
  const themed = (key: number | null) => chosen.filter((a) => (a.theme?.number ?? null) === key);

  const themes: ProgrammeTheme[] = [];
  for (const theme of input.programme.themes) {
    const own = themed(theme.number);
    const intentions: ProgrammeTheme["intentions"] = theme.intentions.map((i) => ({
      code: i.code,
      text: i.text,
      actions: own.filter((a) => a.intention?.code === i.code).map((a) => all.get(a.number)!),
    }));
    const loose = own.filter((a) => !a.intention || !theme.intentions.some((i) => i.code === a.intention!.code));
    if (loose.length > 0) intentions.push({ code: null, text: null, actions: loose.map((a) => all.get(a.number)!) });
    themes.push({
      number: theme.number,
      title: theme.title,
      text: input.texts.themes[String(theme.number)] ?? "",
      intentions: intentions.filter((i) => i.actions.length > 0),
      total: own.length,
    });
  }
  const chapter = themed(null);
  if (chapter.length > 0) {
    const groups = [...new Set(chapter.map((a) => a.group))];
    themes.push({
      number: null,
      title: input.programme.organisationChapter?.title ?? "",
      text: input.texts.themes.chapter ?? "",
      intentions: groups.map((g) => ({ code: null, text: g, actions: chapter.filter((a) => a.group === g).map((a) => all.get(a.number)!) })),
      total: chapter.length,
    });
  }
  const actions = [...all.values()];
  const fresh = actions.filter((a) => a.isNew).sort((a, b) => a.number - b.number);
  return {
    kind: "annual-programme",
    programme: { slug: input.programme.slug, title: input.programme.title, subtitle: input.programme.subtitle },
    year,
    generatedOn: today,
    introduction: input.texts.introduction,
    categories: input.programme.categories.map((c) => ({ code: c.code, label: c.label, colour: c.colour })),
    counts: { total: actions.length, new: fresh.length, byCategory: countByCategory(input.programme.categories, actions.map((a) => a.category)) },
    themes,
    newActions: fresh.map((a) => ({ number: a.number, title: a.title })),
  };
}
