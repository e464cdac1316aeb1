import { describe, expect, it } from "vitest";
import { definitions } from "../../../tests/monitor/fixtures";
import { buildSeries, computeRegionSums, headlineRegion, indexMeasurements, selectBaseline } from "./analysis";
import { monitorDefinitionFileSchema, indicatorDefinitionSchema } from "./indicator-definition";
import type { Measurement } from "./types";

const m = (region: string, period: string, value: number | null, extra: Partial<Measurement> = {}): Measurement => ({
  region,
  period,
  value,
  valueAttribute: value === null ? "Missing" : "None",
  status: "final",
  retrievedAt: null,
  importId: 1,
  computed: false,
  ...extra,
});

const FIVE = ["GM0546", "GM0547", "GM0579", "GM0626", "GM0638"];
const countIndicator = { regions: [...FIVE, "LR071", "PV28", "NL01"], regionAggregate: "sum" as const, baselinePeriod: "2013JJ00" };

describe("the region as a whole (LR071)", () => {
  it("is the sum of the five municipalities when all five have a figure, provisional when one is", () => {
    const ms = [
      ...FIVE.map((r, i) => m(r, "2020JJ00", 0.1 * (i + 1))),
      ...FIVE.map((r, i) => m(r, "2021JJ00", 10 + i, i === 2 ? { status: "provisional" } : {})),
      ...FIVE.slice(0, 4).map((r) => m(r, "2022JJ00", 1)),
      m("PV28", "2020JJ00", 999),
    ];
    const sums = computeRegionSums(countIndicator, ms);
    expect(sums.find((s) => s.period === "2020JJ00")).toMatchObject({ region: "LR071", value: 1.5, valueAttribute: "None", status: "final", computed: true, importId: null });
    expect(sums.find((s) => s.period === "2021JJ00")).toMatchObject({ value: 60, status: "provisional" });
    expect(sums.find((s) => s.period === "2022JJ00")).toMatchObject({ value: null, valueAttribute: "Incomplete" });
  });

  it("is never computed for indicators that are not counts summed over the region", () => {
    expect(computeRegionSums({ regions: [...FIVE, "LR071"], regionAggregate: "stated" }, FIVE.map((r) => m(r, "2020JJ00", 1)))).toEqual([]);
    expect(computeRegionSums({ regions: FIVE, regionAggregate: null }, FIVE.map((r) => m(r, "2020JJ00", 1)))).toEqual([]);
  });
});

describe("baseline and index", () => {
  it("uses the programme's baseline when it has a figure, else the earliest loaded period, labelled as a substitute", () => {
    expect(selectBaseline("2013JJ00", [m("PV28", "2013JJ00", 5), m("GM0546", "2011JJ00", 4)])).toEqual({ programmePeriod: "2013JJ00", period: "2013JJ00", substitute: false });
    expect(selectBaseline("2013JJ00", [m("GM0546", "2016JJ00", 4), m("GM0546", "2015JJ00", null), m("NL01", "2017JJ00", 1)])).toEqual({
      programmePeriod: "2013JJ00",
      period: "2016JJ00",
      substitute: true,
    });
    expect(selectBaseline("2013JJ00", [m("GM0546", "2013JJ00", null)])).toEqual({ programmePeriod: "2013JJ00", period: null, substitute: false });
  });

  it("sets each region to 100 in the base period; regions without a figure there drop out", () => {
    const { indexed, notIndexable } = indexMeasurements([m("GM0546", "2019JJ00", 200), m("GM0546", "2020JJ00", 250), m("NL01", "2020JJ00", 5), m("PV28", "2019JJ00", 0)], "2019JJ00");
    expect(indexed.map((x) => [x.region, x.period, x.value])).toEqual([
      ["GM0546", "2019JJ00", 100],
      ["GM0546", "2020JJ00", 125],
    ]);
    expect(notIndexable.sort()).toEqual(["NL01", "PV28"]);
  });

  it("builds a series with every period in the range, so that a missing year is a gap", () => {
    const model = buildSeries(countIndicator, [m("GM0546", "2013JJ00", 1), m("GM0546", "2016JJ00", 4), m("NL01", "2015JJ00", 3, { status: "provisional" })], {
      view: "values",
      language: "nl",
    });
    expect(model.periods.map((p) => p.code)).toEqual(["2013JJ00", "2014JJ00", "2015JJ00", "2016JJ00"]);
    expect(model.series.map((s) => s.name)).toEqual(["Leiden", "Nederland"]);
    expect(model.series[0]!.points.map((p) => p?.value ?? null)).toEqual([1, null, null, 4]);
    expect(model.series[1]!.points[2]).toMatchObject({ value: 3, status: "provisional" });
    expect(model.baseline).toMatchObject({ period: "2013JJ00", substitute: false });
    const index = buildSeries(countIndicator, [m("GM0546", "2013JJ00", 2), m("GM0546", "2016JJ00", 4), m("NL01", "2015JJ00", 3)], { view: "index", base: null, language: "en" });
    expect(index.base).toBe("2013JJ00");
    expect(index.series.map((s) => s.region)).toEqual(["GM0546"]);
    expect(index.series[0]!.points.map((p) => p?.value ?? null)).toEqual([100, null, null, 200]);
    expect(index.series[0]!.points[3]!.original).toBe(4);
    expect(index.notIndexable).toEqual(["NL01"]);
    expect(headlineRegion(countIndicator, [m("NL01", "2015JJ00", 3)])).toBe("NL01");
  });
});

describe("the shipped indicator definitions", () => {
  it("have at least the twelve proposed indicators, every theme, and real sources", () => {
    const file = definitions();
    expect(file.indicators.length).toBeGreaterThanOrEqual(12);
    expect(new Set(file.indicators.map((i) => i.theme))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(file.baselinePeriod).toBe("2013JJ00");
    const ids = file.indicators.map((i) => i.id);
    for (const id of ["banen", "vestigingen-life-sciences-health", "bedrijfsvestigingen", "starters", "ww-uitkeringen", "bijstand", "netto-arbeidsparticipatie", "opleidingsniveau-hbo-wo", "studenten-hbo", "pendelsaldo", "kantorenleegstand", "verkoopprijs-koopwoningen", "woz-waarde", "bevolking", "binnenlands-migratiesaldo"]) {
      expect(ids).toContain(id);
    }
    // Only counts are summed over the municipalities.
    for (const i of file.indicators) if (i.regionAggregate === "sum") expect(i.kind, i.id).toBe("count");
  });

  it("refuse a sum over a percentage, LR071 without a rule, and a region Regie does not know", () => {
    const base = definitions().indicators.find((i) => i.id === "opleidingsniveau-hbo-wo")!;
    expect(indicatorDefinitionSchema.safeParse({ ...base, regions: [...base.regions, "LR071"], regionAggregate: "sum" }).success).toBe(false);
    expect(indicatorDefinitionSchema.safeParse({ ...base, regions: [...base.regions, "LR071"] }).success).toBe(false);
    expect(indicatorDefinitionSchema.safeParse({ ...base, regions: ["GM9999"] }).success).toBe(false);
    expect(monitorDefinitionFileSchema.safeParse({ programme: "x", baselinePeriod: "2013JJ00", indicators: [base, base] }).success).toBe(false);
  });
});
