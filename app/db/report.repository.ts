import type { CategoryChange } from "../domain/decisions/category-history";
import type { DecisionSource } from "../domain/decisions/types";
import { isPlanStatus } from "../domain/plans/plan-lifecycle";
import { asProgressStatus } from "../domain/progress/dependencies";
import type { MilestoneMove, ReportPlanInput, ReportTexts, ReportUpdateInput } from "../domain/reports/annual-report";
import type { ReportKind, StoredReport } from "../domain/reports/report-record";
import { type Actor, recordAudit } from "./audit";
import type { Db } from "./database";
import { recordDecisionWithin } from "./decision.repository";
import { MILESTONE_ENTITY } from "./milestone.repository";
import { forUpdate } from "./write-locks";

export type SaveReportResult =
  | { status: "ok"; version: number; changed: string[] }
  /** The report is final: its texts no longer change. */
  | { status: "final" }
  | { status: "conflict"; current: StoredReport };

export type ProposeProgrammeResult = { status: "ok"; version: number } | { status: "final" } | { status: "proposed" } | { status: "conflict"; current: StoredReport };
export type AdoptProgrammeResult =
  | { status: "ok"; version: number; decisionId: number }
  | { status: "final" }
  | { status: "not-proposed" }
  | { status: "meeting-unknown" }
  | { status: "conflict"; current: StoredReport };

export type FinaliseReportResult = { status: "ok"; version: number } | { status: "final" } | { status: "conflict"; current: StoredReport };

interface ReportRow {
  id: number;
  kind: string;
  year: number;
  introduction: string;
  theme_texts: string;
  status: string;
  snapshot: string | null;
  finalised_at: string | null;
  finalised_by: string | null;
  updated_at: string;
  version: number;
}

