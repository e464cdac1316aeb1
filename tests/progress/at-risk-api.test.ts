import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_CSV_HEADERS } from "../../app/presenters/action";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG } from "../support/default-programme";
import { validate } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";

const API = `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`;

type Risk = { number: number; reason: string }[];

/** Cells of a `;`-separated CSV with quoted cells (the export's own format, without its BOM). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe.each(testDialects())("actions at risk through a dependency in the open data (%s)", (dialect) => {
  let app: TestServer;
  let programmeId: number;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    programmeId = (await app.server.services.programmes.get(DEFAULT_PROGRAMME_SLUG))!.id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const json = async (path: string) => {
    const res = await app.get(`${API}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  /** Every action's atRiskThrough from the list, keeping only those that have one. */
  const flagged = async (): Promise<Record<number, Risk>> => {
    const list = (await json("/actions?limit=500")) as { data: { number: number; atRiskThrough: Risk }[] };
    expect(list.data).toHaveLength(62);
    expect(validate("ActionList", list)).toEqual([]);
    return Object.fromEntries(
      list.data.filter((a) => a.atRiskThrough.length > 0).map((a) => [a.number, a.atRiskThrough]),
    );
  };
  const csvColumn = async (): Promise<Record<number, string>> => {
    const res = await app.get(`${API}/actions.csv`);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([...ACTION_CSV_HEADERS]);
    const number = ACTION_CSV_HEADERS.indexOf("number");
    const risk = ACTION_CSV_HEADERS.indexOf("atRiskThrough");
    return Object.fromEntries(
      rows
        .slice(1)
        .filter((r) => r[risk] !== "")
        .map((r) => [Number(r[number]), r[risk]!]),
    );
  };
  const submit = async (number: number, status: "delayed" | "stopped" | "on-track", period: string) => {
    const action = (await app.server.services.actions.get(programmeId, number))!;
    const result = await app.server.services.progressUpdates.submit({
      programmeId,
      action: { id: action.id, number, title: action.title },
      period,
      values: { status, percent: null, narrative: "", narrativePublic: false, milestonesReached: [] },
      expectedVersion: null,
      author: { userId: null, contactId: null, label: "Test" },
      now: new Date().toISOString(),
      today: "2014-07-01",
    });
    expect(result.status).toBe("ok");
  };

  it("is empty for every action while nothing blocks", async () => {
    expect(await flagged()).toEqual({});
    expect((await json("/actions/11")).atRiskThrough).toEqual([]);
    expect(await csvColumn()).toEqual({});
  });

  it("delaying action 10 puts 11 and 12 at risk through it; dropping 20 (category 4) puts 21 to 27 at risk; in the list, the action, the CSV, and the documented shape", async () => {
    await submit(10, "delayed", "2014-H1");
    // The document: "Actie 10 is randvoorwaarde voor 11 en 12".
    const delayed = [{ number: 10, reason: "delayed" }];
    expect(await flagged()).toEqual({ 11: delayed, 12: delayed });
    const eleven = await json("/actions/11");
    expect(eleven.atRiskThrough).toEqual(delayed);
    expect(validate("ActionDetail", eleven)).toEqual([]);
    // The action that blocks is not at risk itself; the flags are the current state, also with asOf.
    expect((await json("/actions/10")).atRiskThrough).toEqual([]);
    expect((await json("/actions/12?asOf=2013-07-18")).atRiskThrough).toEqual(delayed);

    // "N.a.v. actie 20 wordt uitvoering gegeven aan acties 21 t/m 27"; the steering group drops 20.
    await app.server.services.db.kysely
      .updateTable("action")
      .set({ category: 4 })
      .where("programme_id", "=", programmeId)
      .where("number", "=", 20)
      .execute();
    const dropped = [{ number: 20, reason: "dropped" }];
    expect(await flagged()).toEqual({
      11: delayed,
      12: delayed,
      21: dropped,
      22: dropped,
      23: dropped,
      24: dropped,
      25: dropped,
      26: dropped,
      27: dropped,
    });
    expect(await csvColumn()).toEqual({
      11: "10",
      12: "10",
      21: "20",
      22: "20",
      23: "20",
      24: "20",
      25: "20",
      26: "20",
      27: "20",
    });

    // A newer update that says "stopped" is the latest: the reason follows it; back on track lifts the flags.
    await submit(10, "stopped", "2014-H2");
    expect((await json("/actions/12")).atRiskThrough).toEqual([{ number: 10, reason: "stopped" }]);
    await submit(10, "on-track", "2015-H1");
    const after = await flagged();
    expect(Object.keys(after).map(Number)).toEqual([21, 22, 23, 24, 25, 26, 27]);
  });
});
