import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionFormValues } from "../../app/domain/actions/action-form";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { editor, P, page, plain, postForm, SLUG, type Editor } from "./support";

describe.each(testDialects())("editing pages on %s", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  let colleague: Editor;
  let steering: Editor;
  let programmeId: number;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
    colleague = await editor(app, "programme-manager", "Karel Collega");
    steering = await editor(app, "steering-group", "Sven Stuurgroep");
    programmeId = (await app.server.services.programmes.get(SLUG))!.id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The form fields of action 17's edit form as its editor would send them. */
  async function actionForm(number: number) {
    const snapshot = (await app.server.services.actions.snapshot(programmeId, number))!;
    const values = actionFormValues(snapshot, await app.server.services.organisations.lookup());
    const fields: Record<string, string> = { version: String(snapshot.version) };
    for (const [k, v] of Object.entries(values) as [string, string | boolean][]) {
      if (typeof v === "boolean") {
        if (v) fields[k] = "on";
      } else fields[k] = v;
    }
    return fields;
  }

  it("keeps the new pages to the people who may use them", async () => {
    for (const path of [
      "/organisations/new",
      "/organisations/gemeente-leiden/edit",
      "/organisations/gemeente-leiden/merge",
      `${P}/edit`,
      `${P}/themes/2/edit`,
      `${P}/actions/new`,
    ]) {
      const anonymous = await page(app, path);
      expect(anonymous.status, path).toBe(302);
      expect(anonymous.headers.get("location"), path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      expect((await page(app, path, steering)).status, path).toBe(403);
      const allowed = await page(app, path, pm);
      expect(allowed.status, path).toBe(200);
      expect(allowed.body, path).toContain('name="_csrf"');
    }
    expect((await page(app, "/organisations/bestaat-niet/edit", pm)).status).toBe(404);
    expect((await page(app, `${P}/themes/9/edit`, pm)).status).toBe(404);
    // The links to them show only to those who may.
    expect((await page(app, P, pm)).body).toContain(`href="${P}/edit"`);
    expect((await page(app, P, steering)).body).not.toContain(`href="${P}/edit"`);
    expect((await page(app, "/organisations", pm)).body).toContain('href="/organisations/new"');
    expect((await page(app, "/organisations")).body).not.toContain('href="/organisations/new"');
    expect((await page(app, `${P}/themes/2`, pm)).body).toContain(`href="${P}/themes/2/edit"`);
  });

  it("creates an organisation, refuses a taken name with the owner's name, and shows history to members", async () => {
    const taken = await postForm(app, "/organisations/new", pm, {
      name: "gemeente leiden",
      kind: "municipality",
      aliases: "",
    });
    expect(taken.status).toBe(400);
    expect(plain(taken.body)).toContain("Deze naam hoort al bij Gemeente Leiden.");
    const tooLong = await postForm(app, "/organisations/new", pm, {
      name: "x".repeat(201),
      kind: "raad",
      aliases: "",
    });
    expect(tooLong.status).toBe(400);
    expect(plain(tooLong.body)).toContain("Dit veld is te lang (hoogstens 200 tekens).");
    expect(plain(tooLong.body)).toContain("Kies een soort: gemeente");
    const created = await postForm(app, "/organisations/new", pm, {
      name: "Stichting Proeftuin",
      kind: "other",
      aliases: "Proeftuin071\nProeftuin 071",
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/organisations/stichting-proeftuin?created=1");
    const shown = await page(app, "/organisations/stichting-proeftuin?created=1", pm);
    expect(plain(shown.body)).toContain("De organisatie is aangemaakt.");
    expect(plain(shown.body)).toContain("Proeftuin071");
    expect(plain(shown.body)).toContain("aangemaakt · Petra Programmamanager");
    // History (people's names) is for signed-in members only.
    expect(plain((await page(app, "/organisations/stichting-proeftuin")).body)).not.toContain(
      "Petra Programmamanager",
    );
  });

  it("renames an organisation, and shows both versions when the form was stale", async () => {
    const form = await page(app, "/organisations/stichting-proeftuin/edit", pm);
    expect(form.body).toContain('name="version" value="1"');
    const first = await postForm(app, "/organisations/stichting-proeftuin/edit", pm, {
      version: "1",
      name: "Stichting Proeftuin Leiden",
      kind: "other",
      aliases: "Proeftuin071",
      slug: "stichting-proeftuin",
    });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/organisations/stichting-proeftuin?saved=2");
    const stale = await postForm(app, "/organisations/stichting-proeftuin/edit", pm, {
      version: "1",
      name: "Stichting Proeftuin Regio",
      kind: "business",
      aliases: "Proeftuin071",
      slug: "stichting-proeftuin",
    });
    expect(stale.status).toBe(409);
    const text = plain(stale.body);
    expect(text).toContain("Iemand anders heeft deze organisatie intussen gewijzigd");
    expect(text).toContain("Stichting Proeftuin Leiden");
    expect(text).toContain("Stichting Proeftuin Regio");
    expect(stale.body).toContain('name="version" value="2"');
    // Keeping one's own version is saving again with the version now shown.
    const kept = await postForm(app, "/organisations/stichting-proeftuin/edit", pm, {
      version: "2",
      name: "Stichting Proeftuin Regio",
      kind: "business",
      aliases: "Proeftuin071",
      slug: "stichting-proeftuin",
    });
    expect(kept.headers.get("location")).toBe("/organisations/stichting-proeftuin?saved=3");
  });

  it("merges through a choice and a confirmation that lists what moves; the old address redirects", async () => {
    const choose = await page(app, "/organisations/stichting-proeftuin/merge", pm);
    expect(choose.body).toContain('<option value="gemeente-leiden">');
    expect(choose.body).not.toContain('<option value="stichting-proeftuin">');
    const self = await page(app, "/organisations/stichting-proeftuin/merge?into=stichting-proeftuin", pm);
    expect(self.status).toBe(400);
    expect(plain(self.body)).toContain("Een organisatie kan niet met zichzelf worden samengevoegd.");
    const confirm = await page(
      app,
      "/organisations/stichting-proeftuin/merge?into=bio-science-park-foundation",
      pm,
    );
    expect(confirm.status).toBe(200);
    const text = plain(confirm.body);
    expect(text).toContain("Controleer wat er verhuist");
    expect(text).toContain("rollen in acties: 0");
    expect(text).toContain("naam en schrijfwijzen: 2");
    const target = (await app.server.services.organisations.snapshot("bio-science-park-foundation"))!;
    const stale = await postForm(app, "/organisations/stichting-proeftuin/merge", pm, {
      into: target.slug,
      version: "1",
      intoVersion: String(target.version),
    });
    expect(stale.status).toBe(409);
    expect(plain(stale.body)).toContain("Een van beide organisaties is intussen gewijzigd");
    const merged = await postForm(app, "/organisations/stichting-proeftuin/merge", pm, {
      into: target.slug,
      version: "3",
      intoVersion: String(target.version),
    });
    expect(merged.status).toBe(302);
    expect(merged.headers.get("location")).toBe("/organisations/bio-science-park-foundation?merged=1");
    const old = await page(app, "/organisations/stichting-proeftuin");
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/organisations/bio-science-park-foundation");
    const oldEdit = await page(app, "/organisations/stichting-proeftuin/edit", pm);
    expect(oldEdit.status).toBe(302);
    expect(oldEdit.headers.get("location")).toBe("/organisations/bio-science-park-foundation/edit");
    // A form posted to the old address finds nothing there to change.
    const oldPost = await postForm(app, "/organisations/stichting-proeftuin/edit", pm, { version: "3", name: "X", kind: "other", aliases: "", slug: "x" });
    expect(oldPost.status).toBe(404);
    const after = await page(app, "/organisations/bio-science-park-foundation?merged=1", pm);
    expect(plain(after.body)).toContain("De organisaties zijn samengevoegd.");
    expect(plain(after.body)).toContain("Stichting Proeftuin Regio");
    expect(plain(after.body)).toContain("samengevoegd · Petra Programmamanager");
  });

  it("edits the programme, explaining bad years and dates", async () => {
    const bad = await postForm(app, `${P}/edit`, pm, {
      version: "1",
      title: "",
      subtitle: "",
      ambition: "",
      periodStart: "twintig",
      periodEnd: "2015",
      adoptedOn: "",
      adoptedBy: "",
    });
    expect(bad.status).toBe(400);
    expect(plain(bad.body)).toContain("Geef een jaartal op (bijvoorbeeld 2013).");
    const order = await postForm(app, `${P}/edit`, pm, {
      version: "1",
      title: "Kennis & Werk #071",
      subtitle: "x",
      ambition: "y",
      periodStart: "2016",
      periodEnd: "2013",
      adoptedOn: "2013-13-01",
      adoptedBy: "",
    });
    expect(plain(order.body)).toContain("Het eerste jaar mag niet na het laatste jaar liggen.");
    expect(plain(order.body)).toContain("Geef een bestaande datum op");
    const programme = (await app.server.services.programmes.programme(SLUG))!;
    const ok = await postForm(app, `${P}/edit`, pm, {
      version: String(programme.version),
      title: programme.title,
      subtitle: "Uitvoeringsprogramma 2013-2015 (herzien)",
      ambition: programme.ambition,
      periodStart: "2013",
      periodEnd: "2015",
      adoptedOn: programme.adoptedOn ?? "",
      adoptedBy: programme.adoptedBy ?? "",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${P}?saved=${programme.version + 1}`);
    const shown = await page(app, `${P}?saved=${programme.version + 1}`, pm);
    expect(plain(shown.body)).toContain("Uitvoeringsprogramma 2013-2015 (herzien)");
    expect(plain(shown.body)).toContain(`Opgeslagen (versie ${programme.version + 1}).`);
  });

  it("edits a theme: adds an intention, records participation, refuses removing an intention with actions", async () => {
    const theme = (await app.server.services.programmes.theme(programmeId, 4))!;
    const fields: Record<string, string> = {
      version: String(theme.version),
      title: theme.title,
      goal: theme.goal,
      intentionsIntro: theme.intentionsIntro ?? "",
      newIntention: "",
    };
    for (const i of theme.intentions) fields[`intention-${i.code}`] = i.text;
    for (const m of await app.server.services.programmes.municipalities(programmeId)) {
      fields[`status-${m.slug}`] = "participating";
      fields[`note-${m.slug}`] = "";
    }
    const refused = await postForm(app, `${P}/themes/4/edit`, pm, { ...fields, "remove-4.1": "on" });
    expect(refused.status).toBe(400);
    expect(plain(refused.body)).toContain("Voornemen 4.1 kan niet weg: er staan nog acties onder");
    const saved = await postForm(app, `${P}/themes/4/edit`, pm, {
      ...fields,
      newIntention: "Bereikbaarheid per fiets verbeteren.",
      "status-gemeente-zoeterwoude": "undecided",
      "note-gemeente-zoeterwoude": "Besluit in de raad van juni.",
    });
    expect(saved.status).toBe(302);
    const shown = plain((await page(app, `${P}/themes/4`)).body);
    expect(shown).toContain("4.7 Bereikbaarheid per fiets verbeteren.");
    expect(shown).toContain("Besluit in de raad van juni.");
  });

  it("creates an action with the next free number from the form, and explains what is wrong", async () => {
    const form = await page(app, `${P}/actions/new`, pm);
    expect(plain(form.body)).toContain("Laat leeg voor het eerstvolgende vrije nummer (63).");
    const base = {
      number: "",
      title: "Fietsroutes naar het Bio Science Park",
      description: "",
      notes: "",
      placement: "intention:4.7",
      leads: "Gemeente Leiden",
      partners: "",
      toInvolve: "",
      intendedResults: "",
      planningText: "2014",
      categoryNote: "",
      related: "",
      prerequisiteFor: "",
      enables: "",
      relatedThemes: "",
    };
    const bad = await postForm(app, `${P}/actions/new`, pm, {
      ...base,
      number: "abc",
      leads: "Bestaat Niet BV",
      title: "x".repeat(501),
    });
    expect(bad.status).toBe(400);
    const text = plain(bad.body);
    expect(text).toContain("Het actienummer moet een positief geheel getal zijn");
    expect(text).toContain("Onbekende organisatie: „Bestaat Niet BV”");
    const tooLong = await postForm(app, `${P}/actions/new`, pm, { ...base, title: "x".repeat(501) });
    expect(plain(tooLong.body)).toContain("Dit veld is te lang (hoogstens 500 tekens).");
    const created = await postForm(app, `${P}/actions/new`, pm, base);
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe(`${P}/actions/63?saved=1`);
    const shown = plain((await page(app, `${P}/actions/63`, pm)).body);
    expect(shown).toContain("Fietsroutes naar het Bio Science Park");
    expect(shown).toContain("Gemeente Leiden");
    expect(shown).toContain("aangemaakt · Petra Programmamanager");
  });

  it("of two form submissions with the same version, one saves and the other gets a conflict page with both versions", async () => {
    const fields = await actionForm(17);
    const [a, b] = await Promise.all([
      postForm(app, `${P}/actions/17/edit`, pm, {
        ...fields,
        title: "Haalbaarheidsstudie bedrijfshuisvesting (versie A)",
      }),
      postForm(app, `${P}/actions/17/edit`, colleague, {
        ...fields,
        title: "Haalbaarheidsstudie bedrijfshuisvesting (versie B)",
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    const winnerTitle = a.status === 302 ? "versie A" : "versie B";
    const loserTitle = a.status === 302 ? "versie B" : "versie A";
    const text = plain(loser.body);
    expect(text).toContain("Iemand anders heeft deze actie intussen gewijzigd");
    expect(text).toContain("Opgeslagen versie");
    expect(text).toContain(`Haalbaarheidsstudie bedrijfshuisvesting (${winnerTitle})`);
    expect(text).toContain("Uw versie");
    // The losing editor's text is still in the form, ready to be saved over the new version.
    expect(loser.body).toContain(`value="Haalbaarheidsstudie bedrijfshuisvesting (${loserTitle})"`);
    const snapshot = (await app.server.services.actions.snapshot(programmeId, 17))!;
    expect(snapshot.title).toBe(`Haalbaarheidsstudie bedrijfshuisvesting (${winnerTitle})`);
    expect(loser.body).toContain(`name="version" value="${snapshot.version}"`);
    const updates = (await app.server.services.history.forEntity("action", snapshot.id)).filter(
      (h) => h.operation === "update",
    );
    expect(updates).toHaveLength(1);
  });
});
