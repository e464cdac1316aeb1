import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, calendarDate } from "../../app/domain/calendar";
import type { ProgrammeRole } from "../../app/domain/auth/roles";
import { periodOfDate } from "../../app/domain/progress/periods";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/programmes/${SLUG}`;
const PLAN = {
  aim: "Meer jongeren kiezen voor techniek.",
  approach: "Gastlessen op alle scholen.",
  deliverables: "Twintig gastlessen per jaar",
  milestones: "Q1: eerste gastlessen",
  budget: "n.v.t.",
  capacity: "0,2 fte",
  risks: "Te weinig bedrijven.",
};

interface Session {
  userId: number;
  cookie: string;
  csrf: string;
}

/** The text of an HTML page without tags, entities of quotes decoded, white space folded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    // Tags between words and their punctuation leave spaces the reader does not see.
    .replace(/ ([:),])/g, "$1")
    .replace(/\( /g, "(");

describe.each(testDialects())("the work area on %s", (dialect) => {
  let app: TestServer;
  let programmeId: number;
  const who = {} as Record<"pm" | "sg" | "cora" | "karel" | "partner", Session>;
  // The server runs on the real clock: the round is for the current half year.
  const today = calendarDate(new Date());
  const period = periodOfDate(today).code;
  const dueOn = addDays(today, 10);

  async function account(email: string, name: string, role: ProgrammeRole, actions: number[] = []): Promise<Session> {
    const s = app.server.services;
    const contactActionIds = [];
    for (const n of actions) contactActionIds.push((await s.actions.get(programmeId, n))!.id);
    const created = await s.users.createUser({
      email,
      name,
      organisationId: null,
      passwordHash: null,
      isAdmin: false,
      roles: [{ programmeId, role }],
      contactActionIds,
      actor: { userId: null, label: "test" },
      now: new Date().toISOString(),
    });
    if (created.status !== "ok") throw new Error(created.status);
    const session = await s.auth.startSession(created.value);
    if (!session.ok) throw new Error("no session");
    return { userId: created.value, cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken };
  }

  const page = async (path: string, session?: Session, language = "nl") => {
    const res = await app.get(path, { ...(session ? { cookie: session.cookie } : {}), "Accept-Language": language });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  };
  const post = async (path: string, session: Session, form: Record<string, string>) => {
    const res = await fetch(app.url + path, {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded", "Accept-Language": "nl" },
      body: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  };
  const apiWrite = async (method: string, path: string, session: Session, json?: unknown, ifMatch?: string) => {
    const res = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: {
        cookie: session.cookie,
        "x-csrf-token": session.csrf,
        "content-type": "application/json",
        ...(ifMatch ? { "if-match": ifMatch } : {}),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: res.status, etag: res.headers.get("etag") };
  };
  /** The part of a page between two texts, to check what a list holds. */
  const between = (body: string, from: string, to: string) => {
    const start = body.indexOf(from);
    expect(start, from).toBeGreaterThanOrEqual(0);
    const end = body.indexOf(to, start + from.length);
    return body.slice(start, end < 0 ? undefined : end);
  };

  beforeAll(async () => {
    app = await startTestServer(dialect);
    programmeId = (await app.server.services.programmes.get(SLUG))!.id;
    who.pm = await account("pim@example.org", "Pim Programmamanager", "programme-manager");
    who.sg = await account("sanne@example.org", "Sanne Stuurgroep", "steering-group");
    who.cora = await account("cora@example.org", "Cora Contact", "action-contact", [26]);
    who.karel = await account("karel@example.org", "Karel Contact", "action-contact", [17]);
    who.partner = await account("piet@example.org", "Piet Partner", "partner");

    // Cora writes and submits the plan of approach of action 26.
    const written = await apiWrite("PUT", `${P}/actions/26/plan`, who.cora, PLAN);
    expect(written.status).toBe(201);
    expect((await apiWrite("POST", `${P}/actions/26/plan/submit`, who.cora, undefined, written.etag!)).status).toBe(200);

    // A round asks both contacts; Cora answers, Karel (action 17) does not.
    const opened = await post(`${P}/rounds`, who.pm, { period, dueOn, closesOn: "", reminders: "" });
    expect(opened.status).toBe(302);
    const answered = await post(`${P}/actions/26/progress/new`, who.cora, {
      period,
      version: "",
      status: "at-risk",
      percent: "",
      narrative: "De zaal is pas in het voorjaar vrij.",
      narrativePublicShown: "1",
      narrativePublic: "1",
    });
    expect(answered.status, answered.body.slice(0, 300)).toBe(302);

    // The steering group meets in a month.
    const meeting = await app.server.services.decisions.recordMeeting({
      programmeId,
      meeting: { heldOn: addDays(today, 30), title: "Stuurgroep najaar", agenda: "", minutes: "", attendees: [] },
      actor: { userId: who.pm.userId, label: "Pim Programmamanager" },
      now: new Date().toISOString(),
    });
    expect(meeting.status).toBe("ok");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("asks the public to sign in, and signing in without a destination lands on the work area", async () => {
    const visitor = await page("/work");
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe("/sign-in?next=%2Fwork");
    const signIn = await page("/sign-in", who.pm);
    expect(signIn.status).toBe(302);
    expect(signIn.location).toBe("/work");
  });

  it("lists for the programme manager the submitted plan and the open round with the one missing answer", async () => {
    const res = await page("/work", who.pm);
    expect(res.status).toBe(200);
    const body = text(res.body);
    expect(body).toContain("Mijn werk");
    expect(body).toContain("Uw rollen: programmamanager");

    const plans = between(body, "Plannen van aanpak die wachten op goedkeuring (1)", "Open updaterondes");
    expect(plans).toContain("Actie 26: Leidse regio Werk-top");
    expect(res.body).toContain(`href="${P}/actions/26/plan"`);

    const rounds = between(body, "Open updaterondes (1)", "Geplande besluiten");
    expect(rounds).toContain("1 actie zonder antwoord:");
    expect(rounds).toContain("Actie 17: Karel Contact");
    expect(rounds).not.toContain("Cora Contact");

    // Planned decisions of the default programme lie in the past: they are marked overdue.
    expect(between(body, "Geplande besluiten die nog niet zijn genomen", "Acties met een verlopen mijlpaal")).toContain("Te laat");
    // Cora's report of trouble, with what she wrote.
    const trouble = between(body, "Recente meldingen", "Acties zonder contactpersoon");
    expect(trouble).toContain("Actie 26: Leidse regio Werk-top");
    expect(trouble).toContain("De zaal is pas in het voorjaar vrij.");
    // Actions 17 and 26 have contacts now; others do not.
    const withoutContact = between(body, "Acties zonder contactpersoon", "Acties zonder trekker");
    expect(withoutContact).not.toMatch(/Actie 26\b/);
    expect(withoutContact).toMatch(/Actie 25\b/);
    // The navigation offers the rounds and meetings to the programme manager.
    expect(res.body).toContain(`href="${P}/rounds"`);
    expect(res.body).toContain(`href="${P}/meetings"`);

    const english = text((await page("/work?lang=en", who.pm, "en")).body);
    expect(english).toContain("Plans of approach waiting for approval (1)");
    expect(english).toContain("Action 17: Karel Contact");
  });

  it("shows a contact their actions with what is asked of them", async () => {
    const karel = text((await page("/work", who.karel)).body);
    expect(karel).toContain("Mijn acties");
    expect(karel).toContain("Actie 17:");
    expect(karel).toContain("Plan van aanpak schrijven");
    expect(karel).toMatch(/Voortgang melden over .+, vóór/);
    expect(karel).not.toContain("Actie 26");
    expect(karel).not.toContain("Open updaterondes");

    // Cora answered and submitted: nothing is asked of her now.
    const cora = text((await page("/work", who.cora)).body);
    expect(cora).toContain("Actie 26: Leidse regio Werk-top");
    expect(cora).toContain("Nu niets gevraagd.");
    // No rounds or meetings in the navigation for a contact.
    expect((await page("/work", who.cora)).body).not.toContain(`href="${P}/rounds"`);
  });

  it("shows the steering group what awaits its decision and the next meeting", async () => {
    const res = await page("/work", who.sg);
    const body = text(res.body);
    expect(body).toContain("Stuurgroep");
    expect(between(body, "Volgende vergadering", "Plannen van aanpak")).toContain("Stuurgroep najaar");
    expect(between(body, "Plannen van aanpak die op een besluit wachten (1)", "Geplande besluiten")).toContain("Actie 26");
    expect(body).not.toContain("Open updaterondes");
    expect(body).not.toContain("Karel Contact");
    expect(res.body).toContain(`href="${P}/meetings"`);
    expect(res.body).not.toContain(`href="${P}/rounds"`);
  });

  it("lists under needs attention only actions asked who did not answer, those without a contact apart, with the latest narrative", async () => {
    const res = await page(`${P}/dashboard`);
    expect(res.status).toBe(200);
    const body = text(res.body);
    const glance = between(body, "In één oogopslag", "Per thema");
    expect(glance).toMatch(/1 risico gemeld/);
    const attention = between(body, "Aandacht nodig", "Acties zonder contactpersoon");
    const row = (n: number) => {
      const start = attention.indexOf(`Actie ${n}:`);
      if (start < 0) return "";
      const next = attention.slice(start + 1).search(/Actie \d+:/);
      return next < 0 ? attention.slice(start) : attention.slice(start, start + 1 + next);
    };
    expect(row(17)).toContain("Geen update in de laatste ronde");
    // Action 25 has no contact: nobody was asked, so a missing update is no reason on its own.
    expect(row(25)).not.toContain("Geen update in de laatste ronde");
    expect(row(26)).toContain("De zaal is pas in het voorjaar vrij.");
    const withoutContact = between(body, "Acties zonder contactpersoon", "Vervallen");
    expect(withoutContact).toContain("Actie 25: Impuls BBL/Stages/leerwerkplekken");
    expect(withoutContact).not.toMatch(/Actie 1[7]:|Actie 26:/);
  });

  it("shows status and the latest update beside the category on the action page, and progress per theme on the overview", async () => {
    const action = text((await page(`${P}/actions/26`)).body);
    expect(action).toMatch(/Categorie: .*Status: Risico Laatste update/);
    const overview = text((await page(P)).body);
    expect(overview).toMatch(/Voortgang Voortgang van Thema 3: .*1 risico gemeld/);
    const theme = text((await page(`${P}/themes/3`)).body);
    expect(theme).toMatch(/Voortgang van Thema 3: .*1 risico gemeld/);
  });

  it("tells someone without work what to expect, and a page they may not see answers 403 in words", async () => {
    const partner = text((await page("/work", who.partner)).body);
    expect(partner).toContain("Uw rollen: partner");
    expect(partner).not.toContain("Programmamanager");
    const refused = await page(`${P}/rounds`, who.partner);
    expect(refused.status).toBe(403);
    // Said on the page itself (not only in the data for hydration), under a plain title.
    const shown = text(refused.body.replace(/<script[\s\S]*?<\/script>/g, ""));
    expect(shown).toContain("Geen toegang U heeft geen toegang tot deze pagina.");
    const english = await page(`${P}/rounds?lang=en`, who.partner, "en");
    expect(text(english.body)).toContain("You have no access to this page.");
  });
});
