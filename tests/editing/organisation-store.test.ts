import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserRepository } from "../../app/db/user.repository";
import { createActionRepository } from "../../app/db/action.repository";
import type { Db } from "../../app/db/database";
import { createHistoryRepository } from "../../app/db/history.repository";
import { createOrganisationRepository, type OrganisationRepository } from "../../app/db/organisation.repository";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import type { Database } from "../../app/db/schema";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";

const actor = { userId: null, label: "Test" };
const doc = defaultProgrammeDocument();
/** How many roles Regiogemeenten has in the default programme's actions. */
const REGIO_ROLES = doc.actions
  .flatMap((a) => [...a.leads, ...a.partners, ...a.toInvolve])
  .filter((r) => r.organisation === "regiogemeenten").length;
const now = "2026-12-01T10:00:00.000Z";

/** Every row anywhere that refers to an organisation, by table. */
async function referencesTo(db: Db, organisationId: number) {
  const k = db.kysely;
  const n = async (q: Promise<unknown[]>) => (await q).length;
  return {
    action_organisation: await n(
      k
        .selectFrom("action_organisation")
        .select("action_id")
        .where("organisation_id", "=", organisationId)
        .execute(),
    ),
    programme_organisation: await n(
      k
        .selectFrom("programme_organisation")
        .select("programme_id")
        .where("organisation_id", "=", organisationId)
        .execute(),
    ),
    theme_participation: await n(
      k
        .selectFrom("theme_participation")
        .select("theme_id")
        .where("organisation_id", "=", organisationId)
        .execute(),
    ),
    contact: await n(
      k.selectFrom("contact").select("id").where("organisation_id", "=", organisationId).execute(),
    ),
    user_account: await n(
      k.selectFrom("user_account").select("id").where("organisation_id", "=", organisationId).execute(),
    ),
    meeting_attendee: await n(
      k
        .selectFrom("meeting_attendee")
        .select("meeting_id")
        .where("organisation_id", "=", organisationId)
        .execute(),
    ),
    organisation_alias: await n(
      k
        .selectFrom("organisation_alias")
        .select("alias")
        .where("organisation_id", "=", organisationId)
        .execute(),
    ),
  };
}

