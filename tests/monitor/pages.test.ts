import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { startCbsFixtureServer } from "./cbs-fixture-server";
import { FULL_83625NED, MONITOR_DATA, read } from "./fixtures";
import { P, postImport, signInAs, tableValues, type Session } from "./support";

async function measurementCount(app: TestServer): Promise<number> {
  const row = await app.server.services.db.kysely
    .selectFrom("measurement")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every `id="…"` of a page, to check that the inline SVGs do not clash. */
function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
}

describe.each(testDialects())("monitor pages (%s)", (dialect) => {
  let app: TestServer;
  const html = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.get(path, { "Accept-Language": "nl", ...headers });
    return { status: res.status, body: await res.text(), headers: res.headers };
  };
  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("shows the monitor by theme with small charts, each an accessible SVG within the CSP", async () => {
    const page = await html(`${P}/monitor`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Economische monitor");
    expect(page.body).toContain("Actie 61 van het programma");
    for (const theme of ["Economische structuurversterking", "Ondernemerschap &amp; starters", "Onderwijs &amp; arbeidsmarkt", "Regiomarketing &amp; acquisitie"]) {
      expect(page.body).toContain(theme);
    }
    expect(page.body).toContain(`href="${P}/monitor/verkoopprijs-koopwoningen"`);
    const svgs = page.body.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs.length).toBe(14); // every indicator with figures
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-labelledby="klein-[a-z-]+-title klein-[a-z-]+-desc"/);
    }
    // No inline styles: the Content-Security-Policy (style-src 'self') would block them.
    expect(page.headers.get("content-security-policy")).toContain("style-src 'self'");
    expect(page.body).not.toMatch(/\sstyle="/);
    expect(page.body).not.toMatch(/<style[\s>]/);
    const all = ids(page.body);
    expect(all.length).toBe(new Set(all).size);
    expect(page.body).toContain("Nog geen cijfers geladen.");
    // Visitors see no import form, but how to get one.
    expect(page.body).not.toContain('type="file"');
    expect(page.body).toContain("Analisten en de programmamanager kunnen hier cijfers inlezen na het inloggen.");
  });

  it("draws an indicator per region over time; the SVG names its regions and periods, and the table holds the stored values", async () => {
    const page = await html(`${P}/monitor/verkoopprijs-koopwoningen`);
    expect(page.status).toBe(200);
    const svg = /<svg\b[\s\S]*?<\/svg>/.exec(page.body)![0];
    expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-labelledby="grafiek-verkoopprijs-koopwoningen-title grafiek-verkoopprijs-koopwoningen-desc"/);
    expect(svg).toContain('<title id="grafiek-verkoopprijs-koopwoningen-title">Gemiddelde verkoopprijs van bestaande koopwoningen per regio, 2015–2024</title>');
    for (const region of ["Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude", "Zuid-Holland", "Nederland"]) {
      expect(svg, region).toMatch(new RegExp(`<text[^>]*>${region}</text>`));
      expect(svg).toContain(region);
    }
    for (let year = 2015; year <= 2024; year++) expect(svg, String(year)).toMatch(new RegExp(`<text[^>]*>${year}</text>`));
    expect(svg).not.toContain("2025");
    // The substitute baseline is drawn and labelled.
    expect(svg).toContain("Vervangend basisjaar 2015");
    expect(page.body).toContain("vervangend basisjaar");
    expect(page.body).toContain("2015, vervangend basisjaar: er is geen cijfer over 2013 geladen");

    const programme = (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!;
    const stored = (await app.server.services.monitor.get(programme.id, "verkoopprijs-koopwoningen"))!;
    const table = tableValues(page.body);
    expect(table.size).toBe(70);
    for (const m of stored.measurements) expect(table.get(`${m.region}|${m.period}`), `${m.region} ${m.period}`).toBe(m.value);
    expect(page.body).toContain("236.456");
    expect(page.body).toContain("Bron: CBS, tabel 83625NED (Bestaande koopwoningen; gemiddelde verkoopprijzen, regio), CC BY 4.0");
    expect(page.body).toContain("opgehaald op 17 juli 2026");
  });

  it("marks the programme's baseline, computes the region's sum, and shows missing years as gaps with their reason", async () => {
    const page = await html(`${P}/monitor/bevolking`);
    expect(page.status).toBe(200);
    const table = tableValues(page.body);
    // 2018 has no figure loaded for the municipalities: a row with empty cells, said in words.
    expect(table.get("GM0546|2018JJ00")).toBeNull();
    expect(page.body).toContain("geen cijfer: niet geladen");
    expect(table.get("LR071|2017JJ00")).toBe(208079);
    expect(page.body).toMatch(/<tr data-period="2013JJ00" class="is-baseline">/);
    expect(page.body).toContain("Leidse regio (vijf gemeenten): som van de vijf gemeenten, berekend door Regie");
    // Counts: Zuid-Holland and the Netherlands are in the table, not in the values chart (they would flatten the municipalities).
    const svg = /<svg\b[\s\S]*?<\/svg>/.exec(page.body)![0];
    expect(svg).not.toMatch(/<text[^>]*>Nederland<\/text>/);
    expect(table.get("NL01|2019JJ00")).toBe(17282163);
    const hboWo = await html(`${P}/monitor/opleidingsniveau-hbo-wo`);
    expect(hboWo.body).toContain("geen cijfer: nog niet gepubliceerd of niet mogelijk");
  });

  it("switches to the index view with a chosen base, by link and by GET form", async () => {
    const page = await html(`${P}/monitor/bevolking?view=index&base=2019`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Indexcijfers (2019 = 100)");
    const table = tableValues(page.body);
    for (const region of ["GM0546", "LR071", "PV28", "NL01"]) expect(table.get(`${region}|2019JJ00`), region).toBe(100);
    expect(table.get("NL01|2020JJ00")).toBe(Math.round((17407585 / 17282163) * 1000) / 10);
    const svg = /<svg\b[\s\S]*?<\/svg>/.exec(page.body)![0];
    expect(svg).toMatch(/<text[^>]*>Nederland<\/text>/);
    expect(page.body).toMatch(/<select id="index-base" name="base"/);
    expect(page.body).toContain('aria-current="page"');
    const defaultBase = await html(`${P}/monitor/banen?view=index`);
    expect(defaultBase.body).toContain("Indexcijfers (2013 = 100)");
    const bad = await html(`${P}/monitor/bevolking?view=index&base=1990`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Kies als basisperiode een periode met cijfers.");
    expect((await html(`${P}/monitor/geen-indicator`)).status).toBe(404);
    expect((await html(`${P}/monitor/Geen_Indicator`)).status).toBe(404);
  });

  it("lists each theme's indicators on the theme page, and speaks English", async () => {
    const theme = await html(`${P}/themes/4`);
    expect(theme.status).toBe(200);
    expect(theme.body).toContain(`href="${P}/monitor/verkoopprijs-koopwoningen"`);
    expect(theme.body).toContain("Laatste cijfer: 474.092 euro (Leiden, 2024)");
    const english = await html(`${P}/monitor/verkoopprijs-koopwoningen?lang=en`);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain("by region, 2015–2024");
    expect(english.body).toContain("Substitute baseline 2015");
    expect(english.body).toContain("236,456");
  });

  describe("importing through the page", () => {
    let analyst: Session;
    beforeAll(async () => {
      analyst = await signInAs(app, "analyst");
    });

    it("shows analysts the form; refuses visitors and people without the right role", async () => {
      const page = await html(`${P}/monitor`, { cookie: analyst.cookie });
      expect(page.body).toContain('type="file"');
      expect(page.body).toMatch(/<form[^>]*encType="multipart\/form-data"[^>]*method="post"/i);
      expect(page.body).toContain(`name="_csrf" value="${analyst.csrf}"`);
      const partner = await signInAs(app, "partner");
      expect((await postImport(app, partner, { name: "x.json", content: read(FULL_83625NED) })).status).toBe(403);
      const noCsrf = await postImport(app, { ...analyst, csrf: "wrong" }, { name: "x.json", content: read(FULL_83625NED) });
      expect(noCsrf.status).toBe(403);
      const visitor = await postImport(app, null, { name: "x.json", content: read(FULL_83625NED) });
      expect([302, 303, 403]).toContain(visitor.status);
      expect(await measurementCount(app)).toBe(301);
    });

    it("imports the real v4 file: 2025 appears; a second import changes nothing", async () => {
      const before = await html(`${P}/monitor/verkoopprijs-koopwoningen`);
      expect(tableValues(before.body).has("GM0546|2025JJ00")).toBe(false);
      const res = await postImport(app, analyst, { name: "observations-page-1.json", content: read(FULL_83625NED) });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain("Ingelezen uit observations-page-1.json: 7 nieuw, 0 gewijzigd, 70 ongewijzigd.");
      expect(body).toContain("Vermeld bij deze cijfers: Bron: CBS, tabel 83625NED");
      const after = await html(`${P}/monitor/verkoopprijs-koopwoningen`);
      expect(tableValues(after.body).get("NL01|2025JJ00")).toBe(479527);
      expect(/<svg\b[\s\S]*?<\/svg>/.exec(after.body)![0]).toMatch(/<text[^>]*>2025<\/text>/);
      const again = await (await postImport(app, analyst, { name: "observations-page-1.json", content: read(FULL_83625NED) })).text();
      expect(again).toContain("0 nieuw, 0 gewijzigd, 77 ongewijzigd");
      const programme = (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!;
      const imports = await app.server.services.monitor.imports(programme.id, 1);
      expect(imports[0]).toMatchObject({ channel: "web", sourceName: "observations-page-1.json" });
    });

    it("updates the indicator definitions from their JSON file", async () => {
      const file = read(join(MONITOR_DATA, "indicators.json"));
      const res = await postImport(app, analyst, { name: "indicators.json", content: file });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Indicatordefinities voor kennis-en-werk-071-2013-2015: 0 nieuw, 0 gewijzigd, 19 ongewijzigd.");
      const broken = await postImport(app, analyst, { name: "indicators.json", content: file.replace('"theme": 5', '"theme": 9') });
      expect(broken.status).toBe(400);
      expect(await broken.text()).toContain("hoort bij thema 9, dat het programma niet heeft");
    });

    it("marks provisional figures, in the table and the chart", async () => {
      const csv = "indicator,region,period,value,status\nverkoopprijs-koopwoningen,GM0638,2025JJ00,612000,voorlopig\n";
      const res = await postImport(app, analyst, { name: "voorlopig.csv", content: csv, type: "text/csv" }, { retrieved: "2026-11-01" });
      expect(res.status).toBe(200);
      const page = await html(`${P}/monitor/verkoopprijs-koopwoningen`);
      const row = /<tr data-period="2025JJ00"[\s\S]*?<\/tr>/.exec(page.body)![0];
      expect(row).toMatch(/612\.000<span class="regie-flag" aria-hidden="true">v<\/span><span class="regie-visually-hidden"> \(voorlopig\)<\/span>/);
      expect(page.body).toContain("v = voorlopig of nader voorlopig cijfer");
      expect(page.body).toContain("opgehaald op 1 november 2026");
      // The hollow marker of Zoeterwoude's series (olive) for 2025.
      expect(/<svg\b[\s\S]*?<\/svg>/.exec(page.body)![0]).toMatch(/fill="#fff" stroke="#6b5800"/);
    });

    it("fetches a table from the CBS API (CBS_ODATA_URL) with the button", async () => {
      const cbs = await startCbsFixtureServer({ pageSize: 25 });
      const saved = process.env.CBS_ODATA_URL;
      process.env.CBS_ODATA_URL = cbs.url;
      try {
        const page = await html(`${P}/monitor`, { cookie: analyst.cookie });
        expect(page.body).toContain(`Haalt de cijfers van een CBS-tabel voor alle indicatoren die erop steunen rechtstreeks op bij ${cbs.url}.`);
        expect(page.body).toMatch(/<option value="03759ned"/);
        const form = new FormData();
        form.set("_csrf", analyst.csrf);
        form.set("intent", "fetch");
        form.set("table", "03759ned");
        const res = await fetch(`${app.url}${P}/monitor`, { method: "POST", body: form, headers: { cookie: analyst.cookie, "Accept-Language": "nl" } });
        expect(res.status).toBe(200);
        expect(await res.text()).toContain("Inwoners: 0 nieuw, 0 gewijzigd, 56 ongewijzigd");
        expect(cbs.requests.filter((r) => r.includes("/Observations"))).toHaveLength(5);
        form.set("table", "99999NED");
        const bad = await fetch(`${app.url}${P}/monitor`, { method: "POST", body: form, headers: { cookie: analyst.cookie, "Accept-Language": "nl" } });
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain("Kies een CBS-tabel uit de lijst.");
      } finally {
        if (saved === undefined) delete process.env.CBS_ODATA_URL;
        else process.env.CBS_ODATA_URL = saved;
        await cbs.close();
      }
    });

    it("refuses bad files with a clear message, and writes nothing", async () => {
      const count = await measurementCount(app);
      const text = read(FULL_83625NED);
      const cases: [string, string, string][] = [
        ["afgebroken.json", text.slice(0, 4000), "Het bestand is geen geldige JSON"],
        ["ander.json", text.replace("/CBS/83625NED/", "/CBS/84000NED/"), "Geen indicator van de monitor gebruikt CBS-tabel 84000NED"],
        ["regio.json", text.replace('"RegioS": "GM0547"', '"RegioS": "Leiderdorp"'), "„Leiderdorp” is geen CBS-regiocode"],
        ["tekst.csv", "indicator,region,period,value,status\nbevolking,GM0546,2012JJ00,veel,final\n", "regel 2, kolom value: „veel” is geen getal"],
        ["regio.csv", "indicator,region,period,value,status\nbevolking,GM9999,2012JJ00,1,final\n", "Indicator bevolking wordt niet gemeten voor regio GM9999."],
      ];
      for (const [name, content, message] of cases) {
        const res = await postImport(app, analyst, { name, content });
        expect(res.status, name).toBe(400);
        const body = await res.text();
        expect(body, name).toContain("Het bestand is niet ingelezen; er is niets opgeslagen.");
        expect(body, name).toContain(message);
      }
      expect((await postImport(app, analyst, null)).status).toBe(400);
      expect(await measurementCount(app)).toBe(count);
    });
  });
});

describe("uploads over MAX_UPLOAD_MB", () => {
  let app: TestServer;
  let analyst: Session;
  beforeAll(async () => {
    app = await startTestServer("sqlite", { MAX_UPLOAD_MB: "0.05" });
    analyst = await signInAs(app, "programme-manager");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("are refused with 413 from their declared length, before they are read", async () => {
    const count = await measurementCount(app);
    const big = read(FULL_83625NED).repeat(6); // about 80 kB
    const res = await postImport(app, analyst, { name: "groot.json", content: big });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("0.05");
    expect(await measurementCount(app)).toBe(count);
  });

  it("are refused with 413 while streaming when no length is declared", async () => {
    const count = await measurementCount(app);
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 8) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${app.url}${P}/monitor`, {
      method: "POST",
      body,
      headers: { cookie: analyst.cookie, "content-type": "multipart/form-data; boundary=x", "Accept-Language": "nl" },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await measurementCount(app)).toBe(count);
  });

  it("still takes a file under the limit", async () => {
    const res = await postImport(app, analyst, { name: "observations-page-1.json", content: read(FULL_83625NED) });
    expect(res.status).toBe(200);
  });
});
