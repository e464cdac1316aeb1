import type { Transaction } from "kysely";
import { missingForSubmit, PLAN_FIELDS, type PlanBase, type PlanField, type PlanFields } from "../domain/plans/plan-input";
import { isPlanStatus, transition, type PlanCommand, type PlanHead, type PlanRefusal, type PlanStatus } from "../domain/plans/plan-lifecycle";
import type { ApprovedPlanRef, PlanVersion } from "../domain/plans/plan-types";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";
import type { Database } from "./schema";

export type PlanResult =
  | { status: "ok"; plan: PlanVersion; changed: boolean }
  | { status: "not-found" }
  | { status: "refused"; reason: PlanRefusal }
  /** The plan moved on since the form or page was opened; `current` is the newest version now. */
  | { status: "conflict"; current: PlanVersion | null }
  /** Submitting needs every part filled in. */
  | { status: "incomplete"; missing: PlanField[] };

interface Where {
  programmeId: number;
  /** The action's number within the programme. */
  number: number;
  actor: Actor;
  requestId?: string;
  now: string;
}

/** The newest version a writer saw (its number and row version), or null when there was none. */
export type PlanSeen = { versionNo: number; version: number } | null;

const isSeen = (head: PlanVersion | null, seen: PlanSeen): boolean =>
  head === null || seen === null ? head === seen : head.versionNo === seen.versionNo && head.version === seen.version;

/** A person to notify by mail. */
export interface PlanRecipient {
  userId: number;
  name: string;
  email: string;
  /** The account's language, null when the person never chose one. */
  language: string | null;
}

type K = Db["kysely"] | Transaction<Database>;

