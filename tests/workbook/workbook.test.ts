import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_COLUMNS } from "../../app/domain/workbook/layout";
import { api, editor, page, P, SLUG, type Editor } from "../editing/support";
import { testDialects } from "../support/databases";
import { fingerprint } from "../support/fingerprint";
import { startTestServer, type TestServer } from "../support/server";

/** A column's letter on the actions sheet, by field. */
const COL = Object.fromEntries(ACTION_COLUMNS.map((c, i) => [c.key, String.fromCharCode(65 + i)]));

async function download(app: TestServer, path: string, who?: Editor): Promise<Buffer> {
  const res = await fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {} });
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
  return Buffer.from(await res.arrayBuffer());
}

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Posts a file as a multipart form with the session's anti-forgery token. */
async function upload(app: TestServer, path: string, who: Editor, bytes: Uint8Array, name = "werkmap.xlsx") {
  const form = new FormData();
  form.set("_csrf", who.csrf);
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(app.url + path, { method: "POST", headers: { cookie: who.cookie, "Accept-Language": "nl" }, body: form, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

async function post(app: TestServer, path: string, who: Editor, fields: Record<string, string>) {
  const res = await fetch(app.url + path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: who.cookie, "Accept-Language": "nl" },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

const fingerprintOf = (html: string) => /name="fingerprint" value="([0-9a-f]+)"/.exec(html)?.[1] ?? "";
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

/** A zip whose one entry inflates far beyond what it says. */
function zipBomb(): Buffer {
  const name = Buffer.from("xl/workbook.xml");
  const data = deflateRawSync(Buffer.alloc(60 * 1024 * 1024, 0x20));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(4096, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(4096, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe.each(testDialects())("Excel out and back in (%s)", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  let admin: Editor;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
    admin = await editor(app, "admin", "Beheerder");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("downloads the programme with a sheet per kind of record, frozen headers and filters", async () => {
    const bytes = await download(app, `${P}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Programma", "Categorieën", "Thema's", "Voornemens", "Organisaties", "Acties", "Voortgang", "Besluiten", "Mijlpalen", "Indicatormetingen"]);
    const actions = wb.getWorksheet("Acties")!;
    expect(actions.rowCount).toBe(63);
    expect(actions.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(actions.autoFilter).toBeTruthy();
    expect(actions.getRow(1).values).toContain("Trekkers");
    const api1 = await download(app, "/api/v1/programmes/" + SLUG + "/workbook");
    expect(api1.subarray(0, 2).toString()).toBe("PK");
    const home = await page(app, P);
    expect(home.body).toContain(`href="${P}/export.xlsx"`);
  });

  it("changes nothing when the download is imported unchanged", async () => {
    const before = await fingerprint(app.server.services.db);
    const bytes = await download(app, `${P}/export.xlsx`);
    const sent = await upload(app, `${P}/import`, pm, bytes);
    expect(sent.status).toBe(302);
    const preview = await page(app, sent.location!, pm);
    expect(text(preview.body)).toContain("De werkmap verandert niets aan het programma.");
    const applied = await post(app, sent.location!, pm, { intent: "apply", fingerprint: fingerprintOf(preview.body) });
    expect(applied.location).toBe(`${P}/import?applied=0-0-0`);
    expect(await fingerprint(app.server.services.db)).toBe(before);
  });

  it("previews exactly ten edited cells and applies them, with history", async () => {
    const bytes = await download(app, `${P}/export.xlsx`);
    const edits: [string, string][] = [
      [`${COL.title}2`, "Titel uit Excel"],
      [`${COL.description}3`, "Omschrijving uit Excel"],
      [`${COL.planningText}4`, "2015"],
      [`${COL.categoryNote}5`, "via Excel"],
      [`${COL.intendedResults}6`, "Resultaat A\nResultaat B"],
      [`${COL.notes}7`, "Een opmerking"],
      [`${COL.title}8`, "Nog een titel"],
      [`${COL.planningText}9`, "2014 en 2015"],
      [`${COL.description}10`, "Korter"],
      [`${COL.categoryNote}11`, "tweede opmerking"],
    ];
    const edited = await edit(bytes, (wb) => {
      const ws = wb.getWorksheet("Acties")!;
      for (const [cell, value] of edits) ws.getCell(cell).value = value;
    });
    const sent = await upload(app, `${P}/import`, pm, edited);
    expect(sent.status, sent.body.slice(0, 500)).toBe(302);
    const preview = await page(app, sent.location!, pm);
    expect(text(preview.body)).toContain("10 acties met 10 gewijzigde velden, 0 nieuwe acties, 52 acties ongewijzigd.");
    expect((preview.body.match(/<caption>/g) ?? []).length).toBe(10);
    expect(text(preview.body)).toContain("Titel uit Excel");
    const applied = await post(app, sent.location!, pm, { intent: "apply", fingerprint: fingerprintOf(preview.body) });
    expect(applied.location).toBe(`${P}/import?applied=10-0-0`);
    const action1 = await api(app, "GET", `${P}/actions/1`);
    expect(action1.body.title).toBe("Titel uit Excel");
    expect(action1.headers.get("etag")).toMatch(/-v2"$/);
    const history = await app.server.services.history.list({ limit: 20, offset: 0, entityType: "action" });
    expect(history.data.filter((h) => h.operation === "update" && h.actor === "Petra Programmamanager").length).toBeGreaterThanOrEqual(10);
    // The same workbook again: nothing left to change.
    const again = await upload(app, `${P}/import`, pm, edited);
    const second = await page(app, again.location!, pm);
    expect(text(second.body)).toContain("De werkmap verandert niets aan het programma.");
  });

  it("refuses a preview whose programme changed since, and shows the new one", async () => {
    const bytes = await download(app, `${P}/export.xlsx`);
    const edited = await edit(bytes, (wb) => (wb.getWorksheet("Acties")!.getCell(`${COL.planningText}20`).value = "2016"));
    const sent = await upload(app, `${P}/import`, pm, edited);
    const preview = await page(app, sent.location!, pm);
    const number = Number(/Actie (\d+):/.exec(text(preview.body))?.[1]);
    const current = (await app.server.services.actions.snapshot((await app.server.services.programmes.get(SLUG))!.id, number))!;
    await app.server.services.actions.update({
      programmeId: (await app.server.services.programmes.get(SLUG))!.id,
      number,
      expectedVersion: current.version,
      patch: { title: "Ondertussen gewijzigd" },
      actor: { userId: null, label: "test" },
      now: new Date().toISOString(),
    });
    const before = await fingerprint(app.server.services.db);
    const applied = await post(app, sent.location!, pm, { intent: "apply", fingerprint: fingerprintOf(preview.body) });
    expect(applied.status).toBe(409);
    expect(text(applied.body)).toContain("Het programma is veranderd sinds u de wijzigingen bekeek.");
    expect(await fingerprint(app.server.services.db)).toBe(before);
  });

  it("names the sheet, row and column of a bad cell and applies nothing", async () => {
    const before = await fingerprint(app.server.services.db);
    const bytes = await download(app, `${P}/export.xlsx`);
    const edited = await edit(bytes, (wb) => {
      const ws = wb.getWorksheet("Acties")!;
      ws.getCell(`${COL.title}2`).value = "Dit zou mogen";
      ws.getCell(`${COL.leadUnknown}5`).value = "misschien";
    });
    const sent = await upload(app, `${P}/import`, pm, edited);
    expect(sent.status).toBe(400);
    expect(text(sent.body)).toContain(`Blad „Acties”, rij 5, kolom ${COL.leadUnknown}: hier hoort „ja” of „nee”.`);
    expect(await fingerprint(app.server.services.db)).toBe(before);
  });

  it("keeps malicious cells text through a round trip and creates new organisations and actions", async () => {
    const bytes = await download(app, `${P}/export.xlsx`);
    const evil = ['=HYPERLINK("http://example.org","klik")', "+31 71 000", "-1", "@SUM(A1:A2)", "\t=1+1"];
    const edited = await edit(bytes, (wb) => {
      const ws = wb.getWorksheet("Acties")!;
      evil.forEach((value, i) => (ws.getCell(`${COL.planningText}${30 + i}`).value = value));
      const row = ws.rowCount + 1;
      ws.getCell(`A${row}`).value = 70;
      ws.getCell(`${COL.title}${row}`).value = "Nieuwe actie uit Excel";
      ws.getCell(`${COL.intentionCode}${row}`).value = "1.1";
      ws.getCell(`${COL.leads}${row}`).value = "Stichting Excelproef (eerste jaar)";
      ws.getCell(`${COL.links}${row}`).value = "hangt samen met actie 1";
    });
    const sent = await upload(app, `${P}/import`, pm, edited);
    expect(sent.status, sent.body.slice(0, 400)).toBe(302);
    const preview = await page(app, sent.location!, pm);
    expect(text(preview.body)).toContain("„Stichting Excelproef” is nog onbekend");
    const applied = await post(app, sent.location!, pm, { intent: "apply", fingerprint: fingerprintOf(preview.body), [`org.stichtingexcelproef`]: "new" });
    expect(applied.location).toBe(`${P}/import?applied=5-1-1`);
    const created = await api(app, "GET", `${P}/actions/70`);
    expect(created.status).toBe(200);
    const again = await download(app, `${P}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(again as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Acties")!;
    evil.forEach((value, i) => {
      const cell = ws.getCell(`${COL.planningText}${30 + i}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(value);
      expect(cell.numFmt).toBe("@");
    });
    expect(ws.getCell(`${COL.leads}${ws.rowCount}`).value).toBe("Stichting Excelproef (eerste jaar)");
  });

  it("refuses a zip bomb, a sheet over the row limit and a workbook of the wrong shape, changing nothing", async () => {
    const before = await fingerprint(app.server.services.db);
    const bomb = await upload(app, `${P}/import`, pm, zipBomb());
    expect(bomb.status).toBe(400);
    expect(text(bomb.body)).toContain("zip-bom");

    const big = new ExcelJS.Workbook();
    const sheet = big.addWorksheet("Acties");
    sheet.addRow(ACTION_COLUMNS.map((c) => c.nl));
    for (let i = 1; i <= 100_000; i++) sheet.addRow([i, `Actie ${i}`]);
    const tooMany = await upload(app, `${P}/import`, pm, Buffer.from(await big.xlsx.writeBuffer()));
    expect(tooMany.status).toBe(400);
    expect(text(tooMany.body)).toContain("Blad „Acties”, rij 10002: het blad heeft meer dan 10000 rijen");

    const wrong = new ExcelJS.Workbook();
    wrong.addWorksheet("Blad1").addRow(["iets", "anders"]);
    const shape = await upload(app, `${P}/import`, pm, Buffer.from(await wrong.xlsx.writeBuffer()));
    expect(shape.status).toBe(400);
    expect(text(shape.body)).toContain("het blad „Acties” ontbreekt");

    const notZip = await upload(app, `${P}/import`, pm, Buffer.from("number;title\n1;x\n"));
    expect(text(notZip.body)).toContain("Dit is geen Excel-werkmap");
    expect(await fingerprint(app.server.services.db)).toBe(before);
  });

  it("lets only the programme manager import, and only the uploader see the preview", async () => {
    const steering = await editor(app, "steering-group");
    expect((await page(app, `${P}/import`, steering)).status).toBe(403);
    const bytes = await download(app, `${P}/export.xlsx`);
    const sent = await upload(app, `${P}/import`, pm, bytes);
    const other = await editor(app, "programme-manager");
    expect((await page(app, sent.location!, other)).status).toBe(404);
  });

  it("creates a new programme from the filled-in blank template", async () => {
    const blank = await download(app, `/programmes/template.xlsx`);
    const filled = await edit(blank, (wb) => {
      wb.getWorksheet("Programma")!.addRow(["werk-en-wonen-2020-2023", "Werk en wonen", "Uitvoeringsprogramma", "nl", 2020, 2023, "2020-02-01", "De raden", null, "Meer banen en woningen", "Gemeente Noordstad\nGemeente Leiden", "", "", ""]);
      wb.getWorksheet("Categorieën")!.addRow([1, "groen", "Snel", "Snel te doen"]);
      wb.getWorksheet("Thema's")!.addRow([1, "Werk", "Meer werk", ""]);
      wb.getWorksheet("Thema's")!.addRow([2, "Wonen", "Meer woningen", ""]);
      wb.getWorksheet("Voornemens")!.addRow(["1.1", "Banen"]);
      wb.getWorksheet("Voornemens")!.addRow(["2.1", "Huizen"]);
      wb.getWorksheet("Organisaties")!.addRow(["Gemeente Noordstad", "gemeente", "Noordstad", ""]);
      for (let n = 1; n <= 5; n++) {
        wb.getWorksheet("Acties")!.addRow([n, `Werkactie ${n}`, "Omschrijving", "", null, n <= 3 ? "1.1" : "2.1", "", n === 1 ? "Noordstad (tot 2021)" : "Gemeente Leiden", "", "", "nee", "", "2021", n === 2 ? 1 : null, "", n === 5 ? "hangt samen met actie 1" : ""]);
      }
    });
    const sent = await upload(app, "/admin/programme-import", admin, filled, "nieuw.xlsx");
    expect(sent.status, text(sent.body).slice(0, 600)).toBe(302);
    const preview = await page(app, sent.location!, admin);
    expect(text(preview.body)).toContain("Programma „Werk en wonen” (werk-en-wonen-2020-2023), 2020–2023: 2 thema's, 5 acties.");
    expect((await api(app, "GET", "/programmes/werk-en-wonen-2020-2023")).status).toBe(404);
    const created = await post(app, sent.location!, admin, { intent: "create" });
    expect(created.location).toBe("/admin/programme-import?created=werk-en-wonen-2020-2023");
    const programme = await api(app, "GET", "/programmes/werk-en-wonen-2020-2023");
    expect(programme.status).toBe(200);
    const list = await api(app, "GET", "/programmes/werk-en-wonen-2020-2023/actions");
    expect(list.body.total).toBe(5);
    const shown = await page(app, "/programmes/werk-en-wonen-2020-2023/actions/1");
    expect(shown.status).toBe(200);
    expect(text(shown.body)).toContain("Werkactie 1");
    expect(text(shown.body)).toContain("Gemeente Noordstad");
    // The same template again is refused: the programme exists.
    const again = await upload(app, "/admin/programme-import", admin, filled, "nieuw.xlsx");
    expect(again.status).toBe(400);
    expect(text(again.body)).toContain("er is al een programma „werk-en-wonen-2020-2023”");
  });
});
