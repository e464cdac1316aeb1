import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";

const actions = `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions`;

interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: Record<string, string>;
}

// query → the field it is wrong in, with the Dutch and the English message.
const BAD_FILTERS: [string, string, string, string][] = [
  ["year=abc", "year", "Geef een jaartal op (bijvoorbeeld 2014).", "Give a year (for example 2014)."],
  ["year=14", "year", "Geef een jaartal op (bijvoorbeeld 2014).", "Give a year (for example 2014)."],
  ["category=5", "category", "Kies categorie 1, 2, 3 of 4.", "Choose category 1, 2, 3 or 4."],
  ["category=0", "category", "Kies categorie 1, 2, 3 of 4.", "Choose category 1, 2, 3 or 4."],
  [
    "category=1&category=2&category=3&category=4&category=1",
    "category",
    "Kies categorie 1, 2, 3 of 4.",
    "Choose category 1, 2, 3 or 4.",
  ],
  ["theme=99", "theme", "Dit programma heeft geen thema 99.", "This programme has no theme 99."],
  ["theme=abc", "theme", "Kies een bestaand thema.", "Choose an existing theme."],
  ["theme=0", "theme", "Kies een bestaand thema.", "Choose an existing theme."],
  [
    "intention=9.9",
    "intention",
    "Dit programma heeft geen voornemen 9.9.",
    "This programme has no intention 9.9.",
  ],
  [
    "intention=2",
    "intention",
    "Kies een bestaand voornemen (bijvoorbeeld 2.1).",
    "Choose an existing intention (for example 2.1).",
  ],
  [
    "lead=unknown-org",
    "lead",
    "Er is geen organisatie „unknown-org”.",
    "There is no organisation “unknown-org”.",
  ],
  [
    "partner=unknown-org",
    "partner",
    "Er is geen organisatie „unknown-org”.",
    "There is no organisation “unknown-org”.",
  ],
  ["lead=Gemeente%20Leiden", "lead", "Onbekende organisatie.", "Unknown organisation."],
  [
    "limit=0",
    "limit",
    "Het aantal per pagina moet tussen 1 en 500 liggen.",
    "The number per page must be between 1 and 500.",
  ],
  [
    "limit=501",
    "limit",
    "Het aantal per pagina moet tussen 1 en 500 liggen.",
    "The number per page must be between 1 and 500.",
  ],
  [
    "limit=x",
    "limit",
    "Het aantal per pagina moet tussen 1 en 500 liggen.",
    "The number per page must be between 1 and 500.",
  ],
  [
    "limit=1.5",
    "limit",
    "Het aantal per pagina moet tussen 1 en 500 liggen.",
    "The number per page must be between 1 and 500.",
  ],
  ["offset=-1", "offset", "De beginpositie moet 0 of meer zijn.", "The start position must be 0 or more."],
  ["offset=x", "offset", "De beginpositie moet 0 of meer zijn.", "The start position must be 0 or more."],
  ["year=2014&year=2015", "year", "Geef deze filter maar één keer op.", "Give this filter only once."],
  ["theme=1&theme=2", "theme", "Geef deze filter maar één keer op.", "Give this filter only once."],
  ["q=a&q=b", "q", "Geef deze filter maar één keer op.", "Give this filter only once."],
  [
    "lead=gemeente-leiden&lead=bv-leiden",
    "lead",
    "Geef deze filter maar één keer op.",
    "Give this filter only once.",
  ],
  ["limit=10&limit=20", "limit", "Geef deze filter maar één keer op.", "Give this filter only once."],
  [
    `q=${"x".repeat(201)}`,
    "q",
    "De zoekvraag is te lang (maximaal 200 tekens).",
    "The search query is too long (200 characters at most).",
  ],
];

