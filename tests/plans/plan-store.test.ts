import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserRepository } from "../../app/db/user.repository";
import { createActionRepository } from "../../app/db/action.repository";
import { createPlanRepository, type PlanRepository } from "../../app/db/plan.repository";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { createProgrammeRepository } from "../../app/db/programme.repository";
import type { PlanFields } from "../../app/domain/plans/plan-input";
import { createLogger } from "../../app/lib/logger.server";
import { createMailer } from "../../app/lib/mail/mailer.server";
import { createOutboxRepository } from "../../app/db/outbox.repository";
import { createPlanService, mailLanguages } from "../../app/lib/plans/plan-service.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";

const FULL: PlanFields = {
  aim: "Meer stageplaatsen in de regio",
  approach: "Bedrijven benaderen via de ondernemersverenigingen.",
  deliverables: "Stagebank\nJaarverslag",
  milestones: "Q2 2014: stagebank live",
  budget: "€ 25.000 uit het regiofonds",
  capacity: "0,4 fte gemeente Leiden",
  risks: "Weinig animo bij kleine bedrijven",
};
const EMPTY: PlanFields = { aim: "", approach: "", deliverables: "", milestones: "", budget: "", capacity: "", risks: "" };

let clockMs = Date.parse("2026-12-01T09:00:00.000Z");
const now = () => new Date((clockMs += 60_000)).toISOString();

