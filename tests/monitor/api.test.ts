import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiRouter } from "../../app/api/router";
import type { Services } from "../../app/lib/services.server";
import { testDialects } from "../support/databases";
import { doc, responseSchema as documentedSchema, validate, type SchemaObject } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";
import { FULL_83625NED, v4Values } from "./fixtures";
import { P } from "./support";

const API = `/api/v1${P}`;

function responseSchema(path: string, status = "200"): SchemaObject {
  return documentedSchema("get", path, Number(status));
}

interface IndicatorJson {
  id: string;
  theme: number;
  name: string;
  unit: string;
  source: { type: string; table?: string; measure?: string | null; name?: string };
  baselinePeriod: string;
  baseline: { period: string | null; substitute: boolean };
  regions: { code: string; computed: boolean }[];
  measurements: { region: string; period: string; value: number | null; valueAttribute: string; status: string }[];
}

describe("the monitor in the OpenAPI document", () => {
  it("describes the four monitor routes the router has", () => {
    const router = createApiRouter({ env: { MAX_UPLOAD_MB: 20 } } as unknown as Services) as unknown as { stack: { route?: { path: string } }[] };
    const paths = router.stack.filter((l) => l.route).map((l) => l.route!.path.replace(/:(\w+)/g, "{$1}"));
    for (const path of ["/programmes/{slug}/indicators", "/programmes/{slug}/indicators.csv", "/programmes/{slug}/indicators/{id}", "/programmes/{slug}/indicators/{id}.csv"]) {
      expect(paths).toContain(path);
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

describe.each(testDialects())("the monitor's open data (%s)", (dialect) => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const getJson = async (path: string, status = 200) => {
    const res = await app.get(path);
    expect(res.status, path).toBe(status);
    return (await res.json()) as unknown;
  };

  it("lists every indicator with its figures, in the documented shape", async () => {
    const body = (await getJson(`${API}/indicators`)) as { data: IndicatorJson[]; total: number; limit: number; offset: number };
    expect(validate(responseSchema("/programmes/{slug}/indicators"), body)).toEqual([]);
    expect(body.total).toBe(19);
    expect(body.data.map((i) => i.theme)).toEqual([...body.data.map((i) => i.theme)].sort((a, b) => a - b));
    const prices = body.data.find((i) => i.id === "verkoopprijs-koopwoningen")!;
    expect(prices.source).toMatchObject({ type: "cbs", table: "83625NED", measure: "M001534" });
    expect(prices.baselinePeriod).toBe("2013JJ00");
    expect(prices.baseline).toEqual({ period: "2015JJ00", substitute: true });
    expect(prices.measurements).toHaveLength(70);
    const inFile = v4Values(FULL_83625NED, "M001534");
    for (const m of prices.measurements) {
      expect(m.value).toBe(inFile.get(`${m.region}|${m.period}`)!.value);
      expect(m.status).toBe("final");
      expect(m.valueAttribute).toBe("None");
    }
    const empty = body.data.find((i) => i.id === "kantorenleegstand")!;
    expect(empty.source).toEqual({ type: "other", name: "Kantorenmonitor Holland Rijnland", url: null });
    expect(empty.measurements).toEqual([]);
    expect(empty.baseline).toEqual({ period: null, substitute: false });
    const jobs = body.data.find((i) => i.id === "banen")!;
    expect(jobs.baseline).toEqual({ period: "2013JJ00", substitute: false });
    expect(jobs.regions.find((r) => r.code === "LR071")).toEqual({ code: "LR071", name: "Leidse regio (vijf gemeenten)", computed: true });
  });

  it("filters by theme and pages", async () => {
    const theme4 = (await getJson(`${API}/indicators?theme=4`)) as { data: IndicatorJson[]; total: number };
    expect(theme4.data.every((i) => i.theme === 4)).toBe(true);
    expect(theme4.total).toBe(5);
    const page = (await getJson(`${API}/indicators?limit=2&offset=2`)) as { data: IndicatorJson[]; total: number; limit: number; offset: number };
    expect(page).toMatchObject({ total: 19, limit: 2, offset: 2 });
    expect(page.data).toHaveLength(2);
  });

  it("gives one indicator, with special values and the computed region sum", async () => {
    const one = (await getJson(`${API}/indicators/opleidingsniveau-hbo-wo`)) as IndicatorJson;
    expect(validate(responseSchema("/programmes/{slug}/indicators/{id}"), one)).toEqual([]);
    expect(one.measurements.find((m) => m.region === "GM0546" && m.period === "2025JJ00")).toEqual({
      region: "GM0546",
      period: "2025JJ00",
      value: null,
      valueAttribute: "Impossible",
      status: "final",
      retrievedAt: "2026-09-28T04:43:45.422Z",
    });
    const population = (await getJson(`${API}/indicators/bevolking`)) as IndicatorJson;
    const lr = population.measurements.filter((m) => m.region === "LR071");
    expect(lr.map((m) => m.period)).toEqual(["2017JJ00", "2019JJ00", "2020JJ00", "2021JJ00", "2022JJ00", "2023JJ00", "2024JJ00", "2025JJ00", "2026JJ00"]);
    expect(lr[0]!.value).toBe(208079);
  });

  it("answers unknown and malformed requests with documented problems", async () => {
    for (const [path, status, documented] of [
      [`${API}/indicators/geen-indicator`, 404, "/programmes/{slug}/indicators/{id}"],
      [`${API}/indicators/Bad_Id`, 400, "/programmes/{slug}/indicators/{id}"],
      ["/api/v1/programmes/nope/indicators", 404, "/programmes/{slug}/indicators"],
      [`${API}/indicators?theme=9`, 400, "/programmes/{slug}/indicators"],
      [`${API}/indicators?theme=x`, 400, "/programmes/{slug}/indicators"],
      [`${API}/indicators?limit=0`, 400, "/programmes/{slug}/indicators"],
      [`${API}/indicators.csv?theme=1&theme=2`, 400, "/programmes/{slug}/indicators.csv"],
      [`${API}/indicators/geen-indicator.csv`, 404, "/programmes/{slug}/indicators/{id}.csv"],
    ] as const) {
      const res = await app.get(path, { "Accept-Language": "nl" });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as unknown;
      expect(validate(responseSchema(documented, String(status)), body), path).toEqual([]);
    }
    const notFound = (await (await app.get(`${API}/indicators/geen-indicator`, { "Accept-Language": "en" })).json()) as { detail: string };
    expect(notFound.detail).toBe("There is no indicator “geen-indicator” in this programme.");
    const badTheme = (await (await app.get(`${API}/indicators?theme=9`)).json()) as { errors: Record<string, string> };
    expect(badTheme.errors.theme).toBe("Dit programma heeft geen thema 9.");
  });

  it("serves CSV that Regie reads back unchanged", async () => {
    const res = await app.get(`${API}/indicators/verkoopprijs-koopwoningen.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain('filename="kennis-en-werk-071-2013-2015-verkoopprijs-koopwoningen.csv"');
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("indicator;theme;region;regionName;period;value;valueAttribute;status;unit;retrievedAt;attribution");
    expect(lines).toHaveLength(71);
    expect(lines.some((l) => l.startsWith("verkoopprijs-koopwoningen;4;GM0546;Leiden;2015JJ00;236456;None;final;euro;2026-07-17T16:32:24.005Z;"))).toBe(true);
    const all = await (await app.get(`${API}/indicators.csv`)).text();
    expect(all.split("\r\n").length).toBeGreaterThan(300);
    // The export goes back in through the importer without changing anything.
    const { importMonitorFile } = await import("../../app/db/monitor-files");
    const programme = (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!;
    const back = await importMonitorFile(app.server.services.db, { programmeId: programme.id, bytes: all, channel: "cli", retrievedAt: null, dryRun: true });
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.report.added + back.report.changed).toBe(0);
  });
});