function toStored(r: ReportRow): StoredReport {
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    year: r.year,
    texts: { introduction: r.introduction, themes: JSON.parse(r.theme_texts) as Record<string, string> },
    status: storedStatus(r.status),
    snapshot: r.snapshot,
    finalisedAt: r.finalised_at,
    finalisedBy: r.finalised_by,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function storedStatus(raw: string): StoredReport["status"] {
  return raw === "final" || raw === "proposed" ? raw : "draft";
}

const LABELS: Record<ReportKind, string> = { "annual-report": "Jaarverslag", "annual-programme": "Jaarprogramma" };

/**
 * The programme's yearly documents (migration 0015): their texts and finalised snapshots, and the
 * programme-wide reads a document is assembled from (a few queries per programme, never one per action).
 */
export function createReportRepository(db: Db) {
  const k = db.kysely;
  const columns = [
    "id",
    "kind",
    "year",
    "introduction",
    "theme_texts",
    "status",
    "snapshot",
    "finalised_at",
    "finalised_by",
    "updated_at",
    "version",
  ] as const;

  return {
    async get(programmeId: number, kind: ReportKind, year: number): Promise<StoredReport | undefined> {
      const row = await k
        .selectFrom("report")
        .select(columns)
        .where("programme_id", "=", programmeId)
        .where("kind", "=", kind)
        .where("year", "=", year)
        .executeTakeFirst();
      return row ? toStored(row) : undefined;
    },

    /** The documents a programme holds (texts written or finalised), newest year first; without snapshots. */
    async list(programmeId: number): Promise<Omit<StoredReport, "snapshot" | "texts">[]> {
      const rows = await k
        .selectFrom("report")
        .select(["id", "kind", "year", "status", "finalised_at", "finalised_by", "updated_at", "version"])
        .where("programme_id", "=", programmeId)
        .orderBy("year", "desc")
        .orderBy("kind")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as ReportKind,
        year: r.year,
        status: storedStatus(r.status),
        finalisedAt: r.finalised_at,
        finalisedBy: r.finalised_by,
        updatedAt: r.updated_at,
        version: r.version,
      }));
    },

    /**
     * Writes the programme manager's texts: creates the document at its first save (expected
     * version 0), else only at the version the editor saw; a final document refuses. One history entry.
     */
    async saveTexts(input: {
      programmeId: number;
      kind: ReportKind;
      year: number;
      expectedVersion: number;
      texts: ReportTexts;
      actor: Actor;
      requestId?: string;
      now: string;
    }): Promise<SaveReportResult> {
      return k.transaction().execute(async (trx): Promise<SaveReportResult> => {
        const row = await forUpdate(
          trx
            .selectFrom("report")
            .select(columns)
            .where("programme_id", "=", input.programmeId)
            .where("kind", "=", input.kind)
            .where("year", "=", input.year),
          db.dialect,
        ).executeTakeFirst();
        const before = row ? toStored(row) : null;
        if (before?.status === "final") return { status: "final" };
        if ((before?.version ?? 0) !== input.expectedVersion) {
          return { status: "conflict", current: before ?? emptyReport(input.kind, input.year) };
        }
        const old = before?.texts ?? { introduction: "", themes: {} };
        const themes = Object.fromEntries(Object.entries(input.texts.themes).filter(([, v]) => v.trim() !== ""));
        const changed: string[] = [];
        if (old.introduction !== input.texts.introduction) changed.push("introduction");
        for (const key of new Set([...Object.keys(old.themes), ...Object.keys(themes)])) {
          if ((old.themes[key] ?? "") !== (themes[key] ?? "")) changed.push(`theme:${key}`);
        }
        if (changed.length === 0) return { status: "ok", version: before?.version ?? 0, changed };
        const version = (before?.version ?? 0) + 1;
        let id: number;
        if (before) {
          id = before.id;
          await trx
            .updateTable("report")
            .set({ introduction: input.texts.introduction, theme_texts: JSON.stringify(themes), updated_at: input.now, version })
            .where("id", "=", before.id)
            .execute();
        } else {
          const inserted = await trx
            .insertInto("report")
            .values({
              programme_id: input.programmeId,
              kind: input.kind,
              year: input.year,
              introduction: input.texts.introduction,
              theme_texts: JSON.stringify(themes),
              status: "draft",
              snapshot: null,
              finalised_at: null,
              finalised_by: null,
              created_at: input.now,
              updated_at: input.now,
              version,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          id = inserted.id;
        }
        const pick = (texts: ReportTexts) =>
          Object.fromEntries(changed.map((f) => [f, f === "introduction" ? texts.introduction : (texts.themes[f.slice(6)] ?? "")]));
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "report",
          entityId: id,
          entityLabel: `${LABELS[input.kind]} ${input.year}`,
          operation: before ? "update" : "create",
          before: before ? pick(old) : null,
          after: pick({ introduction: input.texts.introduction, themes }),
          requestId: input.requestId,
        });
        return { status: "ok", version, changed };
      });
    },

    /** Marks the document final with the snapshot of what it shows now; it never changes after. */
    async finalise(input: {
      programmeId: number;
      kind: ReportKind;
      year: number;
      expectedVersion: number;
      snapshot: string;
      actor: Actor;
      requestId?: string;
      now: string;
    }): Promise<FinaliseReportResult> {
      return k.transaction().execute(async (trx): Promise<FinaliseReportResult> => {
        const row = await forUpdate(
          trx
            .selectFrom("report")
            .select(columns)
            .where("programme_id", "=", input.programmeId)
            .where("kind", "=", input.kind)
            .where("year", "=", input.year),
          db.dialect,
        ).executeTakeFirst();
        const before = row ? toStored(row) : null;
        if (before?.status === "final") return { status: "final" };
        if ((before?.version ?? 0) !== input.expectedVersion) {
          return { status: "conflict", current: before ?? emptyReport(input.kind, input.year) };
        }
        const version = (before?.version ?? 0) + 1;
        const values = { status: "final", snapshot: input.snapshot, finalised_at: input.now, finalised_by: input.actor.label, updated_at: input.now, version };
        let id: number;
        if (before) {
          id = before.id;
          await trx.updateTable("report").set(values).where("id", "=", before.id).execute();
        } else {
          const inserted = await trx
            .insertInto("report")
            .values({ ...values, programme_id: input.programmeId, kind: input.kind, year: input.year, introduction: "", theme_texts: "{}", created_at: input.now })
            .returning("id")
            .executeTakeFirstOrThrow();
          id = inserted.id;
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "report",
          entityId: id,
          entityLabel: `${LABELS[input.kind]} ${input.year}`,
          operation: "finalise",
          before: { status: "draft" },
          after: { status: "final" },
          requestId: input.requestId,
        });
        return { status: "ok", version };
      });
    },

    /** Puts an annual programme before the steering group: it then awaits adoption. */
    async proposeProgramme(input: { programmeId: number; year: number; expectedVersion: number; actor: Actor; requestId?: string; now: string }): Promise<ProposeProgrammeResult> {
      return k.transaction().execute(async (trx): Promise<ProposeProgrammeResult> => {
        const row = await forUpdate(
          trx.selectFrom("report").select(columns).where("programme_id", "=", input.programmeId).where("kind", "=", "annual-programme").where("year", "=", input.year),
          db.dialect,
        ).executeTakeFirst();
        const before = row ? toStored(row) : null;
        if (before?.status === "final") return { status: "final" };
        if (before?.status === "proposed") return { status: "proposed" };
        if ((before?.version ?? 0) !== input.expectedVersion) return { status: "conflict", current: before ?? emptyReport("annual-programme", input.year) };
        const version = (before?.version ?? 0) + 1;
        let id: number;
        if (before) {
          id = before.id;
          await trx.updateTable("report").set({ status: "proposed", updated_at: input.now, version }).where("id", "=", before.id).execute();
        } else {
          const inserted = await trx
            .insertInto("report")
            .values({ programme_id: input.programmeId, kind: "annual-programme", year: input.year, introduction: "", theme_texts: "{}", status: "proposed", created_at: input.now, updated_at: input.now, version })
            .returning("id")
            .executeTakeFirstOrThrow();
          id = inserted.id;
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "report",
          entityId: id,
          entityLabel: `${LABELS["annual-programme"]} ${input.year}`,
          operation: "update",
          before: { status: "draft" },
          after: { status: "proposed" },
          requestId: input.requestId,
        });
        return { status: "ok", version };
      });
    },

    /**
     * The steering group adopts a proposed annual programme: its decision is recorded and the
     * document made final with the snapshot of what it shows now, in one transaction.
     */
    async adoptProgramme(input: {
      programmeId: number;
      year: number;
      expectedVersion: number;
      snapshot: string;
      decision: { decidedOn: string; title: string; text: string; meetingId: number | null };
      actor: Actor;
      requestId?: string;
      now: string;
    }): Promise<AdoptProgrammeResult> {
      return k.transaction().execute(async (trx): Promise<AdoptProgrammeResult> => {
        const row = await forUpdate(
          trx.selectFrom("report").select(columns).where("programme_id", "=", input.programmeId).where("kind", "=", "annual-programme").where("year", "=", input.year),
          db.dialect,
        ).executeTakeFirst();
        const before = row ? toStored(row) : null;
        if (before?.status === "final") return { status: "final" };
        if (!before || before.status !== "proposed") return { status: "not-proposed" };
        if (before.version !== input.expectedVersion) return { status: "conflict", current: before };
        const decision = await recordDecisionWithin(trx, {
          programmeId: input.programmeId,
          kind: "adopt-annual-plan",
          ...input.decision,
          actor: input.actor,
          requestId: input.requestId ?? null,
          now: input.now,
        });
        if (!decision) return { status: "meeting-unknown" };
        const version = before.version + 1;
        await trx
          .updateTable("report")
          .set({ status: "final", snapshot: input.snapshot, finalised_at: input.now, finalised_by: input.actor.label, updated_at: input.now, version })
          .where("id", "=", before.id)
          .execute();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "report",
          entityId: before.id,
          entityLabel: `${LABELS["annual-programme"]} ${input.year}`,
          operation: "finalise",
          before: { status: "proposed" },
          after: { status: "final", decision: decision.id },
          requestId: input.requestId,
        });
        return { status: "ok", version, decisionId: decision.id };
      });
    },

    /** Date changes of the programme's milestones, from their history, oldest first. */
    async milestoneMoves(programmeId: number): Promise<MilestoneMove[]> {
      const rows = await k
        .selectFrom("audit_event as e")
        .innerJoin("action", "action.id", "e.entity_id")
        .select(["action.number", "e.at", "e.before_json", "e.after_json"])
        .where("e.programme_id", "=", programmeId)
        .where("e.entity_type", "=", MILESTONE_ENTITY)
        .where("e.operation", "=", "update")
        .orderBy("e.at")
        .orderBy("e.id")
        .execute();
      const read = (json: string | null) => {
        const v = json ? (JSON.parse(json) as { label?: unknown; due?: unknown }) : null;
        return v && typeof v.due === "string" ? { label: typeof v.label === "string" ? v.label : null, due: v.due } : null;
      };
      return rows.flatMap((r) => {
        const before = read(r.before_json);
        const after = read(r.after_json);
        return before && after && before.due !== after.due ? [{ action: r.number, label: after.label ?? before.label, fromText: before.due, toText: after.due, at: r.at }] : [];
      });
    },

    /** Progress updates of the programme's actions about periods of a year, with their narratives. */
    async updatesOfYear(programmeId: number, year: number): Promise<ReportUpdateInput[]> {
      const rows = await k
        .selectFrom("progress_update as pu")
        .innerJoin("action", "action.id", "pu.action_id")
        .select(["action.number", "pu.period", "pu.status", "pu.percent", "pu.narrative", "pu.narrative_public", "pu.updated_at"])
        .where("action.programme_id", "=", programmeId)
        .where("pu.period", "like", `${year}-%`)
        .orderBy("action.number")
        .orderBy("pu.id")
        .execute();
      return rows.flatMap((r) => {
        const status = asProgressStatus(r.status);
        return status
          ? [{ action: r.number, period: r.period, status, percent: r.percent, narrative: r.narrative, narrativePublic: r.narrative_public === 1, updatedAt: r.updated_at }]
          : [];
      });
    },

    /** Every plan-of-approach version of the programme's actions, by action number. */
    async planVersions(programmeId: number): Promise<ReportPlanInput[]> {
      const rows = await k
        .selectFrom("plan_of_approach as p")
        .innerJoin("action", "action.id", "p.action_id")
        .select(["action.number", "p.version_no", "p.status", "p.submitted_at", "p.decided_at"])
        .where("action.programme_id", "=", programmeId)
        .orderBy("action.number")
        .orderBy("p.version_no")
        .execute();
      return rows.flatMap((r) =>
        isPlanStatus(r.status)
          ? [{ action: r.number, versionNo: r.version_no, status: r.status, submittedAt: r.submitted_at, decidedAt: r.decided_at }]
          : [],
      );
    },

    /** The category changes of all the programme's actions by decisions taken (and re-imports), by action number. */
    async categoryChanges(programmeId: number): Promise<Map<number, CategoryChange[]>> {
      const rows = await k
        .selectFrom("decision_action")
        .innerJoin("decision", "decision.id", "decision_action.decision_id")
        .innerJoin("action", "action.id", "decision_action.action_id")
        .select(["action.number", "decision.id", "decision.title", "decision.decided_on", "decision.source", "decision_action.category_from", "decision_action.category_to"])
        .where("decision.programme_id", "=", programmeId)
        .where("decision.status", "=", "taken")
        .where("decision_action.category_to", "is not", null)
        .orderBy("decision.decided_on")
        .orderBy("decision.id")
        .execute();
      const out = new Map<number, CategoryChange[]>();
      for (const r of rows) {
        const list = out.get(r.number) ?? [];
        list.push({ decidedOn: r.decided_on, decision: { id: r.id, title: r.title }, from: r.category_from, to: r.category_to!, source: r.source as DecisionSource });
        out.set(r.number, list);
      }
      return out;
    },

    /** The periods of the update rounds the programme opened (any year). */
    async roundPeriods(programmeId: number): Promise<string[]> {
      const rows = await k.selectFrom("update_round").select("period").where("programme_id", "=", programmeId).orderBy("opened_on").execute();
      return rows.map((r) => r.period);
    },
  };
}

function emptyReport(kind: ReportKind, year: number): StoredReport {
  return { id: 0, kind, year, texts: { introduction: "", themes: {} }, status: "draft", snapshot: null, finalisedAt: null, finalisedBy: null, updatedAt: "", version: 0 };
}
