import { compareEditions, type EditionComparison, type NumberedLineage } from "../domain/editions/compare-editions";
import { planEdition, type EditionChoices, type PlannedLineage } from "../domain/editions/edition-plan";
import { planProgrammeImport } from "../domain/programmes/programme-import";
import { message, type FieldErrors, type Message } from "../lib/errors";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";
import { recordDecisionWithin } from "./decision.repository";
import { exportProgrammeDocument } from "./programme-export";
import { readImportBasis, writeProgrammeImport } from "./programme-import";

/** One end of a lineage link, as an action page names it. */
export interface LineageLink {
  actionId: number;
  number: number;
  title: string;
  programmeSlug: string;
  period: { start: number; end: number };
  kind: NumberedLineage["kind"];
  reason: string | null;
}

/** Where an action came from (`from`) and what it became (`to`; one row without action when dropped). */
export interface ActionLineage {
  from: LineageLink[];
  to: (Omit<LineageLink, "actionId" | "number" | "title"> & { actionId: number | null; number: number | null; title: string | null })[];
}

export interface EditionSummary {
  slug: string;
  title: string;
  period: { start: number; end: number };
  status: "draft" | "adopted";
  previousSlug: string | null;
}

export type CreateEditionResult =
  | { status: "ok"; slug: string; lineage: PlannedLineage[] }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "not-found" };

export type AdoptEditionResult =
  | { status: "ok"; decisionId: number }
  | { status: "not-found" }
  | { status: "refused"; reason: Message }
  | { status: "invalid"; errors: FieldErrors };

