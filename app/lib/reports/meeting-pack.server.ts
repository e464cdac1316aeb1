import { calendarDate } from "../../domain/calendar";
import type { Meeting } from "../../domain/decisions/types";
import type { Programme } from "../../domain/programmes/types";
import { assembleMeetingPack, type MeetingPack } from "../../domain/reports/meeting-pack";
import type { Language } from "../i18n";
import { translator } from "../i18n/catalogue.server";
import type { ReportServices } from "./annual-report.server";
import { categoryText, formatDay, type Block, type ReportDocument } from "./report-document.server";

const ALL = { limit: 1_000_000, offset: 0 };

/** The meeting pack from today's data: a few programme-wide reads, never one per action. */
export async function readMeetingPack(services: ReportServices, programme: Programme, meeting: Meeting): Promise<MeetingPack> {
  const today = calendarDate(services.clock.now());
  const meetings = await services.decisions.meetings(programme.id);
  const previous = meetings
    .filter((m) => m.heldOn < meeting.heldOn || (m.heldOn === meeting.heldOn && m.id < meeting.id))
    .sort((a, b) => (a.heldOn === b.heldOn ? b.id - a.id : a.heldOn < b.heldOn ? 1 : -1))[0];
  const firstYear = Number((previous?.heldOn ?? meeting.heldOn).slice(0, 4)) - 1;
  const lastYear = Number(meeting.heldOn.slice(0, 4)) + 1;
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  const [actions, decisions, plans, stored, ...updates] = await Promise.all([
    services.actions.list(programme.id, { category: [] }, ALL),
    services.decisions.list(programme.id),
    services.reports.planVersions(programme.id),
    services.reports.list(programme.id),
    ...years.map((y) => services.reports.updatesOfYear(programme.id, y)),
  ]);
  return assembleMeetingPack({
    programme: { slug: programme.slug, title: programme.title, subtitle: programme.subtitle, categories: programme.categories },
    meeting: { id: meeting.id, heldOn: meeting.heldOn, title: meeting.title, agenda: meeting.agenda },
    previousOn: previous?.heldOn ?? null,
    today,
    actions: actions.data.map((a) => ({ number: a.number, title: a.title, category: a.category, milestones: a.milestones ?? [] })),
    decisions: decisions.data,
    updates: updates.flat(),
    plans,
    proposedProgrammes: stored.filter((r) => r.kind === "annual-programme" && r.status === "proposed").map((r) => r.year),
  });
}

/** The meeting pack's blocks, which the page, Word and PDF render alike. */
export function meetingPackDocument(pack: MeetingPack, language: Language, categories: { categories: { code: number; label: string; colour: string }[] }): ReportDocument {
  const t = translator(language);
  const day = (iso: string) => formatDay(iso, language);
  const action = (n: number, title: string) => t("reports.actionTitle", { number: n, title });
  const title = `${t("reports.pack.title", { date: day(pack.meeting.heldOn) })}: ${pack.meeting.title}`;
  const list = (items: string[], none: string): Block => (items.length > 0 ? { type: "list", items } : { type: "paragraph", text: none });
  const cat = (code: number | null) => categoryText(t, categories, code);
  const blocks: Block[] = [
    { type: "heading", level: 1, text: title, id: "titel" },
    { type: "paragraph", text: t("reports.pack.note", { date: day(pack.generatedOn), programme: pack.programme.title }), note: true },
    {
      type: "paragraph",
      text: pack.previousOn ? t("reports.pack.since", { date: day(pack.previousOn) }) : t("reports.pack.sinceStart"),
      note: true,
    },
    { type: "heading", level: 2, text: t("reports.pack.agenda"), id: "agenda" },
    list(pack.agenda, t("reports.pack.agendaNone")),
    { type: "heading", level: 2, text: t("reports.pack.toDecide"), id: "te-besluiten" },
    { type: "heading", level: 3, text: t("reports.pack.categoryChanges"), id: "categoriewijzigingen" },
    pack.toDecide.categoryChanges.length > 0
      ? {
          type: "table",
          id: "tabel-categoriewijzigingen",
          caption: t("reports.pack.categoryChanges"),
          head: [t("reports.action"), t("reports.pack.from"), t("reports.pack.to"), t("reports.decision")],
          rows: pack.toDecide.categoryChanges.map((c) => [action(c.number, c.title), cat(c.from), c.to === null ? "–" : cat(c.to), c.decision]),
          numeric: [false, false, false, false],
        }
      : { type: "paragraph", text: t("reports.pack.none") },
    { type: "heading", level: 3, text: t("reports.pack.plans"), id: "plannen" },
    list(
      pack.toDecide.plans.map((p) => `${action(p.number, p.title)} (${t("reports.pack.planVersion", { version: p.versionNo })}${p.submittedOn ? `, ${day(p.submittedOn)}` : ""})`),
      t("reports.pack.none"),
    ),
    { type: "heading", level: 3, text: t("reports.pack.annualProgrammes"), id: "jaarprogramma" },
    list(pack.toDecide.annualProgrammes.map((y) => t("reports.annualProgrammeTitle", { year: y })), t("reports.pack.none")),
    { type: "heading", level: 2, text: t("reports.pack.changes"), id: "veranderingen" },
    { type: "heading", level: 3, text: t("reports.pack.updates"), id: "voortgang" },
    list(
      pack.changes.updates.map((u) => `${action(u.number, u.title)}: ${t(`progress.status_${u.status}`)} (${u.period}, ${day(u.on)})`),
      t("reports.pack.none"),
    ),
    { type: "heading", level: 3, text: t("reports.pack.statusChanges"), id: "statuswijzigingen" },
    list(
      pack.changes.statusChanges.map((s) => `${action(s.number, s.title)}: ${t(`progress.status_${s.from}`)} → ${t(`progress.status_${s.to}`)}`),
      t("reports.pack.none"),
    ),
    { type: "heading", level: 3, text: t("reports.pack.milestonesMet"), id: "mijlpalen-gehaald" },
    list(pack.changes.milestonesMet.map((m) => `${action(m.number, m.title)}: ${m.label} (${day(m.doneOn)})`), t("reports.pack.none")),
    { type: "heading", level: 3, text: t("reports.pack.milestonesMissed"), id: "mijlpalen-gemist" },
    list(pack.changes.milestonesMissed.map((m) => `${action(m.number, m.title)}: ${m.label} (${day(m.due)})`), t("reports.pack.none")),
    { type: "heading", level: 3, text: t("reports.pack.decisions"), id: "besluiten-genomen" },
    list(pack.changes.decisions.map((d) => `${day(d.decidedOn)}: ${d.title}`), t("reports.pack.none")),
    { type: "heading", level: 2, text: t("reports.attention"), id: "aandacht" },
    pack.attention.length > 0
      ? {
          type: "table",
          id: "tabel-aandacht",
          caption: t("reports.attention"),
          head: [t("reports.action"), t("reports.reasons")],
          rows: pack.attention.map((a) => [action(a.number, a.title), a.reasons.map((r) => t(`reports.attention_${r}`)).join(", ")]),
          numeric: [false, false],
        }
      : { type: "paragraph", text: t("reports.attentionNone") },
    { type: "heading", level: 2, text: t("reports.pack.taken"), id: "besluiten-vergadering" },
    list(
      pack.taken.map((d) => `${day(d.decidedOn)}: ${d.title}`),
      pack.meeting.heldOn > pack.generatedOn ? t("reports.pack.takenLater") : t("reports.pack.takenNone"),
    ),
  ];
  return { title, subtitle: pack.programme.subtitle, language, locale: language === "nl" ? "nl-NL" : "en-GB", blocks };
}
