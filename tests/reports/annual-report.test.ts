import mammoth from "mammoth";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, editor, etagOf, P, page, plain, postForm, type Editor } from "../editing/support";
import { testDialects } from "../support/databases";
import { actionId, insertRound, insertUpdates, programmeId } from "../support/progress-factories";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The 2014 annual report of the default programme, with an update round, progress updates and
 * decisions made here: all 62 actions, counts equal to the API's, the same titles and counts in
 * Word and PDF, a tagged PDF with its language, and a final report that no later edit changes.
 */

interface ReportJson {
  final: boolean;
  counts: {
    total: number;
    byCategory: { category: number | null; count: number }[];
    byStatus: { status: string; count: number }[];
    byTheme: { theme: number | null; title: string; total: number; byCategory: { category: number | null; count: number }[] }[];
  };
  themes: { intentions: { actions: { number: number; title: string; category: number | null; status: string | null; changes: unknown[]; narrative: string | null }[] }[] }[];
  decisions: { title: string }[];
  attention: { number: number; reasons: string[] }[];
  introduction: string;
}

const actionsOf = (r: ReportJson) => r.themes.flatMap((t) => t.intentions.flatMap((i) => i.actions));
const squash = (s: string) => s.replace(/\s+/g, " ");

async function pdfText(bytes: Uint8Array) {
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false }).promise;
  let text = "";
  const roles = new Set<string>();
  const walk = (node: { role?: string; children?: unknown[] } | null) => {
    if (!node) return;
    if (node.role) roles.add(node.role);
    for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const content = await p.getTextContent();
    text += content.items.map((i) => ("str" in i ? i.str + (i.hasEOL ? " " : "") : "")).join("") + " ";
    walk((await p.getStructTree()));
  }
  const meta = (await doc.getMetadata()) as { info: { Language?: string; Title?: string } };
  const outline = await doc.getOutline();
  await doc.destroy();
  return { text: squash(text), roles, language: meta.info.Language, title: meta.info.Title, outline: outline ?? [] };
}