describe.each(testDialects())("bad input (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function problem(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ res: Response; body: Problem }> {
    const res = await server.get(path, headers);
    expect(res.headers.get("content-type"), path).toMatch(/^application\/problem\+json; charset=utf-8$/);
    return { res, body: (await res.json()) as Problem };
  }

  it.each(BAD_FILTERS)(
    "%s is a 400 problem on the %s field, in Dutch by default",
    async (query, field, nl) => {
      const { res, body } = await problem(`${actions}?${query}`);
      expect(res.status).toBe(400);
      expect(body).toEqual({
        status: 400,
        title: "Ongeldig verzoek",
        detail: "Een of meer filters zijn ongeldig.",
        errors: { [field]: nl },
      });
    },
  );

  it.each(BAD_FILTERS)(
    "%s is a 400 problem on the %s field, in English when asked",
    async (query, field, _nl, en) => {
      const { res, body } = await problem(`${actions}?${query}`, { "Accept-Language": "en" });
      expect(res.status).toBe(400);
      expect(body).toEqual({
        status: 400,
        title: "Bad request",
        detail: "One or more filters are invalid.",
        errors: { [field]: en },
      });
    },
  );

  it("accepts a query of exactly 200 characters", async () => {
    expect((await server.get(`${actions}?q=${"x".repeat(200)}`)).status).toBe(200);
  });

  it("reports every wrong field at once", async () => {
    const { res, body } = await problem(`${actions}?year=abc&category=5&limit=0&offset=x`);
    expect(res.status).toBe(400);
    expect(Object.keys(body.errors!).sort()).toEqual(["category", "limit", "offset", "year"]);
    const unknown = await problem(`${actions}?theme=99&intention=9.9&lead=unknown-org&partner=nobody`);
    expect(Object.keys(unknown.body.errors!).sort()).toEqual(["intention", "lead", "partner", "theme"]);
  });

  it("the CSV refuses the same input", async () => {
    const { res, body } = await problem(
      `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions.csv?year=2014&year=2015`,
    );
    expect(res.status).toBe(400);
    expect(body.errors).toEqual({ year: "Geef deze filter maar één keer op." });
  });

  it("refuses an action number that is not one, and 404s one that does not exist", async () => {
    for (const n of ["0", "abc", "-5", "1e3"]) {
      const { res, body } = await problem(`${actions}/${n}`);
      expect(res.status, n).toBe(400);
      expect(body).toEqual({
        status: 400,
        title: "Ongeldig verzoek",
        detail: "Het actienummer moet een positief geheel getal zijn.",
        errors: { number: "Het actienummer moet een positief geheel getal zijn." },
      });
    }
    const { res, body } = await problem(`${actions}/999999`);
    expect(res.status).toBe(404);
    expect(body).toEqual({
      status: 404,
      title: "Niet gevonden",
      detail: "Actie 999999 bestaat niet in dit programma.",
    });
    const en = await problem(`${actions}/999999`, { "Accept-Language": "en" });
    expect(en.body).toEqual({
      status: 404,
      title: "Not found",
      detail: "Action 999999 does not exist in this programme.",
    });
  });

  it("answers an unknown programme or path under /api/v1 with a 404 problem", async () => {
    expect((await problem("/api/v1/programmes/no-such-programme")).res.status).toBe(404);
    for (const path of ["/api/v1/nope", "/api/v1", "/api/v1/programmes/x/y/z/w", "/api/v1/v2/programmes"]) {
      const { res, body } = await problem(path);
      expect(res.status, path).toBe(404);
      expect(body.status).toBe(404);
      expect(body.title).toBe("Niet gevonden");
    }
  });

  it("answers other methods than GET with 405 and Allow", async () => {
    for (const [method, path, allow] of [
      ["POST", "/api/v1/programmes", "GET, HEAD"],
      ["PUT", `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`, "GET, HEAD, PATCH"],
      ["DELETE", `${actions}/1`, "GET, HEAD, PATCH"],
      ["PUT", "/api/v1/organisations/gemeente-leiden", "GET, HEAD, PATCH"],
    ]) {
      const res = await fetch(server.url + path, {
        method,
        body: method === "DELETE" ? undefined : "{}",
        headers: { "Content-Type": "application/json" },
      });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toEqual({
        status: 405,
        title: "Methode niet toegestaan",
        detail: "Deze methode is hier niet toegestaan.",
      });
    }
    const head = await fetch(`${server.url}/api/v1/programmes`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("refuses a request that declares a body over MAX_UPLOAD_MB with a 413 problem, before reading it", async () => {
    const declared = 21 * 1024 * 1024; // MAX_UPLOAD_MB is 20 by default
    for (const [language, expected] of [
      ["nl", { status: 413, title: "Te groot", detail: "De verzonden gegevens zijn groter dan 20 MB." }],
      ["en", { status: 413, title: "Payload too large", detail: "The data sent is larger than 20 MB." }],
    ] as const) {
      const { status, contentType, body } = await new Promise<{
        status: number;
        contentType: string;
        body: string;
      }>((resolve, reject) => {
        const url = new URL(server.url);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method: "POST",
            path: "/api/v1/programmes",
            headers: {
              "Content-Type": "application/json",
              "Content-Length": String(declared),
              "Accept-Language": language,
            },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (text += chunk));
            res.on("end", () => {
              resolve({
                status: res.statusCode ?? 0,
                contentType: String(res.headers["content-type"]),
                body: text,
              });
              req.destroy();
            });
          },
        );
        req.on("error", reject);
        req.write("{");
      });
      expect(status).toBe(413);
      expect(contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(body)).toEqual(expected);
    }
  });

  it("never answers a strange request with a 500", async () => {
    const paths = [
      `${actions}/%ZZ`,
      "/api/v1/organisations/%ZZ",
      "/api/v1/programmes/%E0%A4%A",
      `${actions}?q=%ZZ`,
      `${actions}?q=%00`,
      `${actions}?q=${encodeURIComponent("😀 ondernem")}`,
      `${actions}?q=${encodeURIComponent("é")}`,
      `${actions}?q[x]=1`,
      `${actions}?category[]=1`,
      `${actions}?theme=${"9".repeat(400)}`,
      `${actions}?offset=999999999`,
      `${actions}?year=0000`,
      `${actions}?intention=1.1.1`,
      `${actions}?lead=${"a".repeat(300)}`,
      `${actions}/${"9".repeat(300)}`,
      "/api/v1/organisations?limit=%ZZ",
      `/api/v1/programmes/${"x".repeat(2000)}`,
    ];
    for (const path of paths) {
      const res = await server.get(path);
      expect(res.status, path).toBeLessThan(500);
      if (res.status >= 400)
        expect(res.headers.get("content-type"), path).toMatch(/^application\/problem\+json/);
    }
    // A path that cannot be decoded is the client's error.
    const { res, body } = await problem(`${actions}/%ZZ`);
    expect(res.status).toBe(400);
    expect(body.title).toBe("Ongeldig verzoek");
  });
});
