import { data, redirect, type AppLoadContext } from "react-router";
import type { z } from "zod";
import type { Actor } from "../../db/audit";
import { timestamp } from "../../domain/time";
import {
  NotFound,
  SignInRequired,
  message,
  translateFieldErrors,
  translateMessage,
  zodFieldErrors,
  type FieldErrors,
  type Message,
  type RegieError,
  type TranslateOptions,
} from "../../lib/errors";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber, requireProgramme } from "./page-data.server";

/**
 * A typed error as a page answer, thrown: the public is sent to sign in (and back), the others
 * become an error response with the message in the visitor's language, which the root
 * ErrorBoundary shows. Each kind of error is mapped to a page here and nowhere else.
 */
export function pageError(context: AppLoadContext, request: Request, error: RegieError): never {
  if (error instanceof SignInRequired) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  throw data(translateMessage(translator(context.language), error.detail), { status: error.status });
}

/** A 404 page with this message. */
export function notFound(context: AppLoadContext, detail?: Message): never {
  throw data(translateMessage(translator(context.language), new NotFound(detail).detail), { status: 404 });
}

/** Field errors in the visitor's language, as a form shows them. */
export function formErrors(context: AppLoadContext, errors: FieldErrors, options: TranslateOptions = {}): Record<string, string> {
  return translateFieldErrors(translator(context.language), errors, options);
}

/** The signed-in person as history records them ("Regie" for what the system does itself). */
export function actorOf(context: AppLoadContext): Actor {
  const user = context.principal.user;
  return user ? { userId: user.id, label: user.name } : { userId: null, label: "Regie" };
}

/** The version a form carried (hidden field `version`); -1 when missing or malformed, which no record has. */
export function formVersion(value: FormDataEntryValue | null | undefined): number {
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

/** THE "action of this programme" of a page, or a 404 in the visitor's language. */
export async function requireAction(context: AppLoadContext, params: { slug?: string; number?: string }) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.actionNotFound");
  const action = await context.services.actions.get(programme.id, number);
  if (!action) notFound(context, message("errors.actionNotFound", { number }));
  return {
    programme,
    action,
    target: { programmeId: programme.id, actionId: action.id },
    base: `/programmes/${programme.slug}/actions/${action.number}`,
  };
}

/** The form shown again beside what another person saved meanwhile: their values and the version to save over. */
export function conflictAnswer<V>(context: AppLoadContext, key: string, values: V, current: { version: number }, theirs: V) {
  return { errors: { form: translator(context.language)(key) }, values, version: current.version, conflict: theirs };
}

/** The form shown again with its errors, on the version it was opened on (no conflict). */
export const formAnswer = <V>(values: V, errors: Record<string, string>, version: number) => ({ errors, values, version, conflict: null });

/** Who changes, in which request and when: what a store records with a change. */
export interface PageWrite {
  actor: Actor;
  requestId: string;
  now: string;
}

/**
 * What a store answers to a change from a page: "ok" (with what it adds), or why not: the record
 * went ("not-found"), invalid input (errors as the stores write them), a newer version ("conflict"),
 * or a refusal of its own ("locked").
 */
type StoreOutcome = { status: string };

type Succeeded<Out> = Extract<Out, { status: "ok" }>;
type Conflicted<Out> = Extract<Out, { status: "conflict" }>;
type RefusedOutcome<Out> = Exclude<Out, { status: "ok" | "not-found" | "invalid" | "conflict" }>;

/** What reading the form gave: the values shown again, and either the raw input for `schema` or a value the reader already checked. */
export interface FormReading<V, I> {
  values: V;
  /** The input the schema parses. */
  input?: unknown;
  /** The input already checked by the form's own reader (no schema then). */
  value?: I;
  /** What reading the form found wrong. */
  errors?: FieldErrors;
}