function selectPlans(k: K) {
  return k
    .selectFrom("plan_of_approach as p")
    .leftJoin("user_account as author", "author.id", "p.author_user_id")
    .leftJoin("user_account as decider", "decider.id", "p.decided_by_user_id")
    .select([
      "p.id",
      "p.action_id",
      "p.version_no",
      "p.status",
      "p.aim",
      "p.approach",
      "p.deliverables",
      "p.milestones",
      "p.budget",
      "p.capacity",
      "p.risks",
      "p.author_user_id",
      "author.name as author_name",
      "p.submitted_at",
      "p.decided_at",
      "p.decided_by_user_id",
      "decider.name as decider_name",
      "p.decision_note",
      "p.created_at",
      "p.updated_at",
      "p.version",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectPlans>["executeTakeFirstOrThrow"]>>;

function toPlan(r: Row): PlanVersion {
  const status = isPlanStatus(r.status) ? r.status : "draft";
  return {
    id: r.id,
    actionId: r.action_id,
    versionNo: r.version_no,
    status,
    aim: r.aim,
    approach: r.approach,
    deliverables: r.deliverables,
    milestones: r.milestones,
    budget: r.budget,
    capacity: r.capacity,
    risks: r.risks,
    author: r.author_user_id !== null ? { id: r.author_user_id, name: r.author_name ?? "" } : null,
    decidedBy: r.decided_by_user_id !== null ? { id: r.decided_by_user_id, name: r.decider_name ?? "" } : null,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const fieldsOf = (p: PlanFields): PlanFields => Object.fromEntries(PLAN_FIELDS.map((f) => [f, p[f]])) as PlanFields;

/** A unique index said no: another open version appeared at the same moment. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "23505";
}

/**
 * Plans of approach: reading versions, and every transition (write, submit, approve, return) in
 * one transaction with its history entry. The lifecycle rules are `transition()`'s.
 */
export function createPlanRepository(db: Db) {
  const k = db.kysely;

  async function findAction(trx: K, programmeId: number, number: number) {
    return trx
      .selectFrom("action")
      .select(["id", "number", "title"])
      .where("programme_id", "=", programmeId)
      .where("number", "=", number)
      .executeTakeFirst();
  }

  async function newest(trx: K, actionId: number): Promise<PlanVersion | null> {
    const row = await selectPlans(trx).where("p.action_id", "=", actionId).orderBy("p.version_no", "desc").limit(1).executeTakeFirst();
    return row ? toPlan(row) : null;
  }

  const headOf = (p: PlanVersion | null): PlanHead | null => (p ? { versionNo: p.versionNo, status: p.status } : null);
  const label = (a: { number: number; title: string }, versionNo: number) => `${a.number}. ${a.title} – plan van aanpak, versie ${versionNo}`;

  /** Moves the newest version from one status to the next, for submit, approve and return. */
  async function setStatus(
    input: Where & { expected: { versionNo: number; version: number }; command: Exclude<PlanCommand, "write">; note?: string | null },
  ): Promise<PlanResult> {
    return k.transaction().execute(async (trx): Promise<PlanResult> => {
      const action = await findAction(trx, input.programmeId, input.number);
      if (!action) return { status: "not-found" };
      const head = await newest(trx, action.id);
      const note = input.note?.trim() ? input.note.trim() : null;
      const step = transition(headOf(head), input.command, note);
      if (!step.ok) return { status: "refused", reason: step.reason };
      if (!head || step.effect !== "set-status") return { status: "refused", reason: "noPlan" };
      if (head.versionNo !== input.expected.versionNo || head.version !== input.expected.version) return { status: "conflict", current: head };
      if (input.command === "submit") {
        const missing = missingForSubmit(head);
        if (missing.length > 0) return { status: "incomplete", missing };
      }
      const version = head.version + 1;
      const decided = input.command !== "submit";
      const updated = await trx
        .updateTable("plan_of_approach")
        .set({
          status: step.status,
          updated_at: input.now,
          version,
          ...(decided
            ? { decided_at: input.now, decided_by_user_id: input.actor.userId, decision_note: note }
            : { submitted_at: input.now }),
        })
        .where("id", "=", head.id)
        .where("version", "=", head.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return { status: "conflict", current: await newest(trx, action.id) };
      await recordAudit(trx, {
        actor: input.actor,
        at: input.now,
        programmeId: input.programmeId,
        entityType: "plan",
        entityId: head.id,
        entityLabel: label(action, head.versionNo),
        operation: input.command,
        before: { status: head.status },
        after: decided ? { status: step.status, decisionNote: note } : { status: step.status },
        requestId: input.requestId,
      });
      return { status: "ok", plan: (await newest(trx, action.id))!, changed: true };
    });
  }

  return {
    /** Every version of an action's plan, newest first. */
    async versions(actionId: number): Promise<PlanVersion[]> {
      const rows = await selectPlans(k).where("p.action_id", "=", actionId).orderBy("p.version_no", "desc").execute();
      return rows.map(toPlan);
    },

    /** One version, or undefined. */
    async version(actionId: number, versionNo: number): Promise<PlanVersion | undefined> {
      const row = await selectPlans(k).where("p.action_id", "=", actionId).where("p.version_no", "=", versionNo).executeTakeFirst();
      return row ? toPlan(row) : undefined;
    },

    /** The adopted plan per action (the newest approved version), for the actions given. */
    async approvedRefs(actionIds: number[]): Promise<Map<number, ApprovedPlanRef>> {
      const out = new Map<number, ApprovedPlanRef>();
      if (actionIds.length === 0) return out;
      const rows = await k
        .selectFrom("plan_of_approach")
        .select(["action_id", "version_no", "decided_at"])
        .where("status", "=", "approved")
        .where("action_id", "in", actionIds)
        .orderBy("action_id")
        .orderBy("version_no", "desc")
        .execute();
      for (const r of rows) {
        if (!out.has(r.action_id)) out.set(r.action_id, { status: "approved", version: r.version_no, approvedOn: (r.decided_at ?? "").slice(0, 10) });
      }
      return out;
    },

    /** How many of a programme's actions have an approved plan, of how many actions. */
    async approvedCount(programmeId: number): Promise<{ approved: number; actions: number }> {
      const [approved, actions] = await Promise.all([
        k
          .selectFrom("action")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("action.programme_id", "=", programmeId)
          .where((eb) =>
            eb.exists(
              eb.selectFrom("plan_of_approach").select("plan_of_approach.id").whereRef("plan_of_approach.action_id", "=", "action.id").where("plan_of_approach.status", "=", "approved"),
            ),
          )
          .executeTakeFirstOrThrow(),
        k.selectFrom("action").select((eb) => eb.fn.countAll<number>().as("n")).where("programme_id", "=", programmeId).executeTakeFirstOrThrow(),
      ]);
      return { approved: Number(approved.n), actions: Number(actions.n) };
    },

    /**
     * Writes the draft: starts a new version (when there is none, or the newest is approved or
     * returned) or changes the open draft. `base` is the version the form was opened on (null for
     * a new one); when the plan has moved on since, nothing is written and the answer is a conflict.
     * `seen` (the API's If-Match) is the newest version the writer saw, null for none: when given,
     * any change since then is a conflict, also one that ended in a decision.
     */
    async write(input: Where & { base: PlanBase; fields: PlanFields; seen?: PlanSeen }): Promise<PlanResult> {
      try {
        return await k.transaction().execute(async (trx): Promise<PlanResult> => {
          const action = await findAction(trx, input.programmeId, input.number);
          if (!action) return { status: "not-found" };
          const head = await newest(trx, action.id);
          if (input.seen !== undefined && !isSeen(head, input.seen)) return { status: "conflict", current: head };
          const step = transition(headOf(head), "write");
          if (!step.ok) return { status: "refused", reason: step.reason };
          const next = fieldsOf(input.fields);

          if (step.effect === "update-draft") {
            if (!head || input.base === null || input.base.versionNo !== head.versionNo || input.base.version !== head.version) {
              return { status: "conflict", current: head };
            }
            const changed = PLAN_FIELDS.filter((f) => head[f] !== next[f]);
            if (changed.length === 0) return { status: "ok", plan: head, changed: false };
            const updated = await trx
              .updateTable("plan_of_approach")
              .set({ ...next, updated_at: input.now, version: head.version + 1 })
              .where("id", "=", head.id)
              .where("version", "=", head.version)
              .where("status", "=", "draft")
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) return { status: "conflict", current: await newest(trx, action.id) };
            await recordAudit(trx, {
              actor: input.actor,
              at: input.now,
              programmeId: input.programmeId,
              entityType: "plan",
              entityId: head.id,
              entityLabel: label(action, head.versionNo),
              operation: "update",
              before: Object.fromEntries(changed.map((f) => [f, head[f]])),
              after: Object.fromEntries(changed.map((f) => [f, next[f]])),
              requestId: input.requestId,
            });
            return { status: "ok", plan: (await newest(trx, action.id))!, changed: true };
          }

          if (step.effect !== "create-version") return { status: "refused", reason: "submittedReadOnly" };
          // A form opened on a version that has since been decided is stale: show what is there now.
          if (input.base !== null) return { status: "conflict", current: head };
          const row = await trx
            .insertInto("plan_of_approach")
            .values({
              action_id: action.id,
              version_no: step.versionNo,
              status: "draft",
              ...next,
              author_user_id: input.actor.userId,
              submitted_at: null,
              decided_at: null,
              decided_by_user_id: null,
              decision_note: null,
              created_at: input.now,
              updated_at: input.now,
              version: 1,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await recordAudit(trx, {
            actor: input.actor,
            at: input.now,
            programmeId: input.programmeId,
            entityType: "plan",
            entityId: row.id,
            entityLabel: label(action, step.versionNo),
            operation: "create",
            before: null,
            after: { versionNo: step.versionNo, status: "draft", ...next },
            requestId: input.requestId,
          });
          return { status: "ok", plan: (await newest(trx, action.id))!, changed: true };
        });
      } catch (error) {
        // Two people started a version at the same moment: the database let one of them in.
        if (!isUniqueViolation(error)) throw error;
        const action = await findAction(k, input.programmeId, input.number);
        return { status: "conflict", current: action ? await newest(k, action.id) : null };
      }
    },

    /** Submits the open draft (which must be the version the page showed), if it is complete. */
    submit: (input: Where & { expected: { versionNo: number; version: number } }) => setStatus({ ...input, command: "submit" }),

    /** Approves or returns the submitted version; returning needs a note. */
    decide: (input: Where & { expected: { versionNo: number; version: number }; decision: "approve" | "return"; note: string | null }) =>
      setStatus({ ...input, command: input.decision, note: input.note }),

    /** The active programme managers of a programme, to tell about a submitted plan. */
    async programmeManagers(programmeId: number): Promise<PlanRecipient[]> {
      const rows = await k
        .selectFrom("role_assignment")
        .innerJoin("user_account", "user_account.id", "role_assignment.user_id")
        .select(["user_account.id", "user_account.name", "user_account.email", "user_account.language"])
        .where("role_assignment.programme_id", "=", programmeId)
        .where("role_assignment.role", "=", "programme-manager")
        .where("user_account.active", "=", 1)
        .orderBy("user_account.id")
        .execute();
      return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, language: r.language }));
    },

    /** An active account to tell about a decision (the version's author), or undefined. */
    async recipient(userId: number): Promise<PlanRecipient | undefined> {
      const r = await k
        .selectFrom("user_account")
        .select(["id", "name", "email", "language"])
        .where("id", "=", userId)
        .where("active", "=", 1)
        .executeTakeFirst();
      return r ? { userId: r.id, name: r.name, email: r.email, language: r.language } : undefined;
    },
  };
}

export type PlanRepository = ReturnType<typeof createPlanRepository>;
export type { PlanStatus };
