import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CBS, FULL_83625NED, MONITOR_DATA, V3, V4, mappable, read, readJson, v4Values } from "../../../tests/monitor/fixtures";
import { mapObservations, type MappedRow } from "./map-observations";
import { parseV3Csv, parseV3DataSet, parseV4Observations, readPeriodStatuses, tableFromFileName } from "./parse-files";
import { readMonitorFile } from "./read-file";

const indicators = mappable();

function importText(text: string, options: { fileName?: string; indicator?: string; table?: string } = {}) {
  const read = readMonitorFile(text, options);
  if (!read.ok) return { ok: false as const, issues: read.issues, rows: [] as MappedRow[], format: undefined, table: null };
  const mapped = mapObservations(read.parsed, indicators, { indicator: options.indicator });
  return { ...mapped, format: read.parsed.format };
}

const row = (rows: MappedRow[], indicator: string, region: string, period: string) =>
  rows.find((r) => r.indicator === indicator && r.region === region && r.period === period);

describe("CBS OData v4 Observations (real captures)", () => {
  it("83625NED: 77 figures for 7 regions, 2015-2025, every value as in the file", () => {
    const result = importText(read(FULL_83625NED), { fileName: "observations-page-1.json" });
    expect(result.ok).toBe(true);
    expect(result.format).toBe("cbs-v4");
    expect(result.table).toBe("83625NED");
    expect(result.rows).toHaveLength(77);
    expect(new Set(result.rows.map((r) => r.indicator))).toEqual(new Set(["verkoopprijs-koopwoningen"]));
    expect(new Set(result.rows.map((r) => r.region))).toEqual(new Set(["NL01", "PV28", "GM0546", "GM0547", "GM0579", "GM0626", "GM0638"]));
    expect(row(result.rows, "verkoopprijs-koopwoningen", "NL01", "2015JJ00")?.value).toBe(230194);
    expect(row(result.rows, "verkoopprijs-koopwoningen", "NL01", "2025JJ00")?.value).toBe(479527);
    expect(row(result.rows, "verkoopprijs-koopwoningen", "PV28", "2015JJ00")?.value).toBe(221441);
    expect(row(result.rows, "verkoopprijs-koopwoningen", "GM0546", "2015JJ00")?.value).toBe(236456);
    const inFile = v4Values(FULL_83625NED, "M001534");
    for (const r of result.rows) expect(r.value, `${r.region} ${r.period}`).toBe(inFile.get(`${r.region}|${r.period}`)!.value);
    // The file says nothing about the periods' status: they count as final, and the import says so.
    expect(result.rows.every((r) => r.status === "final")).toBe(true);
    expect(result.issues.map((i) => i.code)).toEqual(["status-assumed"]);
  });

  it("03759ned: population on 1 January for men and women, all ages, every marital status; 'Impossible' is no figure", () => {
    const file = join(V4, "03759ned", "observations-page-1.json");
    const statuses = readPeriodStatuses(readJson(join(V4, "03759ned", "codes-Perioden.json")));
    const parsed = parseV4Observations(readJson(file), { periodStatuses: statuses });
    expect(parsed.observations).toHaveLength(112);
    expect(parsed.observations[0]!.dimensions).toEqual({ BurgerlijkeStaat: "T001019", Geslacht: "T001038", Leeftijd: "10000" });
    const result = mapObservations(parsed, indicators);
    expect(result.ok).toBe(true);
    expect(result.rows).toHaveLength(56); // M000352 only; M000365 (average population) feeds no indicator
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "measure-not-used", params: { measure: "M000365", count: 56 } }));
    expect(row(result.rows, "bevolking", "NL01", "2019JJ00")?.value).toBe(17282163);
    expect(row(result.rows, "bevolking", "GM0546", "2019JJ00")?.value).toBe(124899);
    // With the period codes, statuses come from CBS and nothing is assumed.
    expect(result.issues.map((i) => i.code)).not.toContain("status-assumed");
    const inFile = v4Values(file, "M000352");
    for (const r of result.rows) expect(r.value).toBe(inFile.get(`${r.region}|${r.period}`)!.value);
  });

  it("70072ned: twelve measures, the used ones mapped, 'Impossible' kept as no figure with its reason", () => {
    const file = join(V4, "70072ned", "observations-leidse-regio-2024-2026.json");
    const result = importText(read(file));
    expect(result.ok).toBe(true);
    expect(result.table).toBe("70072ned");
    const byIndicator: Record<string, MappedRow[]> = {};
    for (const r of result.rows) (byIndicator[r.indicator] ??= []).push(r);
    expect(Object.keys(byIndicator).sort()).toEqual(["afstand-treinstation", "bedrijfsvestigingen", "opleidingsniveau-hbo-wo", "woz-waarde"]);
    for (const rows of Object.values(byIndicator)) expect(rows).toHaveLength(18); // 6 regions × 2024-2026
    const hboWo2025 = row(result.rows, "opleidingsniveau-hbo-wo", "GM0546", "2025JJ00");
    expect(hboWo2025).toMatchObject({ value: null, valueAttribute: "Impossible" });
    const inFile = v4Values(file, "M000200_2");
    expect(row(result.rows, "bedrijfsvestigingen", "GM0546", "2026JJ00")?.value).toBe(inFile.get("GM0546|2026JJ00")!.value);
    // Measures no indicator uses are reported, not refused.
    const unused = result.issues.filter((i) => i.code === "measure-not-used").map((i) => i.params.measure);
    expect(unused).toEqual(expect.arrayContaining(["M000100", "X033647", "1014800"]));
  });
});

