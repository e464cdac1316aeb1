import { z } from "zod";
import { DECISION_KINDS } from "../../domain/decisions/types";
import { PLAN_STATUSES } from "../../domain/plans/plan-lifecycle";
import { PROGRESS_STATUSES } from "../../domain/progress/progress-input";
import { REPORT_STATUSES } from "../../domain/reports/annual-report";
import { area, op } from "../schema";

/** The yearly documents: the annual report as JSON (the model Word and PDF are made from), and as files. */

const category = z.int().min(1).describe("A category code.");
const categoryCounts = z.array(z.strictObject({ category: category.nullable(), count: z.int().min(0) }));

const reportActionSchema = z.strictObject({
  number: z.int().min(1),
  title: z.string(),
  leads: z.array(z.string()).describe("The lead organisations' names."),
  category: category.nullable().describe("The category at the end of the year (today, while the year runs)."),
  changes: z
    .array(z.strictObject({ decidedOn: z.iso.date(), decision: z.string(), from: category.nullable(), to: category }))
    .describe("Category changes by decisions taken in the year."),
  status: z.enum(PROGRESS_STATUSES).nullable().describe("The status of the newest update about a period of the year; null without one."),
  percent: z.number().nullable(),
  period: z.string().nullable().describe("The period of that update, e.g. `2014-H2`."),
  narrative: z.string().nullable().describe("The update's narrative, when its author made it public."),
  milestones: z.array(
    z.strictObject({
      label: z.string().nullable(),
      dueText: z.string(),
      due: z.iso.date(),
      doneOn: z.iso.date().nullable(),
      outcome: z.enum(["met", "late", "missed", "open", "moved"]),
      movedTo: z.string().nullable().describe("For a moved milestone: the date it was moved to, as the planning words it."),
    }),
  ),
  plan: z.enum(PLAN_STATUSES).nullable().describe("The plan of approach's status at the end of the year."),
  risks: z.array(z.strictObject({ through: z.int().min(1), reason: z.enum(["dropped", "stopped", "delayed"]), via: z.array(z.int().min(1)) })),
});

export const annualReportSchema = z
  .strictObject({
    kind: z.literal("annual-report"),
    final: z.boolean().describe("True when the report was made final: it then never changes."),
    finalisedAt: z.iso.datetime().nullable(),
    programme: z.strictObject({ slug: z.string(), title: z.string(), subtitle: z.string() }),
    year: z.int(),
    asOf: z.iso.date().describe("The day the figures are read at: the year's last day, or the day it was made while the year ran."),
    generatedOn: z.iso.date(),
    introduction: z.string(),
    categories: z.array(z.strictObject({ code: category, label: z.string(), colour: z.string() })),
    counts: z.strictObject({
      total: z.int().min(0),
      byCategory: categoryCounts,
      byStatus: z.array(z.strictObject({ status: z.enum(REPORT_STATUSES), count: z.int().min(0) })),
      byTheme: z.array(
        z.strictObject({
          theme: z.int().min(1).nullable().describe("The theme's number; null for the organisation chapter."),
          title: z.string(),
          total: z.int().min(0),
          byCategory: categoryCounts,
        }),
      ),
    }),
    themes: z.array(
      z.strictObject({
        number: z.int().min(1).nullable(),
        title: z.string(),
        text: z.string().describe("The programme manager's comment on the theme."),
        intentions: z.array(z.strictObject({ code: z.string().nullable(), text: z.string().nullable(), actions: z.array(reportActionSchema) })),
      }),
    ),
    decisions: z.array(
      z.strictObject({
        id: z.int().min(1),
        decidedOn: z.iso.date(),
        kind: z.enum(DECISION_KINDS),
        title: z.string(),
        text: z.string(),
        meeting: z.string().nullable(),
        actions: z.array(z.strictObject({ number: z.int().min(1), title: z.string(), from: category.nullable(), to: category.nullable() })),
      }),
    ),
    meetings: z.array(z.strictObject({ id: z.int().min(1), heldOn: z.iso.date(), title: z.string() })),
    indicators: z.array(
      z.strictObject({
        id: z.string(),
        theme: z.int().min(1),
        name: z.string(),
        unit: z.string(),
        region: z.string().nullable(),
        regionName: z.string().nullable(),
        baseline: z.strictObject({ period: z.string(), value: z.number(), substitute: z.boolean() }).nullable(),
        latest: z.strictObject({ period: z.string(), value: z.number(), provisional: z.boolean() }).nullable(),
        change: z.number().nullable(),
        changePercent: z.number().nullable(),
        attribution: z.string(),
        figures: z.array(z.strictObject({ period: z.string(), value: z.number().nullable() })).describe("The headline region's figures per period."),
      }),
    ),
    attention: z.array(
      z.strictObject({
        number: z.int().min(1),
        title: z.string(),
        reasons: z.array(z.enum(["delayed", "at-risk", "no-update", "overdue-milestone", "dependency"])),
      }),
    ),
  })
  .meta({
    id: "AnnualReport",
    description:
      "The annual report (jaarverslag) of a programme for a year: per theme and intention every action with its leads, category, progress, milestones and plan; the year's decisions and meetings; the monitor's indicators; counts; what needs attention. Without personal data.",
  });

const ACCESS =
  "A final report is public; a draft (which shows today's data) is for members of the programme (a Bearer token or a session cookie): 401 without credentials, 403 for others.";
const FILE = (what: string) =>
  `The annual report as ${what}, in Dutch (\`?lang=en\` or \`Accept-Language\` for English), with a file name that says programme, kind and year. ${ACCESS}`;

