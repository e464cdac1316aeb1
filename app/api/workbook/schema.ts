import { area, op } from "../schema";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Workbooks: a programme as Excel, and the blank template a new programme is filled in on. */
export const workbookOperations = area("programmes", undefined, {
  "get /programmes/{slug}/workbook": op("downloadProgrammeWorkbook", "A programme as an Excel workbook", {
    description:
      "The programme as an .xlsx workbook, one sheet per kind of record, each with a frozen header row and a filter: Programme, Categories, Themes, Intentions, Organisations, Actions (one row per action, one column per field, organisations by name), then Progress (public narratives only), Decisions, Milestones and Indicator measurements. Headers are Dutch unless `Accept-Language` (or `?lang=en`) asks for English. Text that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) is a text cell with the Text format, never a formula. The same workbook, edited, can be imported on the programme's import page.",
    answers: {
      200: {
        description: "The workbook, sent as a download (`Content-Disposition: attachment`).",
        file: { mediaType: XLSX, description: "An Office Open XML workbook." },
      },
    },
  }),
  "get /workbook-template": op("downloadWorkbookTemplate", "The blank programme template", {
    description:
      "The sheets a new programme is made of (Programme, Categories, Themes, Intentions, Organisations, Actions) with their headers and nothing else. Filled in, it is imported with `regie import-programme FILE.xlsx` or on the administrator's page.",
    answers: {
      200: {
        description: "The template, sent as a download.",
        file: { mediaType: XLSX, description: "An Office Open XML workbook." },
      },
    },
  }),
});