describe("CBS OData v3 data sets", () => {
  it("reads the real UntypedDataSet CSV download: padded keys trimmed, '.' and empty cells as no figure", () => {
    const file = join(V3, "70072ned_UntypedDataSet_PV28_2011-2019.csv");
    expect(tableFromFileName(file)).toBe("70072ned");
    const result = importText(read(file), { fileName: file });
    expect(result.ok).toBe(true);
    expect(result.format).toBe("cbs-v3-csv");
    expect(new Set(result.rows.map((r) => r.region))).toEqual(new Set(["PV28"]));
    expect(row(result.rows, "banen", "PV28", "2013JJ00")?.value).toBe(1591.8);
    expect(row(result.rows, "banen", "PV28", "2018JJ00")?.value).toBe(1733.6);
    expect(row(result.rows, "banen", "PV28", "2019JJ00")).toMatchObject({ value: null, valueAttribute: "Empty" });
    expect(row(result.rows, "ww-uitkeringen", "PV28", "2013JJ00")?.value).toBe(81790);
    expect(row(result.rows, "bijstand", "PV28", "2011JJ00")?.value).toBe(99140);
    expect(row(result.rows, "bedrijfsvestigingen", "PV28", "2011JJ00")).toMatchObject({ value: null, valueAttribute: "Empty" });
    expect(row(result.rows, "bevolking", "PV28", "2019JJ00")?.value).toBe(3673893);
    expect(row(result.rows, "woz-waarde", "PV28", "2019JJ00")?.value).toBe(237);
    // 11 indicators × 9 years for PV28.
    expect(result.rows).toHaveLength(11 * 9);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "columns-not-used" }));
  });

  it("'.' (Missing) in an UntypedDataSet CSV is kept with its reason", () => {
    const text = read(join(V3, "70072ned_UntypedDataSet_PV28_2011-2019.csv"));
    const parsed = parseV3Csv(text, { table: "70072ned" });
    const missing = parsed.observations.find((o) => o.key.id === "UitkeringsontvangersTotaal_152" && o.period === "2018JJ00");
    expect(missing?.raw).toEqual({ kind: "text", text: "       ." });
    expect(missing?.region).toMatch(/^PV28 +$/);
  });

  it("reads the TypedDataSet and UntypedDataSet JSON shapes to the same figures", () => {
    const typed = parseV3DataSet(readJson(join(V3, "70072ned_TypedDataSet_PV28.shaped.json")));
    const untyped = parseV3DataSet(readJson(join(V3, "70072ned_UntypedDataSet_PV28.shaped.json")));
    expect(typed.format).toBe("cbs-v3-typed");
    expect(untyped.format).toBe("cbs-v3-untyped");
    expect(typed.table).toBe("70072ned");
    const a = mapObservations(typed, indicators);
    const b = mapObservations(untyped, indicators);
    expect(a.ok && b.ok).toBe(true);
    const simple = (rows: MappedRow[]) => rows.map(({ location: _l, ...r }) => r);
    expect(simple(a.rows).map((r) => ({ ...r, valueAttribute: r.value === null ? "?" : r.valueAttribute }))).toEqual(
      simple(b.rows).map((r) => ({ ...r, valueAttribute: r.value === null ? "?" : r.valueAttribute })),
    );
    expect(row(a.rows, "banen", "PV28", "2014JJ00")?.value).toBe(1600);
    // TypedDataSet null and UntypedDataSet "." are both no figure.
    expect(row(a.rows, "bedrijfsvestigingen", "PV28", "2018JJ00")?.value).toBe(321500);
  });
});

