import type { Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import type { Operation, Target } from "../domain/auth/permissions";
import type { Principal } from "../domain/auth/roles";
import { Invalid, Refused as RefusedError, NotFound, Stale, zodFieldErrors, type FieldErrors, type Message, type TranslateOptions } from "../lib/errors";
import type { Services } from "../lib/services.server";
import { timestamp } from "../domain/time";
import { sendError } from "./problem";
import { authorise, etag, requireIfMatch, requireJsonObject, sendRecord } from "./write-support";

/** Who makes a change and when: what every store records with it. */
export interface WriteContext {
  actor: { userId: number; label: string };
  requestId: string;
  now: string;
}

/** What identifies a record's ETag: its kind, its id and its version. */
export interface ETagParts {
  kind: string;
  id: number;
  version: number;
}

/** A problem's message key with its parameters. */
export type ProblemText = Message;

/** The answer to a change that went through: the record as presented, with its ETag. */
export interface WriteAnswer {
  etag: string;
  body: unknown;
  status?: number;
  headers?: Record<string, string>;
}

/** What a store answers to a change that did not go through. */
type Refused =
  | { status: "not-found" }
  | { status: "conflict"; current: { version: number } }
  | { status: "invalid"; errors: FieldErrors }
  /** The record's state does not allow the change (409): why, and where it helps, which fields (message keys). */
  | { status: "refused"; problem: ProblemText; errors?: FieldErrors };

/** What a store answers to a change: it went through ("ok", with what the store adds), or not. */
type Outcome = { status: "ok" } | Refused;

/** What a store that creates answers: created, invalid input, or refused by a rule (409). */
type CreateOutcome = { status: "ok" } | Extract<Refused, { status: "invalid" | "refused" }>;

/** What a store answers when the change went through. */
export type Succeeded<Out> = Exclude<Out, { status: Refused["status"] }>;

/** The parts every API write has. */
interface WriteSteps<R, I, Out> {
  /** The permission the write needs; the public is asked to sign in before anything is loaded. */
  operation: Operation;
  /** The record the write names, or undefined once it has answered (404). */
  load(req: Request, res: Response): Promise<R | undefined>;
  /** The record as the permission table sees it (404 or 403 when not allowed). */
  target(record: R): Target;
  /**
   * Whether the request carries a JSON object: "required" (the default), or "optional" for a command
   * that may be sent without a body (a request without one is read as `{}`; one that has a body must
   * still send a JSON object), or "none" for a command that reads no body at all.
   */
  body?: "required" | "optional" | "none";
  /** Why the record's state refuses any change, before If-Match and the body are looked at (409). */
  refuse?(record: R): Message | undefined;
  /** How the messages of field errors are written out (decisions write dates in words). */
  translate?(res: Response): TranslateOptions;
  /** The body's schema. */
  schema: z.ZodType<I>;
  /** A refused body's errors by field; `zodFieldErrors` when left out. */
  bodyErrors?(error: z.ZodError): FieldErrors;
  /** The change itself, through a store. */
  write(record: R, input: I, context: WriteContext): Promise<Out>;
  /** The answer once the change went through: the record as presented, its ETag, any other headers. */
  present(record: R, result: Succeeded<Out>, req: Request): Promise<WriteAnswer>;
}

/** The ETag If-Match must name; `optional` when it may be left out, for a write that creates what is not there yet. */
export interface IfMatchParts extends ETagParts {
  optional?: boolean;
}

/** A write to an existing record: it needs If-Match, and its store may find the record gone or changed. */
export interface ChangeSteps<R, I, Out> extends WriteSteps<R, I, Out> {
  /** The record's ETag, which If-Match must name; once it does, the record's version is the one the store must still find. */
  ifMatch(record: R): IfMatchParts;
  /** The 404 when the store no longer finds the record. */
  notFound(record: R): ProblemText;
}

/** A write that creates: no If-Match, and its store answers only success or invalid input. */
export type CreateSteps<R, I, Out extends CreateOutcome> = WriteSteps<R, I, Out>;

/**
 * A write to an existing record, its checks in the documented order: 401 for the public, then the
 * record (404) and the permission table (404/403), If-Match against the record's ETag (428 when
 * missing, 412 when stale), the JSON body and its schema (400 with field errors in the request's
 * language), then the store's change (404, 412 with the current ETag, 400, 409 when the record's state
 * does not allow it) and the answer with its ETag, never cached.
 */
export function changeRoute<R, I, Out extends Outcome>(
  services: Services,
  steps: ChangeSteps<R, I, Out>,
): RequestHandler {
  return writeHandler(services, steps);
}

/** A write that creates, with the same checks as `changeRoute` but no If-Match. */
export function createRoute<R, I, Out extends CreateOutcome>(
  services: Services,
  steps: CreateSteps<R, I, Out>,
): RequestHandler {
  return writeHandler(services, steps);
}

/** The checks and answers of both kinds of write; a create has no `ifMatch` and no `notFound`. */
function writeHandler<R, I, Out>(
  services: Services,
  steps: WriteSteps<R, I, Out> & Partial<Pick<ChangeSteps<R, I, Out>, "ifMatch" | "notFound">>,
): RequestHandler {
  const maxMb = services.env.MAX_UPLOAD_MB;
  return (req: Request, res: Response) => serialiseAnyMatch(req, () => handle(req, res));

  async function handle(req: Request, res: Response) {
    const user = (res.locals.principal as Principal).user;
    if (!user) {
      authorise(res, steps.operation, {});
      return;
    }
    let record = await steps.load(req, res);
    if (record === undefined || !authorise(res, steps.operation, steps.target(record))) return;
    const refusal = steps.refuse?.(record);
    if (refusal) return sendError(res, new RefusedError(refusal));
    let tag = steps.ifMatch?.(record);
    const checkIfMatch = tag !== undefined && !(tag.optional && !req.get("if-match"));
    if (checkIfMatch && requireIfMatch(req, res, tag!.kind, tag!.id, tag!.version) === null) return;
    const body = steps.body === "none" || (steps.body === "optional" && !hasBody(req)) ? {} : requireJsonObject(req, res, maxMb);
    if (!body) return;
    const parsed = steps.schema.safeParse(body);
    const translate = steps.translate?.(res);
    if (!parsed.success) return sendError(res, new Invalid((steps.bodyErrors ?? zodFieldErrors)(parsed.error)), translate);
    const context = (): WriteContext => ({
      actor: { userId: user.id, label: user.name },
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    let result = await steps.write(record, parsed.data, context());
    // `If-Match: *` asks for the change whatever the current version is. The store checks the version
    // read above, which a parallel writer may have changed meanwhile: on PostgreSQL, where requests
    // really run side by side, that writer's change would turn this one into a 412 that SQLite never
    // gives. So the record is read again and the change retried until it goes through after the
    // others, the same on both databases; a named version keeps its 412.
    for (let attempt = 1; ifMatchesAny(req) && (result as Refused).status === "conflict" && attempt < STAR_ATTEMPTS; attempt++) {
      record = await steps.load(req, res);
      if (record === undefined || !authorise(res, steps.operation, steps.target(record))) return;
      tag = steps.ifMatch?.(record);
      result = await steps.write(record, parsed.data, context());
    }
    const refused = result as Refused;
    if (refused.status === "not-found" && steps.notFound) return sendError(res, new NotFound(steps.notFound(record)));
    if (refused.status === "conflict" && tag) return sendError(res, new Stale(etag(tag.kind, tag.id, refused.current.version)));
    if (refused.status === "invalid") return sendError(res, new Invalid(refused.errors), translate);
    if (refused.status === "refused") {
      return sendError(res, new RefusedError(refused.problem, refused.errors), translate);
    }
    const answer = await steps.present(record, result as Succeeded<Out>, req);
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.setHeader("Cache-Control", "no-store");
    if (answer.status === 204) return void res.status(204).end();
    sendRecord(res, answer.etag, answer.body, answer.status);
  }
}

/** The tail of each record's queue of `If-Match: *` writes, by path. */
const anyMatchQueues = new Map<string, Promise<void>>();

/**
 * Runs a write with `If-Match: *` after the earlier ones to the same record (its path) in this
 * process have finished, so that they take their turns instead of racing; other writes run at once.
 */
export function serialiseAnyMatch(req: Request, write: () => Promise<void>): Promise<void> {
  if (!ifMatchesAny(req)) return write();
  const key = `${req.baseUrl}${req.path}`;
  const run = (anyMatchQueues.get(key) ?? Promise.resolve()).then(write);
  const tail = run.catch(() => undefined);
  anyMatchQueues.set(key, tail);
  void tail.then(() => {
    if (anyMatchQueues.get(key) === tail) anyMatchQueues.delete(key);
  });
  return run;
}

/** How often a write with `If-Match: *` is tried against the latest version before it gives up with 412. */
const STAR_ATTEMPTS = 200;

/** Whether If-Match is `*`: any current version will do. */
export function ifMatchesAny(req: Request): boolean {
  return (req.get("if-match") ?? "").split(",").some((part) => part.trim() === "*");
}

/** Whether the request has a body at all (an empty one, `Content-Length: 0`, does not count). */
function hasBody(req: Request): boolean {
  return req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;
}
