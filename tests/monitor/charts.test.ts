import { describe, expect, it } from "vitest";
import { chartsDrawn, renderSeriesChart } from "../../app/routes/monitor/chart.server";
import { sanitiseChartSvg } from "../../app/routes/monitor/svg.server";
import { buildSeries } from "../../app/domain/monitor/analysis";
import type { Measurement } from "../../app/domain/monitor/types";

const m = (region: string, period: string, value: number | null, status: Measurement["status"] = "final"): Measurement => ({
  region,
  period,
  value,
  valueAttribute: value === null ? "Impossible" : "None",
  status,
  retrievedAt: null,
  importId: 1,
  computed: false,
});

const indicator = { regions: ["GM0546", "GM0547", "LR071", "PV28", "NL01"], baselinePeriod: "2013JJ00" };
const measurements = [
  m("GM0546", "2013JJ00", 100),
  m("GM0546", "2014JJ00", 110),
  // 2015 missing for everyone: a gap.
  m("GM0546", "2016JJ00", 130, "provisional"),
  m("GM0547", "2013JJ00", 50),
  m("GM0547", "2016JJ00", null),
  m("NL01", "2014JJ00", 1000),
  m("NL01", "2016JJ00", 1100),
];

function render(view: "values" | "index", language: "nl" | "en" = "nl", id = "proef") {
  const model = buildSeries(indicator, measurements, { view, base: view === "index" ? "2014JJ00" : null, language });
  return renderSeriesChart(
    model,
    { title: "Proef per regio, 2013–2016", description: "Regio's: Leiden, Leiderdorp, Nederland. Perioden: 2013, 2014, 2015, 2016.", baselineLabel: "Basisjaar 2013" },
    { id, width: 640, height: 360, language, decimals: 0 },
  );
}

describe("server-rendered charts", () => {
  it("are SVG images with a name and description, that name their regions and periods", () => {
    const svg = render("values");
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="proef-title proef-desc" focusable="false" class="regie-chart__svg">/);
    expect(svg).toContain('<title id="proef-title">Proef per regio, 2013–2016</title>');
    expect(svg).toContain('<desc id="proef-desc">Regio&#39;s'.replace("&#39;", "'"));
    for (const text of ["Leiden", "Leiderdorp", "Nederland", "2013", "2014", "2015", "2016"]) expect(svg, text).toMatch(new RegExp(`<text[^>]*>${text}</text>`));
    expect(svg).toMatch(/<text[^>]*>Basisjaar 2013<\/text>/);
  });

  it("hold no style attributes or elements (the CSP allows none), no ECharts ids or metadata", () => {
    const svg = render("values");
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/<style/);
    expect(svg).not.toMatch(/zr\d+-|ecmeta_|class="zr/);
    expect(svg).toMatch(/font-size="12px"/);
    const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]!);
    for (const id of ids) expect(id.startsWith("proef-"), id).toBe(true);
  });

  it("give every region its own colour, marker and line, and provisional figures a hollow marker", () => {
    const svg = render("values");
    expect(svg).toContain('stroke="#0b5fa5"'); // Leiden
    expect(svg).toContain('stroke="#b34700"'); // Leiderdorp
    expect(svg).toMatch(/stroke="#595959"[^>]*stroke-dasharray/); // the Netherlands, dotted
    expect(svg).toMatch(/fill="#fff" stroke="#0b5fa5"/); // Leiden 2016, provisional
  });

  it("draw the index view around 100 without the regions that lack a base figure", () => {
    const model = buildSeries(indicator, measurements, { view: "index", base: "2014JJ00", language: "en" });
    expect(model.series.map((s) => s.name)).toEqual(["Leiden", "The Netherlands"]);
    expect(model.notIndexable).toEqual(["GM0547"]);
    const svg = render("index", "en");
    expect(svg).toMatch(/<text[^>]*>100<\/text>/);
    expect(svg).not.toMatch(/<text[^>]*>Leiderdorp<\/text>/);
  });

  it("leave nothing running once disposed: after many charts, no timers or handles stay behind", async () => {
    const before = process.getActiveResourcesInfo().length;
    // Each with its own id, so that none comes from the cache.
    for (let i = 0; i < 100; i++) render(i % 2 ? "values" : "index", "nl", `lek-${i}`);
    // ECharts' last frame timers end on their own; nothing keeps the process alive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(before);
  });

  it("are drawn once per content, then served from memory", () => {
    const first = render("values", "nl", "eenmaal");
    const count = chartsDrawn();
    const second = render("values", "nl", "eenmaal");
    expect(second).toBe(first);
    expect(chartsDrawn()).toBe(count);
    render("values", "en", "eenmaal");
    expect(chartsDrawn()).toBe(count + 1);
  });

  it("clean foreign style declarations instead of passing them through", () => {
    const svg = sanitiseChartSvg('<svg width="1" height="1"><text style="font-size:12px;position:fixed;fill:url(javascript:x)">a</text><style>.x{}</style></svg>', {
      id: "t",
      title: "<T>",
      description: "d & e",
    });
    expect(svg).toBe(
      '<svg width="1" height="1" role="img" aria-labelledby="t-title t-desc" focusable="false"><title id="t-title">&lt;T&gt;</title><desc id="t-desc">d &amp; e</desc><text font-size="12px" fill="url(javascript:x)">a</text></svg>',
    );
  });
});