const programmeActionSchema = z.strictObject({
  number: z.int().min(1),
  title: z.string(),
  leads: z.array(z.string()).describe("The lead organisations' names."),
  category: category.nullable(),
  planningYears: z.array(z.int()).describe("The years its planning covers."),
  milestones: z.array(z.strictObject({ label: z.string().nullable(), dueText: z.string(), due: z.iso.date() })).describe("Its milestones due in the year."),
  plan: z.enum(PLAN_STATUSES).nullable().describe("The plan of approach's status today (on adoption, that day)."),
  isNew: z.boolean().describe("True when its planning begins in the year."),
});

export const annualProgrammeSchema = z
  .strictObject({
    kind: z.literal("annual-programme"),
    status: z.enum(["draft", "proposed", "final"]).describe("`proposed`: before the steering group; `final`: adopted, it then never changes."),
    adoptedAt: z.iso.datetime().nullable(),
    programme: z.strictObject({ slug: z.string(), title: z.string(), subtitle: z.string() }),
    year: z.int(),
    generatedOn: z.iso.date(),
    introduction: z.string(),
    categories: z.array(z.strictObject({ code: category, label: z.string(), colour: z.string() })),
    counts: z.strictObject({ total: z.int().min(0), new: z.int().min(0), byCategory: categoryCounts }),
    themes: z.array(
      z.strictObject({
        number: z.int().min(1).nullable(),
        title: z.string(),
        text: z.string(),
        total: z.int().min(0),
        intentions: z.array(z.strictObject({ code: z.string().nullable(), text: z.string().nullable(), actions: z.array(programmeActionSchema) })),
      }),
    ),
    newActions: z.array(z.strictObject({ number: z.int().min(1), title: z.string() })),
  })
  .meta({
    id: "AnnualProgramme",
    description:
      "The annual programme (jaarprogramma) of a year: per theme and intention the actions with work in it (planning covering the year or milestones due in it), with leads, category, plan of approach and whether they are new.",
  });

const PROGRAMME_ACCESS =
  "An adopted annual programme is public; a draft or proposed one (which shows today's data) is for members of the programme: 401 without credentials, 403 for others.";
const PROGRAMME_FILE = (what: string) => `The annual programme as ${what}, in Dutch (\`?lang=en\` for English). ${PROGRAMME_ACCESS}`;

export const reportOperations = area("reports", undefined, {
  "get /programmes/{slug}/reports/{year}": op("getAnnualReport", "The annual report of a year", {
    description: ACCESS,
    etag: false,
    answers: {
      200: { description: "The report.", schema: annualReportSchema },
      401: "Not signed in, and the report is not final.",
      403: "Not a member of the programme, and the report is not final.",
      404: "There is no such programme, or the year is outside its period or still to come.",
    },
  }),
  "get /programmes/{slug}/reports/{year}.docx": op("getAnnualReportDocx", "The annual report as Word", {
    description: FILE("a Word document (headings, tables, charts with alternative text)"),
    etag: false,
    answers: {
      200: {
        description: "The Word document.",
        file: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", description: "A .docx file." },
        headers: { "Content-Disposition": "`attachment` with the file name." },
      },
      401: "Not signed in, and the report is not final.",
      403: "Not a member of the programme, and the report is not final.",
      404: "There is no such programme, or the year is outside its period or still to come.",
    },
  }),
  "get /programmes/{slug}/reports/{year}.pdf": op("getAnnualReportPdf", "The annual report as tagged PDF", {
    description: FILE("a tagged PDF (structure tree, language, bookmarks, embedded fonts)"),
    etag: false,
    answers: {
      200: {
        description: "The PDF.",
        file: { mediaType: "application/pdf", description: "A PDF file." },
        headers: { "Content-Disposition": "`attachment` with the file name." },
      },
      401: "Not signed in, and the report is not final.",
      403: "Not a member of the programme, and the report is not final.",
      404: "There is no such programme, or the year is outside its period or still to come.",
    },
  }),
  "get /programmes/{slug}/reports/{year}/programme": op("getAnnualProgramme", "The annual programme of a year", {
    description: PROGRAMME_ACCESS,
    etag: false,
    answers: {
      200: { description: "The annual programme.", schema: annualProgrammeSchema },
      401: "Not signed in, and the programme is not adopted.",
      403: "Not a member of the programme, and the programme is not adopted.",
      404: "There is no such programme, or the year is outside its period.",
    },
  }),
  "get /programmes/{slug}/reports/{year}/programme.docx": op("getAnnualProgrammeDocx", "The annual programme as Word", {
    description: PROGRAMME_FILE("a Word document"),
    etag: false,
    answers: {
      200: {
        description: "The Word document.",
        file: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", description: "A .docx file." },
        headers: { "Content-Disposition": "`attachment` with the file name." },
      },
      401: "Not signed in, and the programme is not adopted.",
      403: "Not a member of the programme, and the programme is not adopted.",
      404: "There is no such programme, or the year is outside its period.",
    },
  }),
  "get /programmes/{slug}/reports/{year}/programme.pdf": op("getAnnualProgrammePdf", "The annual programme as tagged PDF", {
    description: PROGRAMME_FILE("a tagged PDF"),
    etag: false,
    answers: {
      200: {
        description: "The PDF.",
        file: { mediaType: "application/pdf", description: "A PDF file." },
        headers: { "Content-Disposition": "`attachment` with the file name." },
      },
      401: "Not signed in, and the programme is not adopted.",
      403: "Not a member of the programme, and the programme is not adopted.",
      404: "There is no such programme, or the year is outside its period.",
    },
  }),
});
