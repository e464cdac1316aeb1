import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { P, page, signedIn, SLUG } from "../admin/support";
import { testDialects } from "../support/databases";
import {
  actionId,
  insertContact,
  insertRound,
  insertRoundRequest,
  insertUpdate,
  programmeId,
} from "../support/progress-factories";
import { startTestServer, type TestServer } from "../support/server";

/** The text of a page without tags, scripts and the serialised loader data (what a reader sees, JavaScript off). */
function visible(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");
}

/** Page HTML without the serialised loader data, for checks on markup. */
function markup(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, "");
}

describe.each(testDialects())("dashboard, timeline and dependency pages on %s", (dialect) => {
  let app: TestServer;
  let pid: number;
  const id = (n: number) => actionId(app.server.services.db, pid, n);

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pid = await programmeId(app.server.services.db, SLUG);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("render for the public, in Dutch and English, without style attributes", async () => {
    for (const [path, dutch, english] of [
      [`${P}/dashboard`, "Voortgang van het programma", "Progress of the programme"],
      [`${P}/timeline`, "Tijdlijn van de mijlpalen", "Timeline of the milestones"],
      [`${P}/timeline?view=table`, "Tijdlijn van de mijlpalen", "Timeline of the milestones"],
      [`${P}/dependencies`, "Afhankelijkheden tussen acties", "Dependencies between actions"],
    ] as const) {
      const nl = await page(app, path);
      expect(nl.status, path).toBe(200);
      expect(visible(nl.body), path).toContain(dutch);
      expect(markup(nl.body), path).not.toMatch(/\sstyle=/);
      expect(markup(nl.body), path).not.toMatch(/<style/);
      const en = await page(app, path, null, { "Accept-Language": "en" });
      expect(en.status, path).toBe(200);
      expect(visible(en.body), path).toContain(english);
    }
  });

  it("draws the timeline with quarters and a row per action, and offers the same as a table", async () => {
    const chart = markup((await page(app, `${P}/timeline`)).body);
    expect(chart).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="tijdlijn-title tijdlijn-desc"/);
    for (const year of ["2013", "2014", "2015"]) expect(chart).toContain(`>${year}</text>`);
    expect(chart.match(/>K1<\/text>/g)).toHaveLength(3);
    expect(chart.match(/class="regie-timeline__row"/g)).toHaveLength(62);
    // Today (2026) lies after the programme: said in words at the edge.
    expect(visible(chart)).toContain("valt buiten de tijdlijn");
    const table = visible((await page(app, `${P}/timeline?view=table`)).body);
    expect(table).toContain("Plan van aanpak gereed");
    expect(table).toContain("1 januari 2014");
    expect(table).toContain("Te laat");
    expect(table).toContain("Jaarlijks, laatste kwartaal van het jaar");
  });

  it("filters and pages the timeline like the action list, at most 100 actions a page", async () => {
    const theme3 = markup((await page(app, `${P}/timeline?theme=3&limit=500`)).body);
    expect(visible(theme3)).toContain("8 acties gevonden");
    expect(theme3.match(/class="regie-timeline__row"/g)).toHaveLength(8);
    expect(theme3).toContain(">26</text>");
    expect(theme3).not.toContain(">10</text>");
    const lead = visible((await page(app, `${P}/timeline?lead=lab071&view=table`)).body);
    expect(lead).toContain("4 acties gevonden");
    const bad = await page(app, `${P}/timeline?year=twintig&category=9`);
    expect(bad.status).toBe(400);
    expect(visible(bad.body)).toContain("Een of meer filters zijn ongeldig.");
    const unknown = await page(app, `${P}/timeline?theme=9`);
    expect(unknown.status).toBe(400);
  });

  it("answers a bad dashboard page number with a readable 400", async () => {
    for (const q of ["page=0", "page=abc", "page=99"]) {
      const res = await page(app, `${P}/dashboard?${q}`);
      expect(res.status, q).toBe(400);
    }
    expect((await page(app, "/programmes/nope/dashboard")).status).toBe(404);
  });

  it("flags the dependents of a delayed action wherever they appear", async () => {
    const db = app.server.services.db;
    const update = await insertUpdate(db, {
      actionId: await id(10),
      status: "delayed",
      period: "2014-H1",
      createdAt: "2014-05-01T10:00:00.000Z",
    });
    try {
      const list = visible((await page(app, `${P}/actions?theme=2`)).body);
      expect(list.match(/Risico door actie 10 \(vertraagd\)/g)).toHaveLength(2);
      const theme = visible((await page(app, `${P}/themes/2`)).body);
      expect(theme.match(/Risico door actie 10 \(vertraagd\)/g)).toHaveLength(2);
      const eleven = await page(app, `${P}/actions/11`);
      expect(visible(eleven.body)).toContain("Risico door actie 10 (vertraagd)");
      // The neighbourhood graph with its text alternative.
      expect(markup(eleven.body)).toMatch(
        /<svg [^>]*role="img"[^>]*aria-labelledby="afhankelijkheden-11-title afhankelijkheden-11-desc"/,
      );
      expect(visible(eleven.body)).toContain("Actie 10 is randvoorwaarde voor actie 11.");
      const ten = visible((await page(app, `${P}/actions/10`)).body);
      expect(ten).toContain("Actie 10 is randvoorwaarde voor de acties 11 en 12.");
      expect(ten).toContain(
        "Actie 12 : Ondernemersprogramma voor primair en voortgezet onderwijs — Risico door actie 10 (vertraagd)",
      );
      expect((await page(app, `${P}/actions/13`)).body).not.toContain("Risico door actie");
      const dashboard = visible((await page(app, `${P}/dashboard`)).body);
      expect(dashboard).toContain("Rapportageperiode: eerste helft van 2014");
      expect(dashboard).toContain("Risico door actie 10 (vertraagd)");
      const timeline = markup((await page(app, `${P}/timeline?theme=2`)).body);
      expect(timeline).toContain("risico via 10 · Nog geen update");
      expect(timeline).toContain(">Vertraagd (2014-H1)</text>");
      const graph = visible((await page(app, `${P}/dependencies`)).body);
      expect(graph).toContain(
        "Actie 11 : Ondernemerschap in onderwijscurricula MBO, HBO, WO — Risico door actie 10 (vertraagd)",
      );
      expect(graph).toContain("Actie 20 maakt de acties 21, 22, 23, 24, 25, 26 en 27 mogelijk.");
    } finally {
      await db.kysely.deleteFrom("progress_update").where("id", "=", update).execute();
    }
    expect(visible((await page(app, `${P}/actions?theme=2`)).body)).not.toContain("Risico door actie");
  });

  it("shows the public dashboard without names; members see how the round goes, contact readers see who", async () => {
    const db = app.server.services.db;
    const round = await insertRound(db, {
      programmeId: pid,
      period: "2014-H2",
      openedOn: "2014-12-01",
      dueOn: "2014-12-20",
      closesOn: "2014-12-31",
    });
    const three = await id(3);
    const contact = await insertContact(db, {
      name: "Cora Contactpersoon",
      email: "cora@example.org",
      actionId: three,
    });
    await insertRoundRequest(db, { roundId: round, actionId: three, contactId: contact });
    await insertUpdate(db, {
      actionId: await id(26),
      status: "delayed",
      period: "2014-H2",
      createdAt: "2014-12-05T10:00:00.000Z",
      authorLabel: "Dirk Doorgever",
    });
    const pub = await page(app, `${P}/dashboard`);
    const text = visible(pub.body);
    expect(text).toContain(
      "Rapportageperiode: tweede helft van 2014. De updateronde is geopend op 1 december 2014; antwoorden uiterlijk 20 december 2014.",
    );
    expect(text).toContain("Geen update in de laatste ronde (tweede helft van 2014)");
    expect(text).toContain("Zelf gemeld: Vertraagd");
    expect(pub.body).not.toContain("Cora");
    expect(pub.body).not.toContain("Dirk");
    expect(pub.body).not.toContain("cora@example.org");
    expect(text).not.toContain("Voor leden van het programma");

    const partner = await signedIn(app, { role: "partner" });
    const member = visible((await page(app, `${P}/dashboard`, partner)).body);
    expect(member).toContain("0 van de 1 uitgezette verzoeken in deze ronde zijn beantwoord.");
    expect(member).not.toContain("Cora");

    const manager = await signedIn(app, { role: "programme-manager" });
    const internal = visible((await page(app, `${P}/dashboard`, manager)).body);
    expect(internal).toContain("Nog geen antwoord van");
    expect(internal).toContain("Actie 3: Cora Contactpersoon");
    // Nobody sees who wrote an update here.
    expect(internal).not.toContain("Dirk");
  });

  it("links the pages from the navigation and the overview", async () => {
    const home = markup((await page(app, "/")).body);
    for (const path of ["dashboard", "timeline", "dependencies"])
      expect(home).toContain(`href="${P}/${path}"`);
    const nav = markup((await page(app, `${P}/actions`)).body);
    expect(nav).toMatch(
      new RegExp(`<nav[^>]*regie-nav[\\s\\S]*href="${P}/dashboard"[\\s\\S]*href="${P}/timeline"`),
    );
  });
});