describe("Regie's CSV", () => {
  it("reads indicator,region,period,value,status with quarters, months, statuses and CBS symbols", () => {
    const csv = [
      "indicator,region,period,value,status",
      "bevolking,GM0546,2013JJ00,119800,final",
      "bevolking,GM0547,2013JJ00,26900,voorlopig",
      "ww-uitkeringen,GM0546,2014KW02,2100,provisional",
      "ww-uitkeringen,GM0546,2014MM03,.,",
      "ww-uitkeringen,GM0547,2014MM03,x,nader voorlopig",
    ].join("\n");
    const result = importText(csv);
    expect(result.ok).toBe(true);
    expect(result.rows.map(({ location: _l, ...r }) => r)).toEqual([
      { indicator: "bevolking", region: "GM0546", period: "2013JJ00", value: 119800, valueAttribute: "None", status: "final" },
      { indicator: "bevolking", region: "GM0547", period: "2013JJ00", value: 26900, valueAttribute: "None", status: "provisional" },
      { indicator: "ww-uitkeringen", region: "GM0546", period: "2014KW02", value: 2100, valueAttribute: "None", status: "provisional" },
      { indicator: "ww-uitkeringen", region: "GM0546", period: "2014MM03", value: null, valueAttribute: "Missing", status: "final" },
      { indicator: "ww-uitkeringen", region: "GM0547", period: "2014MM03", value: null, valueAttribute: "Confidential", status: "revised-provisional" },
    ]);
  });

  it("reads the shipped Wijk- en Buurtkaart file and Regie's own CSV export (semicolons, byte-order mark, extra columns)", () => {
    const shipped = importText(read(join(MONITOR_DATA, "cbs", "wijkbuurtkaart-2017-inwoners.csv")));
    expect(shipped.ok).toBe(true);
    expect(row(shipped.rows, "bevolking", "GM0546", "2017JJ00")?.value).toBe(123661);
    const exported = "\uFEFFindicator;theme;region;regionName;period;value;valueAttribute;status;unit\r\nbanen;1;GM0546;Leiden;2015JJ00;81.3;None;final;x 1 000\r\nbanen;1;LR071;Leidse regio;2015JJ00;100.1;None;final;x 1 000\r\n";
    const result = importText(exported);
    expect(result.ok).toBe(true);
    expect(result.rows.map((r) => [r.region, r.value])).toEqual([["GM0546", 81.3]]);
    // The region sum is Regie's own and is not read back.
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "region-computed", params: { region: "LR071", indicator: "banen", count: 1 } }));
  });
});

