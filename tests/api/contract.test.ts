import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, editor, type Credentials, type Editor } from "../editing/support";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG } from "../support/default-programme";
import { doc, documentedResponse, validate } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The contract: real answers of every operation the OpenAPI document describes, successes and
 * problems, fit the document (status, media type, headers, body by its JSON Schema). An operation
 * the document gains without an exercised answer here fails the last test.
 */

const P = `/programmes/${DEFAULT_PROGRAMME_SLUG}`;
const PLAN_FIELDS = { aim: "Doel", approach: "Aanpak", deliverables: "Resultaten", milestones: "Mijlpalen", budget: "€ 1", capacity: "0,1 fte", risks: "Geen" };

/** Every documented operation, as "get /programmes/{slug}". */
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));

describe.each(testDialects())("every documented operation answers as documented (%s)", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  /** Per operation, the statuses whose real answers were checked against the document. */
  const exercised = new Map<string, Set<number>>();

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
  });
  afterAll(async () => {
    await app?.stop();
  });

  /**
   * Sends a request for the operation `method template` and checks its answer against the document:
   * the status is the one expected and documented, with the documented media type, headers and body.
   */
  async function check(
    method: string,
    template: string,
    path: string,
    status: number,
    options: { as?: Credentials; ifMatch?: string; json?: unknown; headers?: Record<string, string> } = {},
  ) {
    const res = await api(app, method, path, options);
    const what = `${method} ${path} (${template})`;
    expect(res.status, `${what}: ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
    const documented = documentedResponse(method, template, status);
    expect(documented, `${what}: status ${status} is not documented`).toBeDefined();
    for (const header of Object.keys(documented!.headers ?? {})) expect(res.headers.has(header), `${what}: header ${header}`).toBe(true);
    if (!documented!.content) {
      // A redirect may carry a short note for people; "no content" and "not modified" carry nothing.
      if (status === 204 || status === 304) expect(res.body, `${what}: no body documented`).toBeNull();
    } else {
      const [mediaType, { schema }] = Object.entries(documented!.content)[0]!;
      expect(res.headers.get("content-type"), what).toMatch(new RegExp(`^${mediaType.replace("+", "\\+")}`));
      // (fetch's text() drops the byte-order mark, which tests/api/csv.test.ts checks on the bytes.)
      if (mediaType === "text/csv") expect((res.body as unknown as string).split("\r\n")[0], what).toMatch(/^[a-zA-Z]+(;[a-zA-Z]+)+$/);
      // A workbook is a zip: it starts with the local file header's "PK".
      else if (mediaType.includes("spreadsheetml")) expect((res.body as unknown as string).startsWith("PK"), what).toBe(true);
      else expect(validate(schema, res.body), what).toEqual([]);
    }
    const key = `${method.toLowerCase()} ${template}`;
    exercised.set(key, (exercised.get(key) ?? new Set()).add(status));
    return res;
  }

  it("answers the reads as documented", async () => {
    await check("GET", "/openapi.json", "/openapi.json", 200);
    await check("GET", "/programmes", "/programmes", 200);
    await check("GET", "/programmes", "/programmes?limit=0", 400);
    await check("GET", "/programmes/{slug}", `${P}?asOf=2013-07-18`, 200);
    await check("GET", "/programmes/{slug}", `${P}?asOf=2013-02-30`, 400);
    await check("GET", "/programmes/{slug}", "/programmes/bestaat-niet", 404);
    await check("GET", "/programmes/{slug}/themes/{number}", `${P}/themes/1`, 200);
    await check("GET", "/programmes/{slug}/themes/{number}", `${P}/themes/abc`, 400);
    await check("GET", "/programmes/{slug}/themes/{number}", `${P}/themes/99`, 404);
    await check("GET", "/programmes/{slug}/actions/{number}/lineage", `${P}/actions/9/lineage`, 200);
    await check("GET", "/programmes/{slug}/actions/{number}/lineage", `${P}/actions/abc/lineage`, 400);
    await check("GET", "/programmes/{slug}/actions/{number}/lineage", `${P}/actions/999/lineage`, 404);
    await check("GET", "/programmes/{slug}/compare/{other}", `${P}/compare/${DEFAULT_PROGRAMME_SLUG}`, 200);
    await check("GET", "/programmes/{slug}/compare/{other}", `${P}/compare/bestaat-niet`, 404);
    await check("GET", "/programmes/{slug}/actions", `${P}/actions?limit=500`, 200);
    await check("GET", "/programmes/{slug}/actions", `${P}/actions?q=ondernem&category=2&category=3`, 200);
    await check("GET", "/programmes/{slug}/actions", `${P}/actions?year=abc`, 400);
    await check("GET", "/programmes/{slug}/actions", "/programmes/bestaat-niet/actions", 404);
    await check("GET", "/programmes/{slug}/actions.csv", `${P}/actions.csv`, 200);
    await check("GET", "/programmes/{slug}/actions.csv", `${P}/actions.csv?lead=Bestaat-Niet`, 400);
    await check("GET", "/programmes/{slug}/actions.csv", "/programmes/bestaat-niet/actions.csv", 404);
    await check("GET", "/programmes/{slug}/workbook", `${P}/workbook`, 200);
    await check("GET", "/programmes/{slug}/workbook", "/programmes/bestaat-niet/workbook", 404);
    await check("GET", "/workbook-template", "/workbook-template", 200);
    for (const n of [5, 10, 26, 61]) await check("GET", "/programmes/{slug}/actions/{number}", `${P}/actions/${n}`, 200);
    await check("GET", "/programmes/{slug}/actions/{number}", `${P}/actions/5?asOf=2013-01-01`, 200);
    await check("GET", "/programmes/{slug}/actions/{number}", `${P}/actions/abc`, 400);
    await check("GET", "/programmes/{slug}/actions/{number}", `${P}/actions/999`, 404);
    await check("GET", "/organisations", "/organisations?limit=500", 200);
    await check("GET", "/organisations", "/organisations?kind=bank", 400);
    await check("GET", "/organisations/{slug}", "/organisations/gemeente-leiden", 200);
    await check("GET", "/organisations/{slug}", "/organisations/bestaat-niet", 404);
    const indicators = await check("GET", "/programmes/{slug}/indicators", `${P}/indicators`, 200);
    await check("GET", "/programmes/{slug}/indicators", `${P}/indicators?theme=99`, 400);
    await check("GET", "/programmes/{slug}/indicators", "/programmes/bestaat-niet/indicators", 404);
    await check("GET", "/programmes/{slug}/indicators.csv", `${P}/indicators.csv`, 200);
    await check("GET", "/programmes/{slug}/indicators.csv", `${P}/indicators.csv?theme=x`, 400);
    await check("GET", "/programmes/{slug}/indicators.csv", "/programmes/bestaat-niet/indicators.csv", 404);
    const indicator = (indicators.body as unknown as { data: { id: string }[] }).data[0]!.id;
    await check("GET", "/programmes/{slug}/indicators/{id}", `${P}/indicators/${indicator}`, 200);
    await check("GET", "/programmes/{slug}/indicators/{id}", `${P}/indicators/Geen_Id`, 400);
    await check("GET", "/programmes/{slug}/indicators/{id}", `${P}/indicators/bestaat-niet`, 404);
    await check("GET", "/programmes/{slug}/indicators/{id}.csv", `${P}/indicators/${indicator}.csv`, 200);
    await check("GET", "/programmes/{slug}/indicators/{id}.csv", `${P}/indicators/bestaat-niet.csv`, 404);
    await check("GET", "/programmes/{slug}/actions/{number}/progress", `${P}/actions/10/progress`, 200);
    await check("GET", "/programmes/{slug}/actions/{number}/progress", `${P}/actions/abc/progress`, 400);
    await check("GET", "/programmes/{slug}/actions/{number}/progress", `${P}/actions/999/progress`, 404);
    await check("GET", "/programmes/{slug}/decisions", `${P}/decisions`, 200);
    await check("GET", "/programmes/{slug}/decisions", `${P}/decisions?limit=x`, 400);
    await check("GET", "/programmes/{slug}/decisions", "/programmes/bestaat-niet/decisions", 404);
    await check("GET", "/programmes/{slug}/decisions/{id}", `${P}/decisions/2`, 200);
    await check("GET", "/programmes/{slug}/decisions/{id}", `${P}/decisions/abc`, 400);
    await check("GET", "/programmes/{slug}/decisions/{id}", `${P}/decisions/99999`, 404);
  });

  it("answers the writes of the register as documented", async () => {
    const token: Credentials = { bearer: pm };
    const cookie: Credentials = { cookie: pm };
    const etag = async (path: string) => (await api(app, "GET", path)).headers.get("etag")!;

    await check("PATCH", "/programmes/{slug}", P, 401, { json: { adoptedBy: "De colleges" } });
    await check("PATCH", "/programmes/{slug}", P, 428, { as: token, json: { adoptedBy: "De colleges" } });
    await check("PATCH", "/programmes/{slug}", P, 200, { as: token, ifMatch: await etag(P), json: { adoptedBy: "De colleges" } });

    await check("PATCH", "/programmes/{slug}/themes/{number}", `${P}/themes/1`, 412, { as: cookie, ifMatch: '"theme-0-v0"', json: {} });
    await check("PATCH", "/programmes/{slug}/themes/{number}", `${P}/themes/1`, 200, {
      as: cookie,
      ifMatch: await etag(`${P}/themes/1`),
      json: { intentionsIntro: "Drie voornemens:" },
    });

    await check("POST", "/programmes/{slug}/actions", `${P}/actions`, 401, { json: { title: "Nieuw" } });
    await check("POST", "/programmes/{slug}/actions", `${P}/actions`, 400, { as: token, json: { title: "Nieuw", intentionCode: "9.9" } });
    await check("POST", "/programmes/{slug}/actions", `${P}/actions`, 201, { as: token, json: { title: "Nieuwe actie", intentionCode: "1.1" } });

    await check("PATCH", "/programmes/{slug}/actions/{number}", `${P}/actions/20`, 400, {
      as: token,
      ifMatch: await etag(`${P}/actions/20`),
      json: { title: 5 },
    });
    await check("PATCH", "/programmes/{slug}/actions/{number}", `${P}/actions/20`, 200, {
      as: token,
      ifMatch: await etag(`${P}/actions/20`),
      json: { planningText: "2014" },
    });

    await check("POST", "/organisations", "/organisations", 403, { as: { cookie: pm, csrf: false }, json: { name: "Contract Bron", kind: "other" } });
    await check("POST", "/organisations", "/organisations", 201, { as: token, json: { name: "Contract Bron", kind: "other" } });
    await check("POST", "/organisations", "/organisations", 201, { as: token, json: { name: "Contract Doel", kind: "other" } });
    await check("PATCH", "/organisations/{slug}", "/organisations/bestaat-niet", 404, { as: token, ifMatch: "*", json: {} });
    await check("PATCH", "/organisations/{slug}", "/organisations/contract-bron", 200, {
      as: token,
      ifMatch: await etag("/organisations/contract-bron"),
      json: { aliases: ["Bron van het contract"] },
    });
    const source = await etag("/organisations/contract-bron");
    await check("POST", "/organisations/{slug}/merge", "/organisations/contract-bron/merge", 400, { as: token, ifMatch: source, json: { into: "contract-bron" } });
    await check("POST", "/organisations/{slug}/merge", "/organisations/contract-bron/merge", 200, { as: token, ifMatch: source, json: { into: "contract-doel" } });
    await check("GET", "/organisations/{slug}", "/organisations/contract-bron", 301);
  });

  it("answers the plan of approach's reads and writes as documented", async () => {
    const token: Credentials = { bearer: pm };
    const plan = `${P}/actions/26/plan`;
    const first = await check("GET", "/programmes/{slug}/actions/{number}/plan", plan, 200);
    await check("GET", "/programmes/{slug}/actions/{number}/plan", plan, 304, {
      // (fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, which forces a full answer.)
      headers: { "if-none-match": first.headers.get("etag")!, "cache-control": "max-age=0" },
    });
    await check("GET", "/programmes/{slug}/actions/{number}/plan", `${P}/actions/abc/plan`, 400);
    await check("GET", "/programmes/{slug}/actions/{number}/plan", `${P}/actions/999/plan`, 404);

    await check("PUT", "/programmes/{slug}/actions/{number}/plan", plan, 401, { json: PLAN_FIELDS });
    let res = await check("PUT", "/programmes/{slug}/actions/{number}/plan", plan, 201, { as: token, json: PLAN_FIELDS });
    res = await check("PUT", "/programmes/{slug}/actions/{number}/plan", plan, 200, { as: token, ifMatch: res.headers.get("etag")!, json: { ...PLAN_FIELDS, aim: "Beter doel" } });
    await check("POST", "/programmes/{slug}/actions/{number}/plan/approve", `${plan}/approve`, 409, { as: token, ifMatch: res.headers.get("etag")! });
    res = await check("POST", "/programmes/{slug}/actions/{number}/plan/submit", `${plan}/submit`, 200, { as: token, ifMatch: res.headers.get("etag")! });
    await check("POST", "/programmes/{slug}/actions/{number}/plan/submit", `${plan}/submit`, 409, { as: token, ifMatch: res.headers.get("etag")! });
    res = await check("POST", "/programmes/{slug}/actions/{number}/plan/approve", `${plan}/approve`, 200, { as: token, ifMatch: res.headers.get("etag")! });

    // A second version, returned: first without the reason it needs.
    res = await check("PUT", "/programmes/{slug}/actions/{number}/plan", plan, 200, { as: token, ifMatch: res.headers.get("etag")!, json: PLAN_FIELDS });
    res = await check("POST", "/programmes/{slug}/actions/{number}/plan/submit", `${plan}/submit`, 200, { as: token, ifMatch: res.headers.get("etag")! });
    await check("POST", "/programmes/{slug}/actions/{number}/plan/return", `${plan}/return`, 400, { as: token, ifMatch: res.headers.get("etag")!, json: {} });
    await check("POST", "/programmes/{slug}/actions/{number}/plan/return", `${plan}/return`, 200, {
      as: token,
      ifMatch: res.headers.get("etag")!,
      json: { note: "Graag een scherper doel." },
    });
  });

  it("answers the decisions' writes as documented", async () => {
    const token: Credentials = { bearer: pm };
    const decisions = `${P}/decisions`;
    const decision = { decidedOn: "2014-06-30", kind: "general", title: "Contractbesluit" };
    await check("POST", "/programmes/{slug}/decisions", decisions, 401, { json: decision });
    await check("POST", "/programmes/{slug}/decisions", decisions, 400, { as: token, json: { ...decision, kind: "geen" } });
    const recorded = await check("POST", "/programmes/{slug}/decisions", decisions, 201, { as: token, json: decision });
    const one = `${decisions}/${(recorded.body as { id: number }).id}`;
    await check("PUT", "/programmes/{slug}/decisions/{id}", one, 428, { as: token, json: decision });
    const corrected = await check("PUT", "/programmes/{slug}/decisions/{id}", one, 200, {
      as: token,
      ifMatch: recorded.headers.get("etag")!,
      json: { ...decision, title: "Contractbesluit, verbeterd" },
    });
    await check("DELETE", "/programmes/{slug}/decisions/{id}", one, 401);
    await check("DELETE", "/programmes/{slug}/decisions/{id}", one, 204, { as: token, ifMatch: corrected.headers.get("etag")! });
  });

  it("answers the annual report's reads as documented", async () => {
    const token: Credentials = { bearer: pm };
    await check("GET", "/programmes/{slug}/reports/{year}", `${P}/reports/2014`, 200, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}", `${P}/reports/2014`, 401);
    await check("GET", "/programmes/{slug}/reports/{year}", `${P}/reports/abcd`, 400, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}", `${P}/reports/2099`, 404, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}.docx", `${P}/reports/2014.docx`, 200, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}.docx", `${P}/reports/2014.docx`, 401);
    await check("GET", "/programmes/{slug}/reports/{year}.pdf", `${P}/reports/2014.pdf`, 200, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}.pdf", `${P}/reports/2013.pdf`, 401);
  }, 180_000);

  it("answers the annual programme's reads as documented", async () => {
    const token: Credentials = { bearer: pm };
    await check("GET", "/programmes/{slug}/reports/{year}/programme", `${P}/reports/2015/programme`, 200, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}/programme", `${P}/reports/2015/programme`, 401);
    await check("GET", "/programmes/{slug}/reports/{year}/programme", `${P}/reports/2099/programme`, 404, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}/programme.docx", `${P}/reports/2015/programme.docx`, 200, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}/programme.docx", `${P}/reports/2015/programme.docx`, 401);
    await check("GET", "/programmes/{slug}/reports/{year}/programme.pdf", `${P}/reports/2015/programme.pdf`, 200, { as: token });
    await check("GET", "/programmes/{slug}/reports/{year}/programme.pdf", `${P}/reports/2015/programme.pdf`, 401);
  }, 180_000);
  it("answers the budget's reads as documented", async () => {
    for (const name of ["sources", "allocations", "spending", "capacity"]) {
      await check("GET", `/programmes/{slug}/budget/${name}`, `${P}/budget/${name}?year=2014`, 200);
      await check("GET", `/programmes/{slug}/budget/${name}`, `${P}/budget/${name}?year=2099`, 400);
      await check("GET", `/programmes/{slug}/budget/${name}.csv`, `${P}/budget/${name}.csv`, 200);
      await check("GET", `/programmes/{slug}/budget/${name}.csv`, `${P}/budget/${name}.csv?year=abc`, 400);
    }
  });

  it("has checked a success and, where the document names any, a problem for every documented operation", () => {
    const missing = operations.flatMap((operation) => {
      const [method, path] = operation.split(" ") as [string, string];
      const statuses = [...(exercised.get(operation) ?? [])];
      const documented = Object.keys((doc.paths as Record<string, Record<string, { responses: object }>>)[path]![method]!.responses).map(Number);
      const gaps: string[] = [];
      if (!statuses.some((s) => s < 400)) gaps.push(`${operation}: no success`);
      if (documented.some((s) => s >= 400) && !statuses.some((s) => s >= 400)) gaps.push(`${operation}: no problem`);
      return gaps;
    });
    expect(missing).toEqual([]);
  });
});