describe.each(testDialects())("plans of approach in the store (%s)", (dialect) => {
  let t: TestDatabase;
  let store: PlanRepository;
  let programmeId: number;
  let contactId: number;
  let managerId: number;
  let englishManagerId: number;
  let steeringId: number;
  const actionIdOf = new Map<number, number>();
  const actor = (userId: number, label: string) => ({ userId, label });
  const at = (number: number, userId: number, label = "Cora Contact") => ({ programmeId, number, actor: actor(userId, label), requestId: "req-test-1", now: now() });

  /** Everything a refused call must leave alone. */
  async function snapshot() {
    const plans = await t.db.kysely.selectFrom("plan_of_approach").selectAll().orderBy("id").execute();
    const audit = await t.db.kysely.selectFrom("audit_event").select(["id"]).where("entity_type", "=", "plan").execute();
    const mail = await t.db.kysely.selectFrom("mail_outbox").select(["id"]).execute();
    return { plans, audit: audit.length, mail: mail.length };
  }
  const planAudit = (entityId: number) =>
    t.db.kysely.selectFrom("audit_event").selectAll().where("entity_type", "=", "plan").where("entity_id", "=", entityId).orderBy("id").execute();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const doc = defaultProgrammeDocument();
    await importProgrammeDocument(t.db, doc, { isDefault: true });
    programmeId = (await createProgrammeRepository(t.db).get(doc.slug))!.id;
    for (const n of [17, 20, 26, 30, 31, 40]) {
      const row = await t.db.kysely.selectFrom("action").select("id").where("programme_id", "=", programmeId).where("number", "=", n).executeTakeFirstOrThrow();
      actionIdOf.set(n, row.id);
    }
    const accounts = createUserRepository(t.db);
    const make = async (email: string, name: string, role: "action-contact" | "programme-manager" | "steering-group", actions: number[] = []) => {
      const r = await accounts.createUser({
        email,
        name,
        organisationId: null,
        passwordHash: null,
        isAdmin: false,
        roles: [{ programmeId, role }],
        contactActionIds: actions.map((n) => actionIdOf.get(n)!),
        actor: { userId: null, label: "test" },
        now: now(),
      });
      if (r.status !== "ok") throw new Error(r.status);
      return r.value;
    };
    contactId = await make("cora@example.org", "Cora Contact", "action-contact", [26]);
    managerId = await make("pim@example.org", "Pim Programmamanager", "programme-manager");
    englishManagerId = await make("paula@example.org", "Paula Manager", "programme-manager");
    await t.db.kysely.updateTable("user_account").set({ language: "en" }).where("id", "=", englishManagerId).execute();
    steeringId = await make("sanne@example.org", "Sanne Stuurgroep", "steering-group");
    store = createPlanRepository(t.db);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("walks a plan through write, submit, return, a new version, and approval, keeping every version", async () => {
    // Version 1: a draft, written twice.
    const created = await store.write({ ...at(26, contactId), base: null, fields: { ...EMPTY, aim: "Eerste idee" } });
    expect(created).toMatchObject({ status: "ok", changed: true, plan: { versionNo: 1, status: "draft", version: 1, aim: "Eerste idee", author: { id: contactId, name: "Cora Contact" } } });
    if (created.status !== "ok") throw new Error("not ok");
    const v1Id = created.plan.id;

    const updated = await store.write({ ...at(26, contactId), base: { versionNo: 1, version: 1 }, fields: FULL });
    expect(updated).toMatchObject({ status: "ok", changed: true, plan: { versionNo: 1, status: "draft", version: 2, ...FULL } });
    // The same text again changes nothing and records nothing.
    const before = await snapshot();
    expect(await store.write({ ...at(26, contactId), base: { versionNo: 1, version: 2 }, fields: FULL })).toMatchObject({ status: "ok", changed: false, plan: { version: 2 } });
    expect(await snapshot()).toEqual(before);

    // Submitted: read-only, waiting for a decision.
    const submitted = await store.submit({ ...at(26, contactId), expected: { versionNo: 1, version: 2 } });
    expect(submitted).toMatchObject({ status: "ok", plan: { status: "submitted", version: 3 } });
    if (submitted.status !== "ok") throw new Error("not ok");
    expect(submitted.plan.submittedAt).toMatch(/^2026-12-01T/);
    const whileSubmitted = await snapshot();
    expect(await store.write({ ...at(26, contactId), base: { versionNo: 1, version: 3 }, fields: { ...FULL, aim: "Stiekem anders" } })).toEqual({ status: "refused", reason: "submittedReadOnly" });
    expect(await store.submit({ ...at(26, contactId), expected: { versionNo: 1, version: 3 } })).toEqual({ status: "refused", reason: "notDraft" });
    expect(await store.decide({ ...at(26, managerId, "Pim"), expected: { versionNo: 1, version: 3 }, decision: "return", note: "  " })).toEqual({ status: "refused", reason: "noteRequired" });
    expect(await store.decide({ ...at(26, managerId, "Pim"), expected: { versionNo: 1, version: 2 }, decision: "approve", note: null })).toMatchObject({ status: "conflict", current: { version: 3 } });
    expect(await snapshot()).toEqual(whileSubmitted);

    // Returned with a note.
    const returned = await store.decide({ ...at(26, managerId, "Pim Programmamanager"), expected: { versionNo: 1, version: 3 }, decision: "return", note: "Het budget is niet onderbouwd." });
    expect(returned).toMatchObject({
      status: "ok",
      plan: { versionNo: 1, status: "returned", decisionNote: "Het budget is niet onderbouwd.", decidedBy: { id: managerId, name: "Pim Programmamanager" }, version: 4 },
    });
    const v1AfterDecision = (await store.version(actionIdOf.get(26)!, 1))!;

    // A form opened on version 1 before it was decided is stale now.
    const beforeStale = await snapshot();
    expect(await store.write({ ...at(26, contactId), base: { versionNo: 1, version: 2 }, fields: FULL })).toMatchObject({ status: "conflict", current: { versionNo: 1, status: "returned" } });
    expect(await snapshot()).toEqual(beforeStale);

    // Version 2 starts as a new draft; version 1 stays exactly as it was.
    const v2 = await store.write({ ...at(26, contactId), base: null, fields: { ...FULL, budget: "€ 25.000: 15.000 gemeente, 10.000 provincie" } });
    expect(v2).toMatchObject({ status: "ok", plan: { versionNo: 2, status: "draft", version: 1 } });
    expect(await store.version(actionIdOf.get(26)!, 1)).toEqual(v1AfterDecision);
    expect(await store.submit({ ...at(26, contactId), expected: { versionNo: 2, version: 1 } })).toMatchObject({ status: "ok" });
    const approved = await store.decide({ ...at(26, steeringId, "Sanne Stuurgroep"), expected: { versionNo: 2, version: 2 }, decision: "approve", note: null });
    expect(approved).toMatchObject({ status: "ok", plan: { versionNo: 2, status: "approved", decisionNote: null, decidedBy: { id: steeringId } } });

    const versions = await store.versions(actionIdOf.get(26)!);
    expect(versions.map((v) => [v.versionNo, v.status])).toEqual([
      [2, "approved"],
      [1, "returned"],
    ]);
    expect(versions[1]).toEqual(v1AfterDecision);

    // Every transition left one history entry on its version, with the programme.
    const v1Audit = await planAudit(v1Id);
    expect(v1Audit.map((e) => [e.operation, e.actor_user_id, e.programme_id])).toEqual([
      ["create", contactId, programmeId],
      ["update", contactId, programmeId],
      ["submit", contactId, programmeId],
      ["return", managerId, programmeId],
    ]);
    expect(v1Audit[0]!.entity_label).toBe("26. " + (await t.db.kysely.selectFrom("action").select("title").where("id", "=", actionIdOf.get(26)!).executeTakeFirstOrThrow()).title + " – plan van aanpak, versie 1");
    expect(JSON.parse(v1Audit[1]!.before_json!)).toEqual({ aim: "Eerste idee", approach: "", deliverables: "", milestones: "", budget: "", capacity: "", risks: "" });
    expect(JSON.parse(v1Audit[3]!.after_json!)).toEqual({ status: "returned", decisionNote: "Het budget is niet onderbouwd." });
    expect(v1Audit.every((e) => e.request_id === "req-test-1")).toBe(true);
    expect((await planAudit(versions[0]!.id)).map((e) => e.operation)).toEqual(["create", "submit", "approve"]);
  });

  it("refuses a stale draft and a draft written over someone else's new one, writing nothing", async () => {
    const first = await store.write({ ...at(17, managerId, "Pim"), base: null, fields: { ...EMPTY, aim: "Van Pim" } });
    expect(first).toMatchObject({ status: "ok", plan: { versionNo: 1, version: 1 } });
    expect(await store.write({ ...at(17, managerId, "Pim"), base: { versionNo: 1, version: 1 }, fields: { ...EMPTY, aim: "Pim, later" } })).toMatchObject({ status: "ok", plan: { version: 2 } });
    const before = await snapshot();
    // Someone still holding version 1 of the form.
    expect(await store.write({ ...at(17, contactId), base: { versionNo: 1, version: 1 }, fields: { ...EMPTY, aim: "Oud formulier" } })).toMatchObject({
      status: "conflict",
      current: { versionNo: 1, version: 2, aim: "Pim, later" },
    });
    // Someone who opened the form before any draft existed.
    expect(await store.write({ ...at(17, contactId), base: null, fields: { ...EMPTY, aim: "Ook een begin" } })).toMatchObject({ status: "conflict", current: { version: 2 } });
    // A submit of what the page showed before the last save.
    expect(await store.submit({ ...at(17, managerId, "Pim"), expected: { versionNo: 1, version: 1 } })).toMatchObject({ status: "conflict" });
    // An incomplete draft is not submitted.
    expect(await store.submit({ ...at(17, managerId, "Pim"), expected: { versionNo: 1, version: 2 } })).toEqual({
      status: "incomplete",
      missing: ["approach", "deliverables", "milestones", "budget", "capacity", "risks"],
    });
    // Nothing to decide on.
    expect(await store.decide({ ...at(17, managerId, "Pim"), expected: { versionNo: 1, version: 2 }, decision: "approve", note: null })).toEqual({ status: "refused", reason: "notSubmitted" });
    expect(await store.submit({ ...at(20, managerId, "Pim"), expected: { versionNo: 1, version: 1 } })).toEqual({ status: "refused", reason: "noPlan" });
    expect(await store.write({ ...at(999, managerId, "Pim"), base: null, fields: FULL })).toEqual({ status: "not-found" });
    expect(await store.submit({ ...at(999, managerId, "Pim"), expected: { versionNo: 1, version: 1 } })).toEqual({ status: "not-found" });
    expect(await snapshot()).toEqual(before);
  });

  it("writes only onto the newest version the writer saw, when told which (the API's If-Match)", async () => {
    // Nothing seen, nothing there: version 1.
    expect(await store.write({ ...at(31, managerId, "Pim"), base: null, fields: FULL, seen: null })).toMatchObject({ status: "ok", plan: { versionNo: 1, version: 1 } });
    expect(await store.submit({ ...at(31, managerId, "Pim"), expected: { versionNo: 1, version: 1 } })).toMatchObject({ status: "ok" });
    expect(await store.decide({ ...at(31, managerId, "Pim"), expected: { versionNo: 1, version: 2 }, decision: "return", note: "Nog niet" })).toMatchObject({ status: "ok" });
    const before = await snapshot();
    // A writer who saw the plan before it was submitted and returned would start version 2 without `seen`; with it, nothing is written.
    for (const seen of [null, { versionNo: 1, version: 1 }, { versionNo: 1, version: 2 }]) {
      expect(await store.write({ ...at(31, contactId), base: null, fields: FULL, seen }), JSON.stringify(seen)).toMatchObject({
        status: "conflict",
        current: { versionNo: 1, version: 3, status: "returned" },
      });
    }
    expect(await snapshot()).toEqual(before);
    expect(await store.write({ ...at(31, contactId), base: null, fields: FULL, seen: { versionNo: 1, version: 3 } })).toMatchObject({ status: "ok", plan: { versionNo: 2, version: 1 } });
  });

  it("keeps one open version per action, also when two people start at the same moment", async () => {
    const results = await Promise.all([
      store.write({ ...at(30, contactId), base: null, fields: { ...EMPTY, aim: "A" } }),
      store.write({ ...at(30, managerId, "Pim"), base: null, fields: { ...EMPTY, aim: "B" } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "ok"]);
    const rows = await t.db.kysely.selectFrom("plan_of_approach").selectAll().where("action_id", "=", actionIdOf.get(30)!).execute();
    expect(rows).toHaveLength(1);
    expect(await t.db.kysely.selectFrom("audit_event").select("id").where("entity_type", "=", "plan").where("entity_id", "=", rows[0]!.id).execute()).toHaveLength(1);
    // The database itself refuses a second open version.
    await expect(
      sql`INSERT INTO plan_of_approach (action_id, version_no, status, aim, approach, deliverables, milestones, budget, capacity, risks, created_at, updated_at, version)
          VALUES (${actionIdOf.get(30)!}, 2, 'submitted', '', '', '', '', '', '', '', ${now()}, ${now()}, 1)`.execute(t.db.kysely),
    ).rejects.toThrow();
  });

  it("tells which actions have an approved plan: the reference, the count, the filter and the action record", async () => {
    const action26 = actionIdOf.get(26)!;
    const refs = await store.approvedRefs([action26, actionIdOf.get(17)!, actionIdOf.get(30)!]);
    expect([...refs.entries()]).toEqual([[action26, { status: "approved", version: 2, approvedOn: "2026-12-01" }]]);
    expect(await store.approvedCount(programmeId)).toEqual({ approved: 1, actions: 62 });
    const actions = createActionRepository(t.db);
    const list = await actions.list(programmeId, { category: [], plan: "approved" }, { limit: 100, offset: 0 });
    expect(list.total).toBe(1);
    expect(list.data.map((a) => [a.number, a.plan])).toEqual([[26, { status: "approved", version: 2, approvedOn: "2026-12-01" }]]);
    expect((await actions.get(programmeId, 17))!.plan).toBeNull();
  });

  it("tells the programme managers about a submission and the author about a decision, in their language", async () => {
    const mailer = createMailer({ outbox: createOutboxRepository(t.db), logger: createLogger("silent"), clock: { now: () => new Date() }, from: "regie@example.org" });
    const service = createPlanService({ store, mailer, logger: createLogger("silent") });
    const link = "https://regie.example.org/programmes/x/actions/40/plan";
    const outbox = () => t.db.kysely.selectFrom("mail_outbox").selectAll().where("purpose", "like", "plan-%").orderBy("id").execute();
    expect(await service.write({ ...at(40, contactId), base: null, fields: FULL })).toMatchObject({ status: "ok" });
    expect(await outbox()).toEqual([]);
    const submitted = await service.submit({ ...at(40, contactId), title: "Titel 40", planUrl: link, expected: { versionNo: 1, version: 1 } });
    expect(submitted.status).toBe("ok");
    const afterSubmit = await outbox();
    expect(afterSubmit.map((m) => [m.recipient, m.purpose])).toEqual([
      ["pim@example.org", "plan-submitted"],
      ["paula@example.org", "plan-submitted"],
    ]);
    // No language chosen: Dutch first, then English.
    expect(afterSubmit[0]!.subject).toBe("Regie: plan van aanpak voor actie 40 ingediend / Regie: plan of approach for action 40 submitted");
    expect(afterSubmit[0]!.body_text).toContain("Beste Pim Programmamanager,\n\nCora Contact heeft versie 1 van het plan van aanpak voor actie 40 (Titel 40) ingediend");
    expect(afterSubmit[0]!.body_text).toContain("Dear Pim Programmamanager,");
    expect(afterSubmit[0]!.body_text).toContain(link);
    // English chosen: English only.
    expect(afterSubmit[1]!.subject).toBe("Regie: plan of approach for action 40 submitted");
    expect(afterSubmit[1]!.body_text).not.toContain("Beste");

    // A programme manager who decides is not mailed about it; the author is.
    const decided = await service.decide({ ...at(40, managerId, "Pim Programmamanager"), title: "Titel 40", planUrl: link, expected: { versionNo: 1, version: 2 }, decision: "return", note: "Maak de mijlpalen concreet." });
    expect(decided.status).toBe("ok");
    const afterDecision = (await outbox()).slice(afterSubmit.length);
    expect(afterDecision.map((m) => [m.recipient, m.purpose])).toEqual([["cora@example.org", "plan-returned"]]);
    expect(afterDecision[0]!.body_text).toContain("Toelichting:\nMaak de mijlpalen concreet.");
    expect(afterDecision[0]!.body_text).toContain("Note:\nMaak de mijlpalen concreet.");

    // A refused transition sends nothing.
    const count = (await outbox()).length;
    expect((await service.submit({ ...at(40, contactId), title: "Titel 40", planUrl: link, expected: { versionNo: 1, version: 3 } })).status).toBe("refused");
    expect(await outbox()).toHaveLength(count);
  });

  it("chooses the mail's languages from the account", () => {
    expect(mailLanguages(null)).toEqual(["nl", "en"]);
    expect(mailLanguages("nl")).toEqual(["nl"]);
    expect(mailLanguages("en")).toEqual(["en"]);
  });
});