describe("bad input: a clear message with its place, and no rows", () => {
  const codes = (r: { issues: { code: string; severity: string }[] }) => r.issues.filter((i) => i.severity === "error").map((i) => i.code);

  it("a truncated JSON file", () => {
    const text = read(FULL_83625NED);
    const result = importText(text.slice(0, Math.floor(text.length / 2)));
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([]);
    expect(result.issues[0]).toMatchObject({ code: "json-invalid", params: { truncated: "yes" } });
    expect(result.issues[0]!.location?.line).toBeGreaterThan(100);
  });

  it("a file of a table no indicator uses, and of another table than the chosen indicator's", () => {
    const other = JSON.stringify({ "@odata.context": "https://datasets.cbs.nl/odata/v1/CBS/85000NED/$metadata#Observations", value: [{ Id: 1, Measure: "M1", ValueAttribute: "None", Value: 1, RegioS: "GM0546", Perioden: "2020JJ00" }] });
    expect(importText(other)).toMatchObject({ ok: false, table: "85000NED" });
    expect(codes(importText(other))).toEqual(["table-not-in-monitor"]);
    const wrong = importText(read(FULL_83625NED), { indicator: "bevolking" });
    expect(codes(wrong)).toEqual(["table-mismatch"]);
    expect(wrong.issues.at(-1)!.params).toMatchObject({ table: "83625NED", expected: "03759ned, 70072ned" });
  });

  it("wrong region codes: not a CBS code (refused, with its place), or a region the indicator is not measured for", () => {
    const json = readJson(FULL_83625NED) as { value: { RegioS: string }[] };
    json.value[3]!.RegioS = "Leiden";
    const result = importText(JSON.stringify(json));
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "region-invalid", params: { region: "Leiden" }, location: { path: "$.value[3].RegioS" } }));
    const csv = importText("indicator,region,period,value,status\nbevolking,GM9999,2013JJ00,1,final\nbevolking,CR25,2013JJ00,1,final\n");
    expect(csv.issues.filter((i) => i.severity === "error")).toEqual([
      expect.objectContaining({ code: "region-not-measured", params: { region: "GM9999", indicator: "bevolking" }, location: { line: 2, column: "region" } }),
      expect.objectContaining({ code: "region-not-measured", params: { region: "CR25", indicator: "bevolking" }, location: { line: 3, column: "region" } }),
    ]);
  });

  it("non-numeric values, unknown statuses, periods and indicators, each at its line", () => {
    const result = importText(
      [
        "indicator,region,period,value,status",
        "bevolking,GM0546,2013JJ00,veel,final",
        "bevolking,GM0546,2014JJ00,1,misschien",
        "bevolking,GM0546,2013,1,final",
        "bevolking,GM0546,2013X000,1,final",
        "onbekend,GM0546,2013JJ00,1,final",
        "bevolking,GM0547,2013JJ00,1,final",
        "bevolking,GM0547,2013JJ00,2,final",
      ].join("\n"),
    );
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([]);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.location?.line])).toEqual([
      ["value-not-numeric", 2],
      ["status-invalid", 3],
      ["period-invalid", 4],
      ["period-unsupported", 5],
      ["indicator-unknown", 6],
      ["duplicate", 8],
    ]);
    const v4 = readJson(FULL_83625NED) as { value: { Value: unknown }[] };
    v4.value[0]!.Value = "n.v.t.";
    expect(importText(JSON.stringify(v4)).issues).toContainEqual(expect.objectContaining({ code: "value-not-numeric", location: { path: "$.value[0].Value" } }));
  });

  it("files that are not monitor data at all", () => {
    expect(codes(importText(""))).toEqual(["file-empty"]);
    expect(codes(importText("a;b;c\n1;2;3\n"))).toEqual(["format-unknown"]);
    expect(codes(importText('{"hello": "world"}'))).toEqual(["format-unknown"]);
    expect(codes(importText(read(join(MONITOR_DATA, "indicators.json"))))).toEqual(["definitions-not-measurements"]);
    expect(readMonitorFile(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toMatchObject({ ok: false, issues: [{ code: "file-not-text" }] });
    expect(codes(importText('indicator,region,period,value\nbevolking,GM0546,"2013JJ00,1\n'))).toEqual(["csv-quote"]);
  });

  it("a v3 CSV without its table in the name: the table follows from the columns, or is asked for", () => {
    const text = read(join(V3, "70072ned_UntypedDataSet_PV28_2011-2019.csv"));
    const inferred = importText(text, { fileName: "download.csv" });
    expect(inferred.ok).toBe(true);
    expect(inferred.issues).toContainEqual(expect.objectContaining({ code: "table-from-columns", params: { table: "70072ned" } }));
    expect(codes(importText('"ID";"RegioS";"Perioden";"Iets_1"\n"1";"GM0546";"2013JJ00";"5"\n'))).toEqual(["table-unknown"]);
    void CBS;
  });
});
