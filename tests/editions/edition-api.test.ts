import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionLineageBody, EditionComparisonBody } from "../../app/api/editions/schema";
import type { ActionChoice } from "../../app/domain/editions/edition-plan";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG, defaultProgrammeDocument } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";

const doc = defaultProgrammeDocument();
const NEW_SLUG = "kennis-en-werk-071-2016-2017";
const actor = { userId: null, label: "Test" };
const now = "2026-12-01T10:00:00.000Z";
const today = "2026-12-01";

/** What the old edition answers; the programme's `isDefault` is left out, since adoption moves the default. */
const OLD_ANSWERS = [
  `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`,
  `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions?limit=100`,
  `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/9`,
  `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/13`,
  `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/themes/1`,
  `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions.csv`,
];

describe.each(testDialects())("editions API (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const json = async <T>(path: string) => (await (await server.get(path)).json()) as T;

  const capture = async () => {
    const out: string[] = [];
    for (const path of OLD_ANSWERS) {
      const res = await server.get(path);
      expect(res.status, path).toBe(200);
      out.push((await res.text()).replace(/"isDefault":(true|false),/, ""));
    }
    return out;
  };

  it("answers the lineage both ways and the differences, and leaves the old edition's answers as they were", async () => {
    const before = await capture();
    const services = server.server.services;
    const programmeId = (await services.programmes.get(DEFAULT_PROGRAMME_SLUG))!.id;
    const rows = await services.db.kysely.selectFrom("action").select(["id", "number"]).where("programme_id", "=", programmeId).execute();
    const ids = Object.fromEntries(rows.map((a) => [a.number, a.id]));
    const actions: Record<number, ActionChoice> = {
      [ids[13]!]: { kind: "dropped", reason: "Afgerond." },
      [ids[20]!]: { kind: "merged", into: ids[21]! },
      [ids[9]!]: { kind: "continued", number: 70 },
    };
    const created = await services.editions.createEdition({
      fromSlug: doc.slug,
      choices: { slug: NEW_SLUG, title: "Kennis & Werk #071 2016-2017", period: { start: 2016, end: 2017 }, actions, added: [], themeTitles: {} },
      actor,
      now,
      today,
    });
    expect(created.status).toBe("ok");
    expect((await services.editions.adopt({ slug: NEW_SLUG, decidedOn: today, actor, now, today })).status).toBe("ok");

    const old9 = await json<ActionLineageBody>(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/9/lineage`);
    expect(old9).toEqual({
      from: [],
      to: [{ number: 70, title: doc.actions[8]!.title, programme: NEW_SLUG, period: { start: 2016, end: 2017 }, kind: "continued", reason: null }],
    });
    const new70 = await json<ActionLineageBody>(`/api/v1/programmes/${NEW_SLUG}/actions/70/lineage`);
    expect(new70.from).toEqual([
      { number: 9, title: doc.actions[8]!.title, programme: DEFAULT_PROGRAMME_SLUG, period: { start: 2013, end: 2015 }, kind: "continued", reason: null },
    ]);
    const old13 = await json<ActionLineageBody>(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/13/lineage`);
    expect(old13.to).toEqual([{ number: null, title: null, programme: NEW_SLUG, period: { start: 2016, end: 2017 }, kind: "dropped", reason: "Afgerond." }]);

    const res = await server.get(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/compare/${NEW_SLUG}`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as EditionComparisonBody;
    expect(diff).toMatchObject({
      before: DEFAULT_PROGRAMME_SLUG,
      after: NEW_SLUG,
      added: [],
      dropped: [{ number: 13, reason: "Afgerond." }],
      merged: [{ number: 20, into: 21 }],
      split: [],
      renumbered: [{ from: 9, to: 70 }],
      changed: [],
      themesRenamed: [],
    });
    expect((await server.get(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/compare/onbekend`)).status).toBe(404);
    expect((await server.get(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/0/lineage`)).status).toBe(400);

    // The new edition is now what the list shows first.
    const list = await json<{ data: { slug: string }[] }>("/api/v1/programmes");
    expect(list.data[0]!.slug).toBe(NEW_SLUG);
    expect(await capture()).toEqual(before);
  });
});