/** The whole state a merge touches, to compare before and after a failed one. */
async function dump(db: Db) {
  const k = db.kysely;
  const all = async <T extends keyof Database>(table: T) =>
    JSON.stringify((await k.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort());
  return {
    organisation: await all("organisation"),
    organisation_alias: await all("organisation_alias"),
    organisation_former_slug: await all("organisation_former_slug"),
    action: await all("action"),
    action_organisation: await all("action_organisation"),
    programme_organisation: await all("programme_organisation"),
    theme: await all("theme"),
    theme_participation: await all("theme_participation"),
    contact: await all("contact"),
    user_account: await all("user_account"),
    meeting_attendee: await all("meeting_attendee"),
    audit_event: await all("audit_event"),
  };
}

describe.each(testDialects())("organisation store (%s)", (dialect) => {
  let t: TestDatabase;
  let store: OrganisationRepository;
  let programmeId: number;
  const idOf = async (slug: string) =>
    (
      await t.db.kysely
        .selectFrom("organisation")
        .select("id")
        .where("slug", "=", slug)
        .executeTakeFirstOrThrow()
    ).id;
  const themeId = async (number: number) =>
    (
      await t.db.kysely
        .selectFrom("theme")
        .select("id")
        .where("programme_id", "=", programmeId)
        .where("number", "=", number)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, doc, { isDefault: true });
    store = createOrganisationRepository(t.db);
    programmeId = (await t.db.kysely.selectFrom("programme").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("creates an organisation with a slug from its name, each alias once, and a history entry", async () => {
    const result = await store.create({
      changes: {
        name: "Stichting Nieuw Café",
        kind: "other",
        aliases: ["SNC", "snc", "S.N.C.", "Stichting Nieuw Cafe"],
      },
      actor,
      now,
    });
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.organisation).toMatchObject({
      slug: "stichting-nieuw-cafe",
      name: "Stichting Nieuw Café",
      kind: "other",
      aliases: ["SNC"],
      version: 1,
    });
    const history = await createHistoryRepository(t.db).forEntity("organisation", result.organisation.id);
    expect(history.map((h) => h.operation)).toEqual(["create"]);
    expect(history[0]!.after).toMatchObject({ slug: "stichting-nieuw-cafe", aliases: ["SNC"] });
    // The form's lookup now finds it by its alias.
    expect((await createOrganisationRepository(t.db).lookup()).resolve("S N C")).toBe("stichting-nieuw-cafe");
  });

  it("refuses a name or alias that belongs to another organisation, naming it, and writes nothing", async () => {
    const before = await store.choices();
    const byName = await store.create({
      changes: { name: "gemeente  leiden", kind: "municipality", aliases: [] },
      actor,
      now,
    });
    expect(byName).toEqual({ status: "invalid", errors: { name: { key: "editing.nameTaken", params: { param: "Gemeente Leiden" } } } });
    const byAlias = await store.create({
      changes: { name: "Iets Nieuws", kind: "other", aliases: ["Universiteit-Leiden"] },
      actor,
      now,
    });
    expect(byAlias).toEqual({
      status: "invalid",
      errors: { aliases: { key: "editing.aliasTaken", params: { param: "Universiteit Leiden", param2: "Universiteit-Leiden" } } },
    });
    // An alias of another organisation (not its name) counts too.
    const org = await store.snapshot("alle-partners-economische-agenda");
    expect(org!.aliases).toContain("Alle partners van de Economische agenda Leidse regio");
    const byOtherAlias = await store.create({
      changes: { name: "Alle partners van de economische agenda Leidse regio", kind: "other", aliases: [] },
      actor,
      now,
    });
    expect(byOtherAlias).toEqual({
      status: "invalid",
      errors: { name: { key: "editing.nameTaken", params: { param: "Alle partners Economische agenda" } } },
    });
    expect(await store.choices()).toEqual(before);
  });

  it("gives a new organisation a free slug when its own is (or was) another organisation's", async () => {
    const first = await store.create({
      changes: { name: "Projectbureau Oud", kind: "other", aliases: [] },
      actor,
      now,
    });
    expect(first.status === "ok" && first.organisation.slug).toBe("projectbureau-oud");
    const renamed = await store.update({
      slug: "projectbureau-oud",
      expectedVersion: 1,
      patch: { name: "Projectbureau Nieuw", slug: "projectbureau-nieuw" },
      actor,
      now,
    });
    expect(renamed.status).toBe("ok");
    // The old name is free again, its slug is not: it still redirects to the renamed organisation.
    const second = await store.create({
      changes: { name: "Projectbureau Oud", kind: "business", aliases: [] },
      actor,
      now,
    });
    expect(second.status === "ok" && second.organisation.slug).toBe("projectbureau-oud-2");
    expect(await store.currentSlugFor("projectbureau-oud")).toBe("projectbureau-nieuw");
    // Another spelling of a name that is taken is taken too.
    const bySlug = await store.create({
      changes: { name: "Projectbureau-Nieuw", kind: "other", aliases: [] },
      actor,
      now,
    });
    expect(bySlug).toEqual({ status: "invalid", errors: { name: { key: "editing.nameTaken", params: { param: "Projectbureau Nieuw" } } } });
  });

  it("renames without changing the slug, counts versions, and refuses a stale version", async () => {
    const created = await store.create({
      changes: { name: "Werkgroep Oud", kind: "other", aliases: [] },
      actor,
      now,
    });
    if (created.status !== "ok") throw new Error("not created");
    const renamed = await store.update({
      slug: "werkgroep-oud",
      expectedVersion: 1,
      patch: { name: "Werkgroep Nieuw", aliases: ["Werkgroep Oud"] },
      actor,
      now,
    });
    expect(renamed.status === "ok" && renamed.organisation).toMatchObject({
      slug: "werkgroep-oud",
      name: "Werkgroep Nieuw",
      aliases: ["Werkgroep Oud"],
      version: 2,
    });
    expect(renamed.status === "ok" && renamed.changed).toEqual(["name", "aliases"]);
    const stale = await store.update({
      slug: "werkgroep-oud",
      expectedVersion: 1,
      patch: { kind: "business" },
      actor,
      now,
    });
    expect(stale.status).toBe("conflict");
    expect(stale.status === "conflict" && stale.current).toMatchObject({
      name: "Werkgroep Nieuw",
      kind: "other",
      version: 2,
    });
    // Nothing to change is no new version and no history.
    const same = await store.update({
      slug: "werkgroep-oud",
      expectedVersion: 2,
      patch: { name: "Werkgroep Nieuw" },
      actor,
      now,
    });
    expect(same.status === "ok" && same.organisation.version).toBe(2);
    const history = await createHistoryRepository(t.db).forEntity("organisation", created.organisation.id);
    expect(history.map((h) => h.operation)).toEqual(["update", "create"]);
    expect(history[0]!.before).toEqual({ name: "Werkgroep Oud", aliases: [] });
    expect(history[0]!.after).toEqual({ name: "Werkgroep Nieuw", aliases: ["Werkgroep Oud"] });
  });

  it("refuses a rename onto another organisation's name, and changes a slug only when asked, keeping the old one as a redirect", async () => {
    const taken = await store.update({
      slug: "werkgroep-oud",
      expectedVersion: 2,
      patch: { name: "Hogeschool Leiden" },
      actor,
      now,
    });
    expect(taken).toEqual({ status: "invalid", errors: { name: { key: "editing.nameTaken", params: { param: "Hogeschool Leiden" } } } });
    const slugTaken = await store.update({
      slug: "werkgroep-oud",
      expectedVersion: 2,
      patch: { slug: "hogeschool-leiden" },
      actor,
      now,
    });
    expect(slugTaken).toEqual({ status: "invalid", errors: { slug: { key: "editing.slugTaken", params: { param: "hogeschool-leiden" } } } });
    const moved = await store.update({
      slug: "werkgroep-oud",
      expectedVersion: 2,
      patch: { slug: "werkgroep-nieuw" },
      actor,
      now,
    });
    expect(moved.status === "ok" && moved.organisation).toMatchObject({
      slug: "werkgroep-nieuw",
      version: 3,
    });
    expect(await store.snapshot("werkgroep-oud")).toBeUndefined();
    expect(await store.currentSlugFor("werkgroep-oud")).toBe("werkgroep-nieuw");
    // A former slug is not free for another organisation.
    const other = await store.create({
      changes: { name: "Werkgroep-Oud!", kind: "other", aliases: [] },
      actor,
      now,
    });
    expect(other.status).toBe("invalid"); // its name is an alias of the renamed one
    const otherSlug = await store.update({
      slug: "projectbureau-oud-2",
      expectedVersion: 1,
      patch: { slug: "werkgroep-oud" },
      actor,
      now,
    });
    expect(otherSlug).toEqual({ status: "invalid", errors: { slug: { key: "editing.slugTaken", params: { param: "werkgroep-oud" } } } });
    // Taking the old slug back is allowed and ends the redirect.
    const back = await store.update({
      slug: "werkgroep-nieuw",
      expectedVersion: 3,
      patch: { slug: "werkgroep-oud" },
      actor,
      now,
    });
    expect(back.status === "ok" && back.organisation.slug).toBe("werkgroep-oud");
    expect(await store.currentSlugFor("werkgroep-oud")).toBeUndefined();
    expect(await store.currentSlugFor("werkgroep-nieuw")).toBe("werkgroep-oud");
  });

  describe("merging", () => {
    let A: number;
    let B: number;
    let action16: number;
    let meetingBoth: number;
    let meetingA: number;

    beforeAll(async () => {
      // Regiogemeenten (A) into Gemeente Leiden (B). Both lead action 16; A with a qualifier.
      A = await idOf("regiogemeenten");
      B = await idOf("gemeente-leiden");
      const k = t.db.kysely;
      action16 = (
        await k
          .selectFrom("action")
          .select("id")
          .where("programme_id", "=", programmeId)
          .where("number", "=", 16)
          .executeTakeFirstOrThrow()
      ).id;
      // A has a programme role B also has (municipality) and one B has not (co-author).
      await k
        .insertInto("programme_organisation")
        .values([
          { programme_id: programmeId, organisation_id: A, role: "municipality", position: 90 },
          { programme_id: programmeId, organisation_id: A, role: "co-author", position: 91 },
        ])
        .execute();
      // Participation: both on theme 1 (B's stays), only A on theme 2 (moves).
      await k
        .insertInto("theme_participation")
        .values([
          { theme_id: await themeId(1), organisation_id: A, status: "undecided", note: "A over thema 1" },
          {
            theme_id: await themeId(1),
            organisation_id: B,
            status: "not-participating",
            note: "B over thema 1",
          },
          { theme_id: await themeId(2), organisation_id: A, status: "undecided", note: "A over thema 2" },
        ])
        .execute();
      await k
        .insertInto("contact")
        .values({
          name: "Contact A",
          email: "contact-a@example.org",
          organisation_id: A,
          user_id: null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await createUserRepository(t.db).createUser({
        email: "user-a@example.org",
        name: "Gebruiker A",
        organisationId: A,
        passwordHash: null,
        isAdmin: false,
        roles: [],
        actor,
        now,
      });
      const meeting = (title: string) =>
        k
          .insertInto("meeting")
          .values({
            programme_id: programmeId,
            held_on: "2014-01-01",
            title,
            agenda: "",
            minutes: "",
            created_at: now,
            updated_at: now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
      meetingBoth = (await meeting("Met beide")).id;
      meetingA = (await meeting("Alleen A")).id;
      await k
        .insertInto("meeting_attendee")
        .values([
          { meeting_id: meetingBoth, organisation_id: A },
          { meeting_id: meetingBoth, organisation_id: B },
          { meeting_id: meetingA, organisation_id: A },
        ])
        .execute();
    });

    it("refuses to merge an organisation into itself or into one that does not exist", async () => {
      expect(
        await store.merge({ slug: "regiogemeenten", into: "regiogemeenten", expectedVersion: 1, actor, now }),
      ).toEqual({ status: "invalid", errors: { into: { key: "editing.mergeSelf" } } });
      expect(
        await store.merge({ slug: "regiogemeenten", into: "bestaat-niet", expectedVersion: 1, actor, now }),
      ).toEqual({
        status: "invalid",
        errors: { into: { key: "editing.mergeTargetUnknown", params: { param: "bestaat-niet" } } },
      });
      expect(
        await store.merge({ slug: "bestaat-niet", into: "gemeente-leiden", expectedVersion: 1, actor, now }),
      ).toEqual({ status: "not-found" });
      const stale = await store.merge({
        slug: "regiogemeenten",
        into: "gemeente-leiden",
        expectedVersion: 7,
        actor,
        now,
      });
      expect(stale.status).toBe("conflict");
    });

    it("is one transaction: a failure after every reference moved leaves everything as it was", async () => {
      const before = await dump(t.db);
      const refs = await referencesTo(t.db, A);
      await expect(
        store.merge({
          slug: "regiogemeenten",
          into: "gemeente-leiden",
          expectedVersion: 1,
          actor,
          now,
          afterMove: async (trx) => {
            // Everything has moved by now (inside the transaction) ...
            const left = await trx
              .selectFrom("action_organisation")
              .select("action_id")
              .where("organisation_id", "=", A)
              .execute();
            expect(left).toEqual([]);
            throw new Error("injected failure");
          },
        }),
      ).rejects.toThrow("injected failure");
      // ... and none of it stayed.
      expect(await dump(t.db)).toEqual(before);
      expect(await referencesTo(t.db, A)).toEqual(refs);
      expect(refs.action_organisation).toBe(REGIO_ROLES);
    });

    it("moves every reference to the target without duplicates, keeps names as aliases and the old slug as a redirect", async () => {
      const k = t.db.kysely;
      const actions = createActionRepository(t.db);
      const sixteenBefore = await actions.snapshot(programmeId, 16);
      expect(sixteenBefore!.leads).toEqual([
        { organisation: "regiogemeenten", qualifier: "onder leiding van gemeente Leiden" },
        { organisation: "gemeente-leiden", qualifier: null },
      ]);
      const affected = await k
        .selectFrom("action_organisation")
        .select("action_id")
        .distinct()
        .where("organisation_id", "=", A)
        .execute();
      const versionsBefore = await k
        .selectFrom("action")
        .select(["id", "version"])
        .where(
          "id",
          "in",
          affected.map((a) => a.action_id),
        )
        .execute();
      const theme1 = await themeId(1);
      const themeVersion = (
        await k.selectFrom("theme").select("version").where("id", "=", theme1).executeTakeFirstOrThrow()
      ).version;

      const result = await store.merge({
        slug: "regiogemeenten",
        into: "gemeente-leiden",
        expectedVersion: 1,
        expectedIntoVersion: 1,
        actor,
        now,
      });
      expect(result.status).toBe("ok");
      if (result.status !== "ok") return;
      expect(result.moved).toMatchObject({
        actionRoles: REGIO_ROLES,
        programmeRoles: 2,
        participation: 2,
        contacts: 1,
        users: 1,
        meetings: 2,
      });
      expect(result.into).toMatchObject({ slug: "gemeente-leiden", name: "Gemeente Leiden", version: 2 });
      expect(result.into.aliases).toEqual(expect.arrayContaining(["Regiogemeenten"]));

      // Nothing refers to A any more; A is gone.
      expect(await referencesTo(t.db, A)).toEqual({
        action_organisation: 0,
        programme_organisation: 0,
        theme_participation: 0,
        contact: 0,
        user_account: 0,
        meeting_attendee: 0,
        organisation_alias: 0,
      });
      expect(
        await k.selectFrom("organisation").select("id").where("id", "=", A).executeTakeFirst(),
      ).toBeUndefined();

      // Action 16: one lead Gemeente Leiden, with the qualifier the merged lead had.
      const sixteen = await actions.snapshot(programmeId, 16);
      expect(sixteen!.leads).toEqual([
        { organisation: "gemeente-leiden", qualifier: "onder leiding van gemeente Leiden" },
      ]);
      expect(sixteen!.version).toBe(sixteenBefore!.version + 1);
      const history16 = await createHistoryRepository(t.db).forEntity("action", action16);
      expect(history16[0]).toMatchObject({
        operation: "update",
        before: { leads: sixteenBefore!.leads },
        after: { leads: sixteen!.leads },
      });
      // Every affected action has a new version.
      const versionsAfter = await k
        .selectFrom("action")
        .select(["id", "version"])
        .where(
          "id",
          "in",
          versionsBefore.map((v) => v.id),
        )
        .execute();
      for (const v of versionsBefore)
        expect(versionsAfter.find((a) => a.id === v.id)!.version).toBe(v.version + 1);

      // Programme roles: municipality once (B's), co-author moved.
      const roles = await k
        .selectFrom("programme_organisation")
        .select(["role", "position"])
        .where("programme_id", "=", programmeId)
        .where("organisation_id", "=", B)
        .orderBy("role")
        .execute();
      expect(roles).toEqual([
        { role: "co-author", position: 91 },
        { role: "municipality", position: 0 },
      ]);
      // Participation: B's own statement stays on theme 1, A's moved on theme 2; theme 1 has a new version.
      const part = await k
        .selectFrom("theme_participation")
        .select(["theme_id", "note"])
        .where("organisation_id", "=", B)
        .orderBy("theme_id")
        .execute();
      expect(part).toEqual([
        { theme_id: theme1, note: "B over thema 1" },
        { theme_id: await themeId(2), note: "A over thema 2" },
      ]);
      expect(
        (await k.selectFrom("theme").select("version").where("id", "=", theme1).executeTakeFirstOrThrow())
          .version,
      ).toBe(themeVersion + 1);
      // People and meetings.
      expect(
        (
          await k
            .selectFrom("contact")
            .select("organisation_id")
            .where("email", "=", "contact-a@example.org")
            .executeTakeFirstOrThrow()
        ).organisation_id,
      ).toBe(B);
      expect(
        (
          await k
            .selectFrom("user_account")
            .select("organisation_id")
            .where("email", "=", "user-a@example.org")
            .executeTakeFirstOrThrow()
        ).organisation_id,
      ).toBe(B);
      const attendees = await k
        .selectFrom("meeting_attendee")
        .select(["meeting_id", "organisation_id"])
        .where("meeting_id", "in", [meetingBoth, meetingA])
        .orderBy("meeting_id")
        .execute();
      expect(attendees).toEqual([
        { meeting_id: meetingBoth, organisation_id: B },
        { meeting_id: meetingA, organisation_id: B },
      ]);

      // The old name finds the target; the old slug redirects to it.
      const lookup = await createOrganisationRepository(t.db).lookup();
      expect(lookup.resolve("Regiogemeenten")).toBe("gemeente-leiden");
      expect(await store.currentSlugFor("regiogemeenten")).toBe("gemeente-leiden");

      // History: a merge on B, a removal of A.
      const history = createHistoryRepository(t.db);
      const onB = await history.forEntity("organisation", B);
      expect(onB[0]).toMatchObject({
        operation: "merge",
        after: { mergedFrom: "Regiogemeenten (regiogemeenten)" },
      });
      const onA = await history.forEntity("organisation", A);
      expect(onA[0]).toMatchObject({
        operation: "delete",
        before: { slug: "regiogemeenten", name: "Regiogemeenten" },
        after: { mergedInto: "gemeente-leiden" },
      });
    });

    it("lets the document be imported again after a merge: its old slug and name find the organisation that remains", async () => {
      const count = (await store.choices()).length;
      await importProgrammeDocument(t.db, doc, { isDefault: true });
      expect((await store.choices()).length).toBe(count);
      expect(await store.snapshot("regiogemeenten")).toBeUndefined();
      const sixteen = await createActionRepository(t.db).snapshot(programmeId, 16);
      expect(sixteen!.leads).toEqual([{ organisation: "gemeente-leiden", qualifier: "onder leiding van gemeente Leiden" }]);
      // Importing the same document once more changes nothing.
      const again = await importProgrammeDocument(t.db, doc, { isDefault: true });
      expect(again.actions.updated).toBe(0);
      expect(again.organisations.created).toBe(0);
    });

    it("follows chains of former slugs: a slug merged away twice still finds the last target", async () => {
      const created = await store.create({
        changes: { name: "Leiden Samen", kind: "other", aliases: [] },
        actor,
        now,
      });
      if (created.status !== "ok") throw new Error("not created");
      const gemeente = await store.snapshot("gemeente-leiden");
      const result = await store.merge({
        slug: "gemeente-leiden",
        into: "leiden-samen",
        expectedVersion: gemeente!.version,
        actor,
        now,
      });
      expect(result.status).toBe("ok");
      expect(await store.currentSlugFor("regiogemeenten")).toBe("leiden-samen");
      expect(await store.currentSlugFor("gemeente-leiden")).toBe("leiden-samen");
    });
  });
});
