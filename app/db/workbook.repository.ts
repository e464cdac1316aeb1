import type { FieldErrors } from "../lib/errors";
import { randomBytes } from "node:crypto";
import type { ActionChanges } from "../domain/actions/action-changes";
import type { CurrentAction, EditPlan } from "../domain/workbook/edit-plan";
import { NEW_ORGANISATION } from "../domain/workbook/edit-plan";
import type { WorkbookHistory } from "../domain/workbook/write-workbook";
import { guessOrganisationKind } from "../domain/programmes/organisation-names";
import type { ProgrammeDocument } from "../domain/programmes/programme-document";
import { createActionIn, updateActionIn } from "./action.repository";
import type { Actor } from "./audit";
import type { Db } from "./database";
import { createOrganisationIn } from "./organisation.repository";
import { exportProgrammeDocument } from "./programme-export";

export interface StoredUpload {
  id: string;
  kind: "edits" | "programme";
  programmeId: number | null;
  userId: number;
  fileName: string;
  bytes: Uint8Array;
  createdAt: string;
}

/** Why applying a workbook stopped; nothing of it was kept. */
export class WorkbookApplyRefused extends Error {
  constructor(
    readonly reason: "conflict" | "invalid",
    readonly number: number | null,
    readonly errors: FieldErrors = {},
  ) {
    super(`workbook not applied: ${reason} at action ${number ?? "-"}`);
  }
}

export type ApplyEditsResult = { status: "ok"; updated: number; created: number; organisations: number } | { status: "refused"; reason: "conflict" | "invalid"; number: number | null; errors: FieldErrors };

/** How long an uploaded workbook waits for its preview to be applied. */
export const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The workbook's SQL: uploads waiting for their preview, what a download holds besides the programme
 * document, what an edit is compared with, and applying a whole workbook in one transaction.
 */
