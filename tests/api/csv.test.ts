import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/db/database";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import type { Action } from "../../app/domain/programmes/types";
import { ACTION_CSV_HEADERS, actionsToCsv } from "../../app/presenters/action";
import { csvCell, toCsv } from "../../app/presenters/csv";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG, defaultProgrammeDocument } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";

const BOM = "\uFEFF";

/** Reads `;`-separated CSV with RFC 4180 quoting; rows end with CRLF. Throws on a bare LF or CR outside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === '"') throw new Error(`a quote inside an unquoted cell at ${i}`);
    else if (ch === ";") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else if (ch === "\r" || ch === "\n") throw new Error(`a bare line break outside quotes at ${i}`);
    else cell += ch;
  }
  if (quoted) throw new Error("an unterminated quoted cell");
  if (cell !== "" || row.length > 0) throw new Error("the last row does not end with CRLF");
  return rows;
}

describe("csvCell and toCsv", () => {
  it("writes plain values as they are", () => {
    expect(csvCell("Gemeente Leiden")).toBe("Gemeente Leiden");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe("");
    expect(csvCell("één & café")).toBe("één & café");
  });

  it("quotes cells with a separator, a quote or a line break, doubling quotes", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('zeg "ja"')).toBe('"zeg ""ja"""');
    expect(csvCell("regel 1\nregel 2")).toBe('"regel 1\nregel 2"');
    expect(csvCell("regel 1\r\nregel 2")).toBe('"regel 1\r\nregel 2"');
    expect(csvCell("a,b")).toBe("a,b");
  });

  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("http://x";"klik")', `"'=HYPERLINK(""http://x"";""klik"")"`],
    ["+31 71 516 5000", "'+31 71 516 5000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tverborgen", "'\tverborgen"],
    ["\r=1+1", '"\'\r=1+1"'],
  ])("neutralises a formula start: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves numbers alone and only looks at the first character", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("1 = 1")).toBe("1 = 1");
    expect(csvCell("e-mail @ werk")).toBe("e-mail @ werk");
  });

  it("writes a BOM, `;` between cells and CRLF after every row", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["x", 1],
        [null, "y;z"],
      ],
    );
    expect(csv).toBe(`${BOM}a;b\r\nx;1\r\n;"y;z"\r\n`);
    expect(parseCsv(csv.slice(1))).toEqual([
      ["a", "b"],
      ["x", "1"],
      ["", "y;z"],
    ]);
  });

  it("writes actions with the JSON field names and lists joined by ' | '", () => {
    const action: Action = {
      id: 1,
      number: 7,
      title: "=Titel",
      description: "Eén; twee",
      notes: ["n1", "n2"],
      theme: { number: 1, title: "Thema" },
      intention: { code: "1.3", text: "Voornemen" },
      group: null,
      leads: [{ slug: "a", name: "A", kind: "other", qualifier: "tot eind 2013" }],
      partners: [
        { slug: "b", name: "B", kind: "business", qualifier: null },
        { slug: "c", name: "C", kind: "business", qualifier: null },
      ],
      toInvolve: [],
      leadUnknown: false,
      intendedResults: ["r"],
      planningText: "Kickoff\nUitvoering 2014-2015",
      planningYears: [2014, 2015],
      category: 2,
      categoryNote: null,
      links: [
        { type: "related", target: { action: 17, title: null }, source: null },
        { type: "related", target: { theme: 5, title: null }, source: null },
      ],
      linkedFrom: [{ type: "enables", source: { action: 3, title: "x" } }],
      updatedAt: "2026-01-01T00:00:00.000Z",
      version: 1,
    };
    const rows = parseCsv(
      actionsToCsv(
        [action],
        [{ code: 2, colour: "green", label: "L", description: "D" }],
        new Map([
          [
            7,
            [
              { through: 3, reason: "delayed" as const, via: [] },
              { through: 5, reason: "dropped" as const, via: [4] },
            ],
          ],
        ]),
      ).slice(1),
    );
    expect(rows[0]).toEqual([...ACTION_CSV_HEADERS]);
    expect(Object.fromEntries(ACTION_CSV_HEADERS.map((h, i) => [h, rows[1]![i]]))).toEqual({
      number: "7",
      title: "'=Titel",
      description: "Eén; twee",
      notes: "n1 | n2",
      theme: "1",
      intention: "1.3",
      group: "",
      leads: "A (tot eind 2013)",
      partners: "B | C",
      toInvolve: "",
      leadUnknown: "false",
      intendedResults: "r",
      planningText: "Kickoff\nUitvoering 2014-2015",
      category: "2",
      categoryNote: "",
      links: "related:action 17 | related:theme 5",
      linkedFrom: "enables:action 3",
      atRiskThrough: "3 | 5",
    });
  });
});

describe.each(testDialects())("actions.csv (%s)", (dialect) => {
  let server: TestServer;
  const doc = defaultProgrammeDocument();
  const base = `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function csv(path: string): Promise<{ res: Response; bytes: Uint8Array; rows: string[][] }> {
    const res = await server.get(path);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    return { res, bytes, rows: res.status === 200 ? parseCsv(text.slice(1)) : [] };
  }

  it("is UTF-8 with a BOM, `;`-separated, CRLF, sent as a download", async () => {
    const { res, bytes, rows } = await csv(`${base}/actions.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="${DEFAULT_PROGRAMME_SLUG}-actions.csv"`,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")[0]).toBe(ACTION_CSV_HEADERS.join(";"));
    // All 62 actions (the CSV's default limit is 500), every row as wide as the header.
    expect(rows).toHaveLength(63);
    expect(rows.every((r) => r.length === ACTION_CSV_HEADERS.length)).toBe(true);
  });

  it("uses the JSON field names as headers, in the JSON's order", async () => {
    const { rows } = await csv(`${base}/actions.csv`);
    const json = (await (await server.get(`${base}/actions/1`)).json()) as Record<string, unknown>;
    const jsonFields = Object.keys(json);
    expect(rows[0]).toEqual([...ACTION_CSV_HEADERS]);
    for (const header of rows[0]!) expect(jsonFields, header).toContain(header);
    const positions = rows[0]!.map((h) => jsonFields.indexOf(h));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("holds the same values as the JSON list", async () => {
    const { rows } = await csv(`${base}/actions.csv`);
    const col = (name: string) => ACTION_CSV_HEADERS.indexOf(name as (typeof ACTION_CSV_HEADERS)[number]);
    const organisations = new Map(doc.organisations.map((o) => [o.slug, o.name]));
    const names = (refs: (typeof doc.actions)[number]["leads"]) =>
      refs
        .map((r) =>
          r.qualifier
            ? `${organisations.get(r.organisation)} (${r.qualifier})`
            : organisations.get(r.organisation),
        )
        .join(" | ");
    for (const [i, a] of doc.actions.entries()) {
      const row = rows[i + 1]!;
      expect(row[col("number")]).toBe(String(a.number));
      expect(row[col("title")]).toBe(a.title);
      expect(row[col("description")]).toBe(a.description);
      expect(row[col("notes")]).toBe(a.notes.join(" | "));
      expect(row[col("theme")]).toBe(a.themeNumber === null ? "" : String(a.themeNumber));
      expect(row[col("intention")]).toBe(a.intentionCode ?? "");
      expect(row[col("group")]).toBe(a.group ?? "");
      expect(row[col("leads")], `leads of ${a.number}`).toBe(names(a.leads));
      expect(row[col("partners")]).toBe(names(a.partners));
      expect(row[col("toInvolve")]).toBe(names(a.toInvolve));
      expect(row[col("leadUnknown")]).toBe(String(a.leadUnknown));
      expect(row[col("planningText")]).toBe(a.planningText);
      expect(row[col("category")]).toBe(a.category === null ? "" : String(a.category));
      expect(row[col("categoryNote")]).toBe(a.categoryNote ?? "");
    }
    expect(rows[10]![col("links")]).toBe("prerequisiteFor:action 11 | prerequisiteFor:action 12");
    expect(rows[11]![col("linkedFrom")]).toBe("prerequisiteFor:action 10");
    expect(rows[2]![col("links")]).toBe("related:theme 5");
  });

  it("quotes cells with `;`, quotes or line breaks", async () => {
    const text = new TextDecoder().decode(
      new Uint8Array(await (await server.get(`${base}/actions.csv?limit=50&offset=49`)).arrayBuffer()),
    );
    // Action 50's planning "Najaar 2013; 1e opzet in PvA" holds the separator.
    expect(text).toContain(';"Najaar 2013; 1e opzet in PvA";');
    // Action 7's planning runs over two lines.
    const a7 = new TextDecoder().decode(
      new Uint8Array(await (await server.get(`${base}/actions.csv?limit=1&offset=6`)).arrayBuffer()),
    );
    expect(a7).toContain('"Kickoff 4 november 2013\nUitvoering 2014-2015"');
  });

  it("takes the same filters and paging as the JSON list", async () => {
    const { rows } = await csv(`${base}/actions.csv?theme=2&category=2&category=3`);
    const expected = doc.actions
      .filter((a) => a.themeNumber === 2 && (a.category === 2 || a.category === 3))
      .map((a) => String(a.number));
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    const paged = await csv(`${base}/actions.csv?limit=3&offset=3`);
    expect(paged.rows.slice(1).map((r) => r[0])).toEqual(["4", "5", "6"]);
    const none = await csv(`${base}/actions.csv?q=xylofoonconcert`);
    expect(none.rows).toEqual([[...ACTION_CSV_HEADERS]]);
  });

  it("answers a bad filter with a problem, not a CSV", async () => {
    for (const query of ["year=abc", "limit=501", "theme=99"]) {
      const res = await server.get(`${base}/actions.csv?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    expect((await server.get("/api/v1/programmes/no-such-programme/actions.csv")).status).toBe(404);
  });

  it("neutralises cells that a spreadsheet would run as a formula", async () => {
    // A second programme whose texts start with formula characters, written into the server's database.
    const evil = defaultProgrammeDocument();
    evil.slug = "formule-proef";
    const starts = [
      '=HYPERLINK("http://example.org";"klik")',
      "+31 71 000 0000",
      "-1+2",
      "@SUM(A1:A9)",
      "\tverborgen",
      "\r=1+1",
    ];
    starts.forEach((title, i) => (evil.actions[i]!.title = title));
    evil.actions[0]!.notes = ["=cmd|' /C calc'!A0"];
    evil.actions[1]!.planningText = "-2014";
    const db = openDatabase(server.database.url);
    try {
      await importProgrammeDocument(db, evil);
    } finally {
      await db.close();
    }
    const { rows } = await csv("/api/v1/programmes/formule-proef/actions.csv?limit=6");
    const title = ACTION_CSV_HEADERS.indexOf("title");
    expect(rows.slice(1).map((r) => r[title])).toEqual(starts.map((s) => `'${s}`));
    expect(rows[1]![ACTION_CSV_HEADERS.indexOf("notes")]).toBe("'=cmd|' /C calc'!A0");
    expect(rows[2]![ACTION_CSV_HEADERS.indexOf("planningText")]).toBe("'-2014");
    // The JSON keeps the text as it is.
    const json = (await (await server.get("/api/v1/programmes/formule-proef/actions/1")).json()) as {
      title: string;
    };
    expect(json.title).toBe(starts[0]);
  });
});
