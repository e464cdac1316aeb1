import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, editor, page, plain, P, postForm, type Editor } from "../editing/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The meeting pack: a meeting with a proposed category change lists it among the decisions to take,
 * next to the annual programme awaiting adoption; once a decision is recorded against the meeting it
 * is in the pack; the pack is for members, in Word too, and an unknown meeting is a 404.
 */
describe.each(testDialects())("the meeting pack (%s)", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  let member: Editor;
  let meetingId: number;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
    member = await editor(app, "coordination-group", "Coen Coördinatie");
    const created = await postForm(app, `${P}/meetings/new`, pm, { heldOn: "2015-03-10", title: "Stuurgroep maart", agenda: "Opening\nJaarprogramma 2015\nRondvraag" });
    expect(created.status).toBe(302);
    meetingId = Number(/meetings\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    expect(meetingId).toBeGreaterThan(0);
    const planned = await api(app, "POST", `${P}/decisions`, {
      as: { bearer: pm },
      json: { decidedOn: "2015-03-10", kind: "categories", status: "planned", meetingId, title: "Actie 5 naar categorie 2", text: "", actions: [{ number: 5 }] },
    });
    expect(planned.status).toBe(201);
    expect((await postForm(app, `${P}/reports/2015/programme`, pm, { intent: "propose", version: "0" })).status).toBe(302);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("lists the proposed category change, the agenda and the annual programme awaiting adoption; the meeting page links to it", async () => {
    const meetingPage = await page(app, `${P}/meetings/${meetingId}`, member);
    expect(meetingPage.body).toContain(`${P}/meetings/${meetingId}/pack`);
    expect((await page(app, `${P}/meetings/${meetingId}`)).body).not.toContain(`/pack"`);

    const res = await page(app, `${P}/meetings/${meetingId}/pack`, member);
    expect(res.status).toBe(200);
    const text = plain(res.body).replace(/\s+/g, " ");
    expect(text).toContain("Vergaderpakket 10 maart 2015: Stuurgroep maart");
    expect(text).toContain("Voorgestelde categoriewijzigingen");
    expect(text).toMatch(/5\. Rijksinstrumenten voor MKB promoten 3: [^]*Actie 5 naar categorie 2/);
    expect(text).toContain("Jaarprogramma ter vaststelling Jaarprogramma 2015");
    expect(text).toContain("Jaarprogramma 2015 Rondvraag");
    expect(text).toContain("Bij deze vergadering zijn geen besluiten vastgelegd");

    const docx = await fetch(`${app.url}${P}/meetings/${meetingId}/pack.docx`, { headers: { cookie: member.cookie } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain("vergaderpakket-2015-03-10.docx");
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(html).toContain("Voorgestelde categoriewijzigingen");
    expect(html).toContain("Actie 5 naar categorie 2");
    const pdf = await fetch(`${app.url}${P}/meetings/${meetingId}/pack.pdf`, { headers: { cookie: member.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  }, 60_000);

  it("shows the decisions recorded against the meeting once it is held", async () => {
    const taken = await api(app, "POST", `${P}/decisions`, {
      as: { bearer: pm },
      json: { decidedOn: "2015-03-10", kind: "general", status: "taken", meetingId, title: "Rondvraag afgehandeld", text: "", actions: [] },
    });
    expect(taken.status).toBe(201);
    const text = plain((await page(app, `${P}/meetings/${meetingId}/pack`, member)).body).replace(/\s+/g, " ");
    expect(text).toContain("Besluiten van deze vergadering 10 maart 2015: Rondvraag afgehandeld");
  });

  it("is for members only, and an unknown meeting is a clear 404", async () => {
    expect((await page(app, `${P}/meetings/${meetingId}/pack`)).status).toBe(302);
    const unknown = await page(app, `${P}/meetings/999999/pack`, member);
    expect(unknown.status).toBe(404);
    expect(plain(unknown.body)).toContain("Deze vergadering bestaat niet");
    expect((await page(app, `${P}/meetings/abc/pack`, member)).status).toBe(404);
  });
});
