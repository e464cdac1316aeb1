import { z } from "zod";
import { text } from "../primitives";
import type { OrganisationLookup } from "../actions/action-form";
import { readCsv } from "../monitor/csv-reader";
import { decodeText } from "../monitor/read-file";
import { issueMessage, message, type Message } from "../../lib/errors";

/**
 * Contacts: people (name, email, organisation) who speak for an action. An account is optional.
 * Messages are keys with their parameters (`{ key, params }`), translated where they are shown.
 */
export const CONTACT_NAME_MAX = 200;
export const CONTACT_EMAIL_MAX = 254;
/** The most rows one CSV file may hold. */
export const CONTACT_IMPORT_MAX_ROWS = 5000;

export const contactEmailSchema = text({ message: "contacts.emailInvalid" })
  .trim()
  .toLowerCase()
  .max(CONTACT_EMAIL_MAX, { message: "contacts.emailInvalid" })
  .pipe(z.email({ message: "contacts.emailInvalid" }));

export const contactNameSchema = text({ message: "contacts.nameRequired" })
  .trim()
  .min(1, { message: "contacts.nameRequired" })
  .max(CONTACT_NAME_MAX, { message: "contacts.nameTooLong" });

/** The add-a-contact form: organisation is a slug from the list, or empty. */
export const contactFormSchema = z.object({
  name: contactNameSchema,
  email: contactEmailSchema,
  organisation: text()
    .trim()
    .max(200, { message: "contacts.organisationUnknown" })
    .regex(/^$|^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "contacts.organisationUnknown" })
    .optional()
    .transform((v) => (v ? v : null)),
});
export type ContactForm = z.infer<typeof contactFormSchema>;

/** One valid row of a contacts file. */
export interface ContactImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  actionNumber: number;
  name: string;
  email: string;
  /** The organisation's slug, or null when the cell is empty. */
  organisation: string | null;
}

export interface ImportProblem {
  /** The file's line, or null for a problem with the whole file. */
  line: number | null;
  /** What is wrong with the line, as messages. */
  messages: Message[];
}

export type ContactFileResult = { ok: true; rows: ContactImportRow[] } | { ok: false; problems: ImportProblem[] };

/** The header's accepted names per column, Dutch and English, compared case-insensitively. */
const COLUMNS = {
  action: ["action", "actie", "actienummer", "action number"],
  name: ["name", "naam"],
  email: ["email", "e-mail", "e-mailadres", "emailadres", "email address"],
  organisation: ["organisation", "organization", "organisatie"],
} as const;
type Column = keyof typeof COLUMNS;

const rowSchema = z.object({
  action: text().trim().regex(/^[1-9]\d{0,5}$/, { message: "contacts.actionNumberInvalid" }),
  name: contactNameSchema,
  email: contactEmailSchema,
  organisation: text().trim().max(200, { message: "contacts.organisationUnknown" }),
});

/**
 * Reads a contacts file: UTF-8 (a byte-order mark is allowed), `;` or `,` between cells, a header
 * naming the columns action, name, email and organisation. Every row is checked; any problem refuses
 * the whole file, with the line numbers and reasons.
 */
export function parseContactFile(
  bytes: Uint8Array,
  context: { actionExists: (number: number) => boolean; organisations: Pick<OrganisationLookup, "resolve"> },
): ContactFileResult {
  const text = decodeText(bytes);
  if (text === undefined) return fileProblem("contacts.fileNotUtf8");
  if (text.trim() === "") return fileProblem("contacts.fileEmpty");
  const csv = readCsv(text);
  if (!csv.ok) return fileProblem("contacts.fileQuote", { param: csv.line });
  const [header, ...body] = csv.rows;
  if (!header) return fileProblem("contacts.fileEmpty");
  const positions = headerPositions(header.cells);
  if (!positions) return fileProblem("contacts.fileHeader");
  if (body.length === 0) return fileProblem("contacts.fileNoRows");
  if (body.length > CONTACT_IMPORT_MAX_ROWS) return fileProblem("contacts.fileTooManyRows", { param: CONTACT_IMPORT_MAX_ROWS });

  const problems: ImportProblem[] = [];
  const rows: ContactImportRow[] = [];
  const pairs = new Map<string, number>();
  const people = new Map<string, { line: number; name: string; organisation: string | null }>();
  for (const row of body) {
    const messages: Message[] = [];
    if (row.cells.length !== header.cells.length) messages.push(message("contacts.rowCells", { param: header.cells.length }));
    const cell = (c: Column) => row.cells[positions[c]] ?? "";
    const parsed = rowSchema.safeParse({ action: cell("action"), name: cell("name"), email: cell("email"), organisation: cell("organisation") });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) if (!messages.some((m) => m.key === issue.message)) messages.push(issueMessage(issue));
      problems.push({ line: row.line, messages });
      continue;
    }
    const { name, email } = parsed.data;
    const actionNumber = Number(parsed.data.action);
    if (!context.actionExists(actionNumber)) messages.push(message("contacts.actionUnknown", { param: actionNumber }));
    let organisation: string | null = null;
    if (parsed.data.organisation !== "") {
      organisation = context.organisations.resolve(parsed.data.organisation) ?? null;
      if (!organisation) messages.push(message("contacts.organisationUnknownName", { param: parsed.data.organisation }));
    }
    const pairKey = `${actionNumber} ${email}`;
    const earlierPair = pairs.get(pairKey);
    if (earlierPair !== undefined) messages.push(message("contacts.rowDuplicate", { param: earlierPair }));
    const person = people.get(email);
    if (person && (person.name !== name || person.organisation !== organisation)) messages.push(message("contacts.rowDiffers", { param: person.line }));
    if (messages.length > 0) {
      problems.push({ line: row.line, messages });
      continue;
    }
    pairs.set(pairKey, row.line);
    if (!person) people.set(email, { line: row.line, name, organisation });
    rows.push({ line: row.line, actionNumber, name, email, organisation });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

function fileProblem(key: string, params?: Message["params"]): ContactFileResult {
  return { ok: false, problems: [{ line: null, messages: [message(key, params)] }] };
}

/** Where each column is, or undefined when the header lacks one or names one twice. */
function headerPositions(cells: string[]): Record<Column, number> | undefined {
  const found: Partial<Record<Column, number>> = {};
  cells.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    for (const column of Object.keys(COLUMNS) as Column[]) {
      if ((COLUMNS[column] as readonly string[]).includes(name)) {
        found[column] = found[column] === undefined ? index : -1;
      }
    }
  });
  const columns = Object.keys(COLUMNS) as Column[];
  if (columns.some((c) => found[c] === undefined || found[c] === -1)) return undefined;
  return found as Record<Column, number>;
}

/** The action numbers in a field such as "5, 17 23": whole numbers, or undefined when something else is there. */
export function parseActionNumbers(value: string): number[] | undefined {
  const parts = value.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((p) => !/^[1-9]\d{0,5}$/.test(p))) return undefined;
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** A contact as the people who may see contacts are shown them. */
export interface ContactView {
  id: number;
  name: string;
  email: string;
  organisation: { slug: string; name: string } | null;
  hasAccount: boolean;
}

/** A person's details as a change gives them: the organisation as a slug (or none). */
export interface ContactInput {
  name: string;
  email: string;
  organisation: string | null;
}