/** The parts of a page's form action that changes data, in the order they run. */
export interface PageActionSteps<R, V, I, Out extends StoreOutcome, A, C, D> {
  /** The record the page is about, and the permission (which may depend on the form's intent): throws 404/403 or the redirect to sign in. */
  load(form: FormData): Promise<R>;
  /** The form as the page shows it again (`values`), the input for the schema (or the value its own reader checked), and what reading it found wrong. */
  read(form: FormData, record: R): FormReading<V, I>;
  /** The input's schema; left out when `read` gives a checked `value`. */
  schema?: z.ZodType<I>;
  /** Whether errors found while reading are shown together with the schema's (default: alone). */
  readErrors?: "alone" | "with-schema";
  /** The schema's failures by field; `zodFieldErrors` when left out. */
  schemaErrors?(error: z.ZodError): FieldErrors;
  /** Moves errors to the form's fields (a change's `intentionCode` is the form's `placement`). */
  fields?(errors: FieldErrors): FieldErrors;
  /** How messages are written out (decisions write dates in words). */
  translate?: TranslateOptions;
  /** The change itself, through a store; `version` is the one the form was opened on, `values` the form as read. */
  change(record: R, input: I, write: PageWrite, version: number, values: V): Promise<Out>;
  /** The form shown again with its errors (answered with status 400). */
  answer(values: V, errors: Record<string, string>, version: number, record: R): A;
  /** The message when the store no longer finds the record (404); for stores that can answer "not-found". */
  notFound?: Message | ((values: V) => Message);
  /** The form shown again next to what changed meanwhile (answered with status 409). */
  conflict?(record: R, result: NoInfer<Conflicted<Out>>, values: V, version: number): C | Promise<C>;
  /** The form shown again when the record's state refuses the change: checked before parsing, and for a store's own refusal. */
  refused?(record: R, values: V, version: number, result?: NoInfer<RefusedOutcome<Out>>): D | undefined;
  /** The status of a refusal: 409 unless the refusal says otherwise (400 for what the person can correct, 410 for what is gone). */
  refusedStatus?(result: NoInfer<RefusedOutcome<Out>> | undefined, record: R, values: V): number;
  /** Where to go once the change went through (after waking the job runner, sending a mail…). */
  done(record: R, result: NoInfer<Succeeded<Out>>, values: V): Response | Promise<Response>;
}

/**
 * THE way a page's form changes data, the page's `changeRoute`: read the form, load the record and
 * check the permission, parse the form, store the change with who/when/which version, and answer:
 * 400 with the form's field errors, 404 when the record went, 409 with what changed meanwhile or
 * why the record refuses, or the redirect after the POST. A form with several intents passes a
 * schema that discriminates on the intent and lets `change` choose the store's operation.
 */
export async function pageAction<R, V, I, Out extends StoreOutcome, A, C = never, D = never>(
  context: AppLoadContext,
  request: Request,
  steps: PageActionSteps<R, V, I, Out, A, C, D>,
) {
  const form = await request.formData();
  const record = await steps.load(form);
  const version = formVersion(form.get("version"));
  const read = steps.read(form, record);
  const invalid = (errors: FieldErrors) =>
    data(steps.answer(read.values, formErrors(context, steps.fields ? steps.fields(errors) : errors, steps.translate), version, record), { status: 400 });
  const refusalStatus = (result?: RefusedOutcome<Out>) => steps.refusedStatus?.(result, record, read.values) ?? 409;
  const refusal = steps.refused?.(record, read.values, version);
  if (refusal !== undefined) return data(refusal, { status: refusalStatus() });
  const parsed = parseReading(read, steps.schema);
  const schemaErrors = (error: z.ZodError) => (steps.schemaErrors ? steps.schemaErrors(error) : zodFieldErrors(error));
  if (read.errors && Object.keys(read.errors).length > 0) {
    const withSchema = steps.readErrors === "with-schema" && !parsed.success;
    return invalid({ ...(withSchema ? schemaErrors(parsed.error) : {}), ...read.errors });
  }
  if (!parsed.success) return invalid(schemaErrors(parsed.error));
  const result = await steps.change(record, parsed.data, pageWrite(context), version, read.values);
  if (result.status === "not-found") notFound(context, typeof steps.notFound === "function" ? steps.notFound(read.values) : steps.notFound);
  if (result.status === "invalid") return invalid((result as unknown as { errors: FieldErrors }).errors);
  if (result.status === "conflict" && steps.conflict) {
    return data(await steps.conflict(record, result as Conflicted<Out>, read.values, version), { status: 409 });
  }
  if (result.status !== "ok" && steps.refused) {
    const refused = result as RefusedOutcome<Out>;
    const answer = steps.refused(record, read.values, version, refused);
    if (answer !== undefined) return data(answer, { status: refusalStatus(refused) });
  }
  return steps.done(record, result as Succeeded<Out>, read.values);
}

type Parsed<I> = { success: true; data: I } | { success: false; error: z.ZodError };

function parseReading<V, I>(read: FormReading<V, I>, schema: z.ZodType<I> | undefined): Parsed<I> {
  if (read.value !== undefined) return { success: true, data: read.value };
  if (schema) return schema.safeParse(read.input);
  // Without a schema, only the reader's errors can stop the change; that is handled before the value is used.
  if (read.errors && Object.keys(read.errors).length > 0) return { success: true, data: undefined as I };
  throw new Error("pageAction: read gave neither a checked value nor input for a schema");
}

/** Who changes (the signed-in person, or Regie for a link's visitor, whom `change` names itself), in which request and when. */
export function pageWrite(context: AppLoadContext): PageWrite {
  return { actor: actorOf(context), requestId: context.requestId, now: timestamp(context.services.clock) };
}