export function createEditionRepository(db: Db) {
  const k = db.kysely;

  const summary = async (slug: string): Promise<(EditionSummary & { id: number }) | undefined> => {
    const row = await k
      .selectFrom("programme")
      .leftJoin("programme as previous", "previous.id", "programme.previous_id")
      .select([
        "programme.id",
        "programme.slug",
        "programme.title",
        "programme.period_start",
        "programme.period_end",
        "programme.status",
        "previous.slug as previous_slug",
      ])
      .where("programme.slug", "=", slug)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      period: { start: row.period_start, end: row.period_end },
      status: row.status === "draft" ? "draft" : "adopted",
      previousSlug: row.previous_slug,
    };
  };

  const actionIdsOf = async (programmeId: number): Promise<Record<number, number>> => {
    const rows = await k.selectFrom("action").select(["id", "number"]).where("programme_id", "=", programmeId).orderBy("number").execute();
    return Object.fromEntries(rows.map((r) => [r.number, r.id]));
  };

  return {
    summary,

    /** The editions that follow one another, oldest first, ending with `slug`'s latest successor. */
    async next(slug: string): Promise<EditionSummary | undefined> {
      const p = await summary(slug);
      if (!p) return undefined;
      const row = await k.selectFrom("programme").select("slug").where("previous_id", "=", p.id).orderBy("id").executeTakeFirst();
      return row ? summary(row.slug) : undefined;
    },

    /**
     * Makes the next edition of a programme as a draft: the old edition's document with the choices
     * applied, written by the programme importer, with the new edition's status, predecessor and
     * lineage in the same transaction. Nothing is written when a choice is refused.
     */
    async createEdition(input: { fromSlug: string; choices: EditionChoices; actor: Actor; now: string; today: string; requestId?: string | null }): Promise<CreateEditionResult> {
      const old = await summary(input.fromSlug);
      const document = old ? await exportProgrammeDocument(db, input.fromSlug) : undefined;
      if (!old || !document) return { status: "not-found" };
      const actionIds = await actionIdsOf(old.id);
      const named = Object.values(input.choices.actions).flatMap((c) => (c.kind === "merged" ? [c.into] : []));
      const asked = [...new Set([...Object.keys(input.choices.actions).map(Number), ...named])].filter((id) => Number.isSafeInteger(id));
      const owners = asked.length ? await k.selectFrom("action").select(["id", "programme_id"]).where("id", "in", asked).execute() : [];
      const programmeOf = new Map(owners.map((r) => [r.id, r.programme_id]));
      const plan = planEdition({ programmeId: old.id, document, actionIds }, input.choices, (id) => programmeOf.get(id));
      if (plan.status === "invalid") return plan;
      const basis = await readImportBasis(db, plan.document);
      if (basis.programmeExists) return { status: "invalid", errors: { slug: message("editions.slugTaken", { param: input.choices.slug }) } };
      const importPlan = planProgrammeImport(plan.document, basis, { today: input.today, file: null });
      await writeProgrammeImport(db, importPlan, basis, {
        isDefault: false,
        now: input.now,
        file: null,
        actor: input.actor,
        within: async (trx, written) => {
          await trx.updateTable("programme").set({ status: "draft", previous_id: old.id }).where("id", "=", written.programmeId).execute();
          for (const l of plan.lineage) {
            await trx
              .insertInto("action_lineage")
              .values({
                from_action_id: l.fromId,
                to_action_id: l.toNumber === null ? null : written.actionIds.get(l.toNumber)!,
                kind: l.kind,
                reason: l.reason,
                created_at: input.now,
              })
              .execute();
          }
          await recordAudit(trx, {
            actor: input.actor,
            at: input.now,
            programmeId: written.programmeId,
            entityType: "programme",
            entityId: written.programmeId,
            entityLabel: plan.document.title,
            operation: "create-edition",
            before: { from: input.fromSlug },
            after: { slug: plan.document.slug, lineage: plan.lineage.length },
            requestId: input.requestId ?? null,
          });
        },
      });
      return { status: "ok", slug: plan.document.slug, lineage: plan.lineage };
    },

    /**
     * The steering group adopts a draft edition: the decision is recorded and, in the same
     * transaction, the edition becomes adopted and the default programme. The edition it follows stays as it was.
     */
    async adopt(
      input: { slug: string; decidedOn: string; actor: Actor; now: string; today: string; requestId?: string | null },
    ): Promise<AdoptEditionResult> {
      const p = await summary(input.slug);
      if (!p) return { status: "not-found" };
      if (p.status !== "draft") return { status: "refused", reason: message("editions.alreadyAdopted", { param: p.title }) };
      if (input.decidedOn > input.today) return { status: "invalid", errors: { decidedOn: message("decisions.takenInFuture") } };
      // The decision and the adoption it records are written together, or neither.
      const recorded = await k.transaction().execute(async (trx) => {
        const recorded = (await recordDecisionWithin(trx, {
          programmeId: p.id,
          kind: "adopt-programme",
          decidedOn: input.decidedOn,
          meetingId: null,
          title: p.title,
          text: "",
          actor: input.actor,
          requestId: input.requestId ?? null,
          now: input.now,
        }))!;
        await trx.updateTable("programme").set({ is_default: 0 }).where("id", "!=", p.id).execute();
        await trx
          .updateTable("programme")
          .set((eb) => ({ status: "adopted", is_default: 1, adopted_on: input.decidedOn, updated_at: input.now, version: eb("version", "+", 1) }))
          .where("id", "=", p.id)
          .execute();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: p.id,
          entityType: "programme",
          entityId: p.id,
          entityLabel: p.title,
          operation: "adopt-edition",
          before: { status: "draft" },
          after: { status: "adopted", decision: recorded.id },
          requestId: input.requestId ?? null,
        });
        return recorded;
      });
      return { status: "ok", decisionId: recorded.id };
    },

    /** Where an action came from and what it became, across editions. */
    async lineage(actionId: number): Promise<ActionLineage> {
      const base = () =>
        k
          .selectFrom("action_lineage")
          .leftJoin("action as from_action", "from_action.id", "action_lineage.from_action_id")
          .leftJoin("action as to_action", "to_action.id", "action_lineage.to_action_id")
          .select([
            "action_lineage.id",
            "action_lineage.kind",
            "action_lineage.reason",
            "action_lineage.from_action_id",
            "action_lineage.to_action_id",
            "from_action.number as from_number",
            "from_action.title as from_title",
            "from_action.programme_id as from_programme",
            "to_action.number as to_number",
            "to_action.title as to_title",
            "to_action.programme_id as to_programme",
          ])
          .orderBy("action_lineage.id");
      const [fromRows, toRows] = await Promise.all([
        base().where("action_lineage.to_action_id", "=", actionId).execute(),
        base().where("action_lineage.from_action_id", "=", actionId).execute(),
      ]);
      const programmeIds = [...new Set([...fromRows.map((r) => r.from_programme), ...toRows.map((r) => r.to_programme)].filter((x): x is number => x !== null))];
      const programmes = programmeIds.length
        ? await k.selectFrom("programme").select(["id", "slug", "period_start", "period_end"]).where("id", "in", programmeIds).execute()
        : [];
      const own = await k.selectFrom("action").select("programme_id").where("id", "=", actionId).executeTakeFirst();
      const next = own
        ? await k.selectFrom("programme").select(["slug", "period_start", "period_end"]).where("previous_id", "=", own.programme_id).orderBy("id").executeTakeFirst()
        : undefined;
      const of = (id: number | null) => programmes.find((p) => p.id === id);
      return {
        from: fromRows.map((r) => {
          const p = of(r.from_programme)!;
          return {
            actionId: r.from_action_id,
            number: r.from_number!,
            title: r.from_title!,
            programmeSlug: p.slug,
            period: { start: p.period_start, end: p.period_end },
            kind: r.kind as LineageLink["kind"],
            reason: r.reason,
          };
        }),
        to: toRows.map((r) => {
          // A dropped action has no target; it is named by the edition that left it out.
          const p = of(r.to_programme) ?? next;
          return {
            actionId: r.to_action_id,
            number: r.to_number,
            title: r.to_title,
            programmeSlug: p?.slug ?? "",
            period: { start: p?.period_start ?? 0, end: p?.period_end ?? 0 },
            kind: r.kind as LineageLink["kind"],
            reason: r.reason,
          };
        }),
      };
    },

    /** The differences between an edition and one that follows it, from the lineage between them. */
    async compare(slug: string, otherSlug: string): Promise<EditionComparison | undefined> {
      const [before, after] = await Promise.all([summary(slug), summary(otherSlug)]);
      if (!before || !after) return undefined;
      const [beforeDoc, afterDoc] = await Promise.all([exportProgrammeDocument(db, slug), exportProgrammeDocument(db, otherSlug)]);
      if (!beforeDoc || !afterDoc) return undefined;
      const rows = await k
        .selectFrom("action_lineage")
        .innerJoin("action as from_action", "from_action.id", "action_lineage.from_action_id")
        .leftJoin("action as to_action", "to_action.id", "action_lineage.to_action_id")
        .select(["action_lineage.kind", "action_lineage.reason", "from_action.number as from", "to_action.number as to", "to_action.programme_id as to_programme"])
        .where("from_action.programme_id", "=", before.id)
        .orderBy("action_lineage.id")
        .execute();
      const lineage: NumberedLineage[] = rows
        .filter((r) => r.to_programme === null ? r.kind === "dropped" : r.to_programme === after.id)
        .map((r) => ({ from: r.from, to: r.to, kind: r.kind as NumberedLineage["kind"], reason: r.reason }));
      return compareEditions(beforeDoc, afterDoc, lineage);
    },
  };
}

export type EditionRepository = ReturnType<typeof createEditionRepository>;