export function createWorkbookRepository(db: Db) {
  const k = db.kysely;
  return {
    async saveUpload(input: { kind: StoredUpload["kind"]; programmeId: number | null; userId: number; fileName: string; bytes: Uint8Array; now: string }): Promise<string> {
      const id = randomBytes(18).toString("base64url");
      const cutoff = new Date(Date.parse(input.now) - UPLOAD_LIFETIME_MS).toISOString();
      await k.deleteFrom("workbook_upload").where("created_at", "<", cutoff).execute();
      await k
        .insertInto("workbook_upload")
        .values({
          id,
          kind: input.kind,
          programme_id: input.programmeId,
          user_id: input.userId,
          file_name: input.fileName.slice(0, 200),
          content: Buffer.from(input.bytes).toString("base64"),
          created_at: input.now,
        })
        .execute();
      return id;
    },

    /** An upload, for the person who made it only, while it is fresh. */
    async upload(id: string, userId: number, now: string): Promise<StoredUpload | undefined> {
      const row = await k.selectFrom("workbook_upload").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
      if (!row || Date.parse(row.created_at) < Date.parse(now) - UPLOAD_LIFETIME_MS) return undefined;
      return {
        id: row.id,
        kind: row.kind as StoredUpload["kind"],
        programmeId: row.programme_id,
        userId: row.user_id,
        fileName: row.file_name,
        bytes: new Uint8Array(Buffer.from(row.content, "base64")),
        createdAt: row.created_at,
      };
    },

    async removeUpload(id: string): Promise<void> {
      await k.deleteFrom("workbook_upload").where("id", "=", id).execute();
    },

    /** The programme's document (what the template sheets hold) and the versions of its actions. */
    async current(slug: string): Promise<{ document: ProgrammeDocument; actions: CurrentAction[] } | undefined> {
      const document = await exportProgrammeDocument(db, slug);
      if (!document) return undefined;
      const versions = await k
        .selectFrom("action")
        .innerJoin("programme", "programme.id", "action.programme_id")
        .select(["action.number", "action.version"])
        .where("programme.slug", "=", slug)
        .execute();
      const versionOf = new Map(versions.map((v) => [v.number, v.version]));
      const actions = document.actions.map(
        (a): CurrentAction => ({
          number: a.number,
          title: a.title,
          description: a.description,
          notes: a.notes,
          intentionCode: a.intentionCode,
          group: a.group,
          leads: a.leads,
          partners: a.partners,
          toInvolve: a.toInvolve,
          leadUnknown: a.leadUnknown,
          intendedResults: a.intendedResults,
          planningText: a.planningText,
          categoryNote: a.categoryNote,
          links: a.links.map((l) => ({ type: l.type, target: l.target })),
          category: a.category,
          version: versionOf.get(a.number) ?? 1,
        }),
      );
      return { document, actions };
    },

    /** What a download holds besides the document: public progress, decisions, milestones, measurements. */
    async history(programmeId: number): Promise<WorkbookHistory> {
      const [progress, decisions, decisionActions, milestones, measurements] = await Promise.all([
        k
          .selectFrom("progress_update")
          .innerJoin("action", "action.id", "progress_update.action_id")
          .select(["action.number", "progress_update.period", "progress_update.status", "progress_update.percent", "progress_update.narrative", "progress_update.narrative_public", "progress_update.created_at"])
          .where("action.programme_id", "=", programmeId)
          .orderBy("action.number")
          .orderBy("progress_update.period")
          .execute(),
        k.selectFrom("decision").select(["id", "decided_on", "kind", "status", "title", "text"]).where("programme_id", "=", programmeId).orderBy("decided_on").orderBy("id").execute(),
        k
          .selectFrom("decision_action")
          .innerJoin("decision", "decision.id", "decision_action.decision_id")
          .innerJoin("action", "action.id", "decision_action.action_id")
          .select(["decision_action.decision_id", "action.number"])
          .where("decision.programme_id", "=", programmeId)
          .orderBy("action.number")
          .execute(),
        k
          .selectFrom("milestone")
          .innerJoin("action", "action.id", "milestone.action_id")
          .select(["action.number", "milestone.label", "milestone.due_text", "milestone.due_start", "milestone.due_end", "milestone.done_on"])
          .where("action.programme_id", "=", programmeId)
          .orderBy("action.number")
          .orderBy("milestone.position")
          .execute(),
        k
          .selectFrom("measurement")
          .innerJoin("indicator", "indicator.id", "measurement.indicator_id")
          .select(["indicator.slug", "indicator.name", "measurement.region", "measurement.period", "measurement.value", "measurement.status"])
          .where("indicator.programme_id", "=", programmeId)
          .orderBy("indicator.position")
          .orderBy("measurement.region")
          .orderBy("measurement.period")
          .execute(),
      ]);
      return {
        // A narrative that was not made public stays out: a download is as public as the pages.
        progress: progress.map((p) => ({ action: p.number, period: p.period, status: p.status, percent: p.percent, narrative: p.narrative_public === 1 ? p.narrative : "", date: p.created_at.slice(0, 10) })),
        decisions: decisions.map((d) => ({
          decidedOn: d.decided_on,
          kind: d.kind,
          status: d.status,
          title: d.title,
          text: d.text,
          actions: decisionActions.filter((x) => x.decision_id === d.id).map((x) => x.number),
        })),
        milestones: milestones.map((m) => ({ action: m.number, label: m.label, due: m.due_text, dueStart: m.due_start, dueEnd: m.due_end, doneOn: m.done_on })),
        measurements: measurements.map((m) => ({ indicator: m.slug, name: m.name, region: m.region, period: m.period, value: m.value, status: m.status })),
      };
    },

    /**
     * Applies a previewed workbook, all of it or nothing, in one transaction: the new organisations,
     * the new actions, then every change with the version the preview saw, each recorded in history
     * like an edit on the page. A new action's links are set after all new actions exist.
     */
    async applyEdits(input: { programmeId: number; plan: EditPlan; createOrganisations: Map<string, string>; actor: Actor; requestId?: string; now: string }): Promise<ApplyEditsResult> {
      try {
        return await k.transaction().execute(async (trx) => {
          const slugOf = new Map<string, string>();
          for (const [key, name] of input.createOrganisations) {
            const made = await createOrganisationIn(trx, db.dialect, {
              changes: { name, kind: guessOrganisationKind(name), aliases: [] },
              actor: input.actor,
              requestId: input.requestId,
              now: input.now,
            });
            if (made.status !== "ok") throw new WorkbookApplyRefused("invalid", null, made.errors);
            slugOf.set(`${NEW_ORGANISATION}${key}`, made.organisation.slug);
          }
          const real = <T extends Partial<ActionChanges>>(c: T): T => {
            const out = { ...c };
            for (const f of ["leads", "partners", "toInvolve"] as const) {
              if (out[f]) out[f] = out[f].map((r) => ({ ...r, organisation: slugOf.get(r.organisation) ?? r.organisation }));
            }
            return out;
          };
          const base = { programmeId: input.programmeId, actor: input.actor, requestId: input.requestId, now: input.now };
          for (const c of input.plan.creates) {
            const made = await createActionIn(trx, db.dialect, { ...base, number: c.number, changes: { ...real(c.changes), links: [] } });
            if (made.status !== "ok") throw new WorkbookApplyRefused("invalid", c.number, made.errors);
          }
          for (const e of input.plan.edits) {
            const done = await updateActionIn(trx, db.dialect, { ...base, number: e.number, expectedVersion: e.version, patch: real(e.patch) });
            if (done.status === "conflict" || done.status === "not-found") throw new WorkbookApplyRefused("conflict", e.number);
            if (done.status === "invalid") throw new WorkbookApplyRefused("invalid", e.number, done.errors);
          }
          for (const c of input.plan.creates.filter((x) => x.changes.links.length > 0)) {
            const done = await updateActionIn(trx, db.dialect, { ...base, number: c.number, expectedVersion: 1, patch: { links: c.changes.links } });
            if (done.status !== "ok") throw new WorkbookApplyRefused("invalid", c.number, done.status === "invalid" ? done.errors : {});
          }
          return { status: "ok" as const, updated: input.plan.edits.length, created: input.plan.creates.length, organisations: input.createOrganisations.size };
        });
      } catch (error) {
        if (error instanceof WorkbookApplyRefused) return { status: "refused", reason: error.reason, number: error.number, errors: error.errors };
        throw error;
      }
    },
  };
}

export type WorkbookRepository = ReturnType<typeof createWorkbookRepository>;
