import mammoth from "mammoth";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, editor, page, plain, P, postForm, type Editor } from "../editing/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The annual programme 2015 of the default programme: exactly the actions with planning covering 2015
 * or a milestone due in it (worked out here from the actions API), the same in Word and PDF; the
 * programme manager proposes it, the steering group's adoption is a decision in the decisions API and
 * makes the document final; bad input changes nothing.
 */

interface ProgrammeJson {
  status: string;
  adoptedAt: string | null;
  counts: { total: number; new: number };
  themes: { intentions: { actions: { number: number; title: string; isNew: boolean }[] }[] }[];
}
interface ActionJson {
  number: number;
  title: string;
  planningYears: number[];
  milestones: { due: { end: string | null; precision: string } }[];
}

const squash = (s: string) => s.replace(/\s+/g, " ");
const actionsOf = (r: ProgrammeJson) => r.themes.flatMap((t) => t.intentions.flatMap((i) => i.actions));

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
    walk(await p.getStructTree());
  }
  const meta = (await doc.getMetadata()) as { info: { Language?: string; Title?: string } };
  await doc.destroy();
  return { text: squash(text), roles, language: meta.info.Language, title: meta.info.Title };
}

describe.each(testDialects())("the annual programme (%s)", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  let member: Editor;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
    member = await editor(app, "coordination-group", "Coen Coördinatie");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("holds exactly the actions with planning covering 2015 or a milestone due in it, in Word and PDF too", async () => {
    const actions = (await api(app, "GET", `${P}/actions?limit=500`)).body as unknown as { data: ActionJson[] };
    const expected = actions.data
      .filter((a) => a.planningYears.includes(2015) || a.milestones.some((m) => m.due.precision !== "recurring" && (m.due.end ?? "").startsWith("2015")))
      .map((a) => a.number)
      .sort((x, y) => x - y);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(actions.data.length + 1);

    const res = await api(app, "GET", `${P}/reports/2015/programme`, { as: { bearer: member } });
    expect(res.status).toBe(200);
    const model = res.body as unknown as ProgrammeJson;
    expect(model.status).toBe("draft");
    const listed = actionsOf(model).map((a) => a.number).sort((x, y) => x - y);
    expect(listed).toEqual(expected);
    expect(model.counts.total).toBe(expected.length);

    const titles = actionsOf(model).map((a) => `${a.number}. ${a.title}`);
    const docx = await fetch(`${app.url}/api/v1${P}/reports/2015/programme.docx`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain("kennis-en-werk-071-2013-2015-jaarprogramma-2015.docx");
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(html).toContain("<h1>Jaarprogramma 2015: Kennis &amp; Werk #071</h1>");
    const docText = squash(plain(html));
    for (const title of titles) expect(docText).toContain(squash(title));
    expect(docText).toContain(`Totaal ${expected.length}`);

    const pdf = await fetch(`${app.url}/api/v1${P}/reports/2015/programme.pdf`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(pdf.status).toBe(200);
    const read = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const title of titles) expect(read.text).toContain(squash(title));
    expect(read.language).toBe("nl-NL");
    expect(read.title).toBe("Jaarprogramma 2015: Kennis & Werk #071");
    for (const role of ["H1", "H2", "H3", "H4", "Table", "TH", "TD", "P"]) expect(read.roles, role).toContain(role);
  }, 180_000);

  it("keeps drafts from the public and refuses years outside the programme", async () => {
    expect((await api(app, "GET", `${P}/reports/2015/programme`)).status).toBe(401);
    const outside = await api(app, "GET", `${P}/reports/2016/programme`, { as: { bearer: member } });
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside.body)).toContain("looptijd");
    expect((await page(app, `${P}/reports/2016/programme`, pm)).status).toBe(404);
    expect((await page(app, `${P}/reports/2015/programme`, pm)).status).toBe(200);
  });

  it("is proposed by the programme manager and adopted once, as a decision of the steering group", async () => {
    const decisionsBefore = (await api(app, "GET", `${P}/decisions?limit=500`)).body as unknown as { data: unknown[] };
    // Adopting before proposing is refused, and so is a member proposing.
    const early = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "adopt", version: "0", decidedOn: "2014-12-15", meetingId: "" });
    expect(early.status).toBe(409);
    expect(plain(early.body)).toContain("Leg het jaarprogramma eerst voor ter vaststelling");
    expect((await postForm(app, `${P}/reports/2015/programme`, member, { intent: "propose", version: "0" })).status).toBe(403);

    const proposed = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "propose", version: "0" });
    expect(proposed.status).toBe(302);
    expect((await api(app, "GET", `${P}/reports/2015/programme`, { as: { bearer: member } })).body).toMatchObject({ status: "proposed" });
    expect((await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "propose", version: "1" })).status).toBe(409);

    // Bad input: a date that is not one, an unknown meeting; nothing is recorded.
    const badDate = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "adopt", version: "1", decidedOn: "15-12-2014", meetingId: "" });
    expect(badDate.status).toBe(400);
    expect(plain(badDate.body)).toContain("Geef de datum van het besluit als JJJJ-MM-DD");
    const badMeeting = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "adopt", version: "1", decidedOn: "2014-12-15", meetingId: "999999" });
    expect(badMeeting.status).toBe(400);
    expect(plain(badMeeting.body)).toContain("Deze vergadering bestaat niet");
    const notANumber = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "adopt", version: "1", decidedOn: "2014-12-15", meetingId: "x" });
    expect(notANumber.status).toBe(400);
    expect(((await api(app, "GET", `${P}/decisions?limit=500`)).body as unknown as { data: unknown[] }).data.length).toBe(decisionsBefore.data.length);

    const adopted = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "adopt", version: "1", decidedOn: "2014-12-15", meetingId: "" });
    expect(adopted.status).toBe(302);
    const decisions = ((await api(app, "GET", `${P}/decisions?limit=500`)).body as unknown as { data: { kind: string; title: string; decidedOn: string; status: string }[] }).data;
    expect(decisions.length).toBe(decisionsBefore.data.length + 1);
    expect(decisions).toContainEqual(expect.objectContaining({ kind: "adopt-annual-plan", title: "Jaarprogramma 2015 vastgesteld", decidedOn: "2014-12-15", status: "taken" }));

    // Final: public, and it no longer follows the data.
    const publicView = await api(app, "GET", `${P}/reports/2015/programme`);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ status: "final" });
    const twice = await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "adopt", version: "2", decidedOn: "2014-12-16", meetingId: "" });
    expect(twice.status).toBe(409);
    expect(plain(twice.body)).toContain("Dit jaarprogramma is al vastgesteld");
    expect(((await api(app, "GET", `${P}/decisions?limit=500`)).body as unknown as { data: unknown[] }).data.length).toBe(decisions.length);
    expect(plain((await page(app, `${P}/reports/2015/programme`)).body)).toContain("vastgesteld op 15 december 2014");
    expect((await page(app, `${P}/reports`)).body).toContain(`${P}/reports/2015/programme`);
  }, 60_000);
});