describe.each(testDialects())("the annual report (%s)", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  let member: Editor;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
    member = await editor(app, "coordination-group", "Coen Coördinatie");
    const db = app.database.db;
    const programme = await programmeId(db, "kennis-en-werk-071-2013-2015");
    const round = await insertRound(db, { programmeId: programme, period: "2014-H2", openedOn: "2014-11-01", dueOn: "2014-12-01", closesOn: "2014-12-15", status: "closed" });
    await insertUpdates(db, [
      { actionId: await actionId(db, programme, 1), status: "on-track", period: "2014-H1", roundId: null, narrative: "Eerste helft goed." },
      { actionId: await actionId(db, programme, 1), status: "delayed", period: "2014-H2", roundId: round, narrative: "Vertraagd door de aanbesteding." },
      { actionId: await actionId(db, programme, 2), status: "done", period: "2014-H2", roundId: round },
      { actionId: await actionId(db, programme, 3), status: "at-risk", period: "2014-H2", roundId: round },
      { actionId: await actionId(db, programme, 4), status: "on-track", period: "2015-H1", roundId: null },
    ]);
    // One change within 2014, one after it: the report counts the first and not the second.
    const within = await api(app, "POST", `${P}/decisions`, {
      as: { bearer: pm },
      json: { decidedOn: "2014-06-30", kind: "categories", title: "Actie 5 naar categorie 2", text: "Budget gevonden.", actions: [{ number: 5, from: 3, to: 2 }] },
    });
    expect(within.status).toBe(201);
    const after = await api(app, "POST", `${P}/decisions`, {
      as: { bearer: pm },
      json: { decidedOn: "2015-02-01", kind: "categories", title: "Actie 7 naar categorie 1", text: "", actions: [{ number: 7, from: 2, to: 1 }] },
    });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("holds all 62 actions, with counts per theme and category equal to the API's at the end of 2014", async () => {
    const res = await api(app, "GET", `${P}/reports/2014`, { as: { bearer: member } });
    expect(res.status).toBe(200);
    const report = res.body as unknown as ReportJson;
    expect(report.final).toBe(false);
    const actions = actionsOf(report);
    expect(actions).toHaveLength(62);
    expect(new Set(actions.map((a) => a.number)).size).toBe(62);
    expect(report.counts.total).toBe(62);

    const programme = await api(app, "GET", `${P}?asOf=2014-12-31`);
    const apiCounts = (programme.body as unknown as { actionCounts: { category: number | null; count: number }[] }).actionCounts;
    for (const c of apiCounts) expect(report.counts.byCategory.find((b) => b.category === c.category)?.count ?? 0, `category ${c.category}`).toBe(c.count);
    expect(report.counts.byCategory.find((c) => c.category === 2)?.count).toBe(26);

    for (const row of report.counts.byTheme.filter((r) => r.theme !== null)) {
      const all = await api(app, "GET", `${P}/actions?theme=${row.theme}&asOf=2014-12-31&limit=1`);
      expect(all.body.total, `theme ${row.theme}`).toBe(row.total);
      for (const c of row.byCategory.filter((b) => b.category !== null)) {
        const some = await api(app, "GET", `${P}/actions?theme=${row.theme}&category=${c.category}&asOf=2014-12-31&limit=1`);
        expect(some.body.total, `theme ${row.theme} category ${c.category}`).toBe(c.count);
      }
    }

    const byNumber = new Map(actions.map((a) => [a.number, a]));
    expect(byNumber.get(1)).toMatchObject({ status: "delayed", narrative: "Vertraagd door de aanbesteding." });
    expect(byNumber.get(2)!.status).toBe("done");
    // An update about 2015 is not part of 2014.
    expect(byNumber.get(4)!.status).toBeNull();
    expect(byNumber.get(5)).toMatchObject({ category: 2, changes: [{ decidedOn: "2014-06-30", from: 3, to: 2 }] });
    expect(byNumber.get(7)!.category).toBe(2);
    expect(report.decisions.map((d) => d.title)).toContain("Actie 5 naar categorie 2");
    expect(report.decisions.map((d) => d.title)).not.toContain("Actie 7 naar categorie 1");
    expect(report.counts.byStatus).toEqual(
      expect.arrayContaining([
        { status: "delayed", count: 1 },
        { status: "done", count: 1 },
        { status: "at-risk", count: 1 },
        { status: "none", count: 59 },
      ]),
    );
    const attention = new Map(report.attention.map((a) => [a.number, a.reasons]));
    expect(attention.get(1)).toContain("delayed");
    expect(attention.get(3)).toContain("at-risk");
    expect(attention.get(6)).toContain("no-update");
    expect(attention.has(2)).toBe(false);
  });

  it("keeps drafts from the public and refuses years outside the programme", async () => {
    expect((await api(app, "GET", `${P}/reports/2014`)).status).toBe(401);
    expect((await api(app, "GET", `${P}/reports/2014.pdf`)).status).toBe(401);
    expect((await api(app, "GET", `${P}/reports/2011`, { as: { bearer: member } })).status).toBe(404);
    expect((await api(app, "GET", `${P}/reports/20x4`, { as: { bearer: member } })).status).toBe(400);
    expect((await page(app, `${P}/reports/2014`)).status).toBe(302);
  });

  it("shows the same titles and counts in Word and in a tagged PDF with its language and bookmarks", async () => {
    const report = (await api(app, "GET", `${P}/reports/2014`, { as: { bearer: member } })).body as unknown as ReportJson;
    const titles = actionsOf(report).map((a) => `${a.number}. ${a.title}`);

    const docx = await fetch(`${app.url}/api/v1${P}/reports/2014.docx`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain("kennis-en-werk-071-2013-2015-jaarverslag-2014.docx");
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(html).toContain("<h1>Jaarverslag 2014: Kennis &amp; Werk #071</h1>");
    expect(html).toMatch(/<table><thead><tr><th>/);
    const docText = squash(plain(html));
    for (const title of titles) expect(docText).toContain(squash(title));
    const totals = report.counts.byTheme.map((r) => String(r.total));
    expect(docText).toContain(`Totaal ${report.counts.byCategory.map((c) => c.count).join(" ")} 62`);
    expect(totals.length).toBeGreaterThan(0);

    const pdf = await fetch(`${app.url}/api/v1${P}/reports/2014.pdf`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const read = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const title of titles) expect(read.text).toContain(squash(title));
    expect(read.text).toContain(`Totaal ${report.counts.byCategory.map((c) => c.count).join(" ")} 62`);
    expect(read.language).toBe("nl-NL");
    expect(read.title).toBe("Jaarverslag 2014: Kennis & Werk #071");
    for (const role of ["H1", "H2", "H3", "Table", "TR", "TH", "TD", "P"]) expect(read.roles, role).toContain(role);
    expect(read.outline.map((o: { title: string }) => o.title)).toContain("Inleiding");

    const english = await fetch(`${app.url}/api/v1${P}/reports/2014.pdf?lang=en`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(english.headers.get("content-disposition")).toContain("kennis-en-werk-071-2013-2015-annual-report-2014.pdf");
    const en = await pdfText(new Uint8Array(await english.arrayBuffer()));
    expect(en.language).toBe("en-GB");
    expect(en.text).toContain("Annual report 2014");
    // Three documents with 19 charts each: generous on a busy machine.
  }, 180_000);

  it("lets the programme manager write the texts, and a final report does not change when an action is edited afterwards", async () => {
    const edit = await page(app, `${P}/reports/2014/edit`, pm);
    expect(edit.status).toBe(200);
    expect((await page(app, `${P}/reports/2014/edit`, member)).status).toBe(403);
    const saved = await postForm(app, `${P}/reports/2014/edit`, pm, {
      version: "0",
      introduction: "Het jaar van de eerste resultaten.",
      "theme.1": "Thema 1 liep voorspoedig.",
    });
    expect(saved.status).toBe(302);
    const stale = await postForm(app, `${P}/reports/2014/edit`, pm, { version: "0", introduction: "Oud" });
    expect(stale.status).toBe(409);
    const history = await app.server.services.history.list({ limit: 5, offset: 0, entityType: "report" });
    expect(history.data[0]).toMatchObject({ entityLabel: "Jaarverslag 2014", operation: "create", after: { introduction: "Het jaar van de eerste resultaten." } });

    const draftPage = plain((await page(app, `${P}/reports/2014`, pm)).body);
    expect(draftPage).toContain("Het jaar van de eerste resultaten.");
    expect(draftPage).toContain("Thema 1 liep voorspoedig.");

    const refused = await postForm(app, `${P}/reports/2014`, pm, { version: "1" });
    expect(refused.status).toBe(400);
    expect((await postForm(app, `${P}/reports/2014`, member, { version: "1", confirm: "1" })).status).toBe(403);
    const finalised = await postForm(app, `${P}/reports/2014`, pm, { version: "1", confirm: "1" });
    expect(finalised.status).toBe(302);
    const before = (await api(app, "GET", `${P}/reports/2014`)).body as unknown as ReportJson;
    expect(before.final).toBe(true);
    expect(before.introduction).toBe("Het jaar van de eerste resultaten.");

    const tag = await etagOf(app, `${P}/actions/1`);
    const patched = await api(app, "PATCH", `${P}/actions/1`, { as: { bearer: pm }, ifMatch: tag, json: { title: "Een nieuwe titel na afloop" } });
    expect(patched.status).toBe(200);
    await insertUpdates(app.database.db, [
      { actionId: await actionId(app.database.db, await programmeId(app.database.db, "kennis-en-werk-071-2013-2015"), 10), status: "stopped", period: "2014-H2" },
    ]);

    const afterwards = (await api(app, "GET", `${P}/reports/2014`)).body as unknown as ReportJson;
    expect(afterwards).toEqual(before);
    expect(actionsOf(afterwards).find((a) => a.number === 1)!.title).not.toBe("Een nieuwe titel na afloop");
    // The public may read it now, as JSON, as a page and as files; its texts no longer change.
    expect(plain((await page(app, `${P}/reports/2014`)).body)).toContain("Het jaar van de eerste resultaten.");
    expect((await fetch(`${app.url}/api/v1${P}/reports/2014.docx`)).status).toBe(200);
    expect((await postForm(app, `${P}/reports/2014/edit`, pm, { version: "2", introduction: "Later" })).status).toBe(409);
    expect((await page(app, `${P}/reports`)).body).toContain(`${P}/reports/2014`);
  });
});
