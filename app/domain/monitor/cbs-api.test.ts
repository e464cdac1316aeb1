import { describe, expect, it } from "vitest";
import { mappable } from "../../../tests/monitor/fixtures";
import { fetchCbsTable, observationsFilter } from "./cbs-api";

const indicators = mappable();
const prices = indicators.filter((i) => i.id === "verkoopprijs-koopwoningen");

function fakeFetch(pages: Record<string, unknown>): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fn: typeof fetch = (input) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    urls.push(url);
    const key = Object.keys(pages).find((k) => url.includes(k));
    if (!key) return Promise.resolve(new Response("not found", { status: 404 }));
    return Promise.resolve(new Response(JSON.stringify(pages[key]), { status: 200, headers: { "Content-Type": "application/json" } }));
  };
  return { fetch: fn, urls };
}

const obs = (id: number, region: string, period: string, value: number | null) => ({
  Id: id,
  Measure: "M001534",
  ValueAttribute: value === null ? "Impossible" : "None",
  Value: value,
  StringValue: null,
  RegioS: region,
  Perioden: period,
});

describe("the CBS v4 API fetcher", () => {
  it("asks for the indicators' measures, regions (not LR071) and periods from the baseline on", () => {
    const filter = observationsFilter("83625NED", prices, "2013JJ00");
    expect(filter).toBe(
      "(Measure eq 'M001534') and (RegioS eq 'GM0546' or RegioS eq 'GM0547' or RegioS eq 'GM0579' or RegioS eq 'GM0626' or RegioS eq 'GM0638' or RegioS eq 'NL01' or RegioS eq 'PV28') and Perioden ge '2013JJ00'",
    );
    const population = observationsFilter("03759ned", indicators.filter((i) => i.id === "bevolking"), "2019JJ00");
    expect(population).toContain("BurgerlijkeStaat eq 'T001019' and Geslacht eq 'T001038' and Leeftijd eq '10000'");
    expect(population).not.toContain("LR071");
  });

  it("follows @odata.nextLink within the service, with period statuses and units", async () => {
    const base = "http://cbs.test/odata/v1/CBS";
    const { fetch, urls } = fakeFetch({
      "/PeriodenCodes": { value: [{ Identifier: "2024JJ00", Status: "Definitief" }, { Identifier: "2025JJ00", Status: "Voorlopig" }] },
      "/MeasureCodes": { value: [{ Identifier: "M001534", Unit: "euro" }] },
      "skip=1": { value: [obs(2, "GM0546", "2025JJ00", 500000)] },
      "/Observations?": { "@odata.context": `${base}/83625NED/$metadata#Observations`, value: [obs(1, "GM0546", "2024JJ00", 474092)], "@odata.nextLink": `${base}/83625NED/Observations?$skip=1` },
    });
    const result = await fetchCbsTable({ baseUrl: base, table: "83625NED", indicators: prices, since: "2013JJ00", fetch });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pages).toBe(2);
    expect(result.parsed.observations.map((o) => [o.period, o.status])).toEqual([
      ["2024JJ00", "final"],
      ["2025JJ00", "provisional"],
    ]);
    expect(result.parsed.observations[1]!.location.path).toBe("$[page 2].value[0].Value");
    expect(result.units.get("M001534")).toBe("euro");
    expect(urls.some((u) => u.includes("$filter="))).toBe(true);
  });

  it("refuses a nextLink to another host, and reports HTTP and JSON failures", async () => {
    const base = "http://cbs.test/odata/v1/CBS";
    const away = fakeFetch({ "/Observations?": { value: [], "@odata.nextLink": "http://evil.test/steal" } });
    expect(await fetchCbsTable({ baseUrl: base, table: "83625NED", indicators: prices, since: "2013JJ00", fetch: away.fetch })).toMatchObject({
      ok: false,
      issues: [{ code: "fetch-failed", params: { message: "nextLink leaves the service" } }],
    });
    const missing = fakeFetch({});
    expect(await fetchCbsTable({ baseUrl: base, table: "83625NED", indicators: prices, since: "2013JJ00", fetch: missing.fetch })).toMatchObject({
      ok: false,
      issues: [{ code: "fetch-failed", params: { message: "HTTP 404" } }],
    });
  });
});
