import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDate, addDays } from "../../app/domain/calendar";
import { periodOfDate } from "../../app/domain/progress/periods";
import { page, signedIn, text as plainText, visitor, type Session } from "../admin/support";
import { testDialects } from "../support/databases";
import { doc, validate } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";
import { addContact, eventually, startSmtp, tokenIn, type Smtp } from "./support";

const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/programmes/${SLUG}`;
const API = `/api/v1${P}`;

type Visitor = { cookie: string; csrf: string };

/** A page's words, without the spaces that tags leave before punctuation and inside brackets. */
const text = (html: string) =>
  plainText(html)
    .replace(/\s+([:.,;)\]])/g, "$1")
    .replace(/([([])\s+/g, "$1");

describe.each(testDialects())(
  "milestones, progress and update rounds in the pages and the API on %s",
  (dialect) => {
    let smtp: Smtp;
    let app: TestServer;
    let programmeId: number;
    let pm: Session;
    let sg: Session;
    let partner: Session;
    let anonymous: Visitor;
    // The server runs on the real clock: the round is for the current half year, due in ten days.
    const today = calendarDate(new Date());
    const period = periodOfDate(today).code;
    const dueOn = addDays(today, 10);

    /** Posts a form; `fields` may repeat a name (ticked milestones). */
    const post = async (
      path: string,
      session: Visitor | null,
      fields: [string, string][] | Record<string, string>,
    ) => {
      const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
      body.set("_csrf", session?.csrf ?? "");
      const res = await fetch(app.url + path, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "Accept-Language": "nl",
          ...(session ? { cookie: session.cookie } : {}),
        },
        body: body.toString(),
        redirect: "manual",
      });
      return { status: res.status, location: res.headers.get("location"), body: await res.text() };
    };
    const db = () => app.server.services.db.kysely;
    const count = async (
      table: "update_round" | "round_request" | "job" | "progress_update" | "milestone" | "audit_event",
    ) =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const state = async () => ({
      rounds: await count("update_round"),
      requests: await count("round_request"),
      jobs: await count("job"),
      updates: await count("progress_update"),
      milestones: await count("milestone"),
      audit: await count("audit_event"),
    });
    const json = async (path: string) =>
      (await (await fetch(app.url + path, { headers: { "Accept-Language": "nl" } })).json()) as Record<
        string,
        unknown
      >;

    beforeAll(async () => {
      smtp = await startSmtp();
      app = await startTestServer(dialect, { SMTP_URL: smtp.url, MAIL_FROM: "Regie <regie@example.org>" });
      programmeId = (await app.server.services.programmes.get(SLUG))!.id;
      pm = await signedIn(app, { role: "programme-manager", name: "Pim Programmamanager" });
      sg = await signedIn(app, { role: "steering-group", name: "Sanne Stuurgroep" });
      partner = await signedIn(app, { role: "partner", name: "Piet Partner" });
      anonymous = await visitor(app);
    });
    afterAll(async () => {
      await app?.stop();
      await smtp?.close();
    });

    it("shows the milestones on the action page with their own precision, and in the open data", async () => {
      const res = await page(app, `${P}/actions/10`);
      const body = text(res.body);
      expect(body).toContain("Mijlpalen");
      expect(body).toContain("Afgerond: eerste kwartaal 2014 (uiterlijk 31 maart 2014) — Te laat");
      expect(body).toContain("Er is nog geen voortgang gemeld voor deze actie.");
      expect(text((await page(app, `${P}/actions/20`)).body)).toContain(
        "vanaf 2014 (vanaf 1 januari 2014, zonder einddatum) — Open",
      );
      expect(text((await page(app, `${P}/actions/48`)).body)).toContain("Continu (doorlopend)");
      const a10 = await json(`${API}/actions/10`);
      expect(a10.milestones).toEqual([
        {
          label: "Afgerond",
          due: { text: "eerste kwartaal 2014", start: "2014-01-01", end: "2014-03-31", precision: "quarter" },
          doneOn: null,
        },
      ]);
      expect(a10.progress).toBeNull();
      const list = (await json(`${API}/actions?limit=500`)) as {
        data: { number: number; milestones: unknown[]; progress: unknown }[];
      };
      expect(list.data).toHaveLength(62);
      expect(list.data.find((a) => a.number === 2)!.milestones).toHaveLength(2);
      expect(await json(`${API}/actions/10/progress`)).toEqual({ action: 10, data: [] });
      // Only members and the programme manager see the links to keep them.
      expect(res.body).not.toContain(`${P}/actions/10/milestones`);
      expect((await page(app, `${P}/actions/10`, pm)).body).toContain(`href="${P}/actions/10/milestones"`);
      expect((await page(app, `${P}/actions/10`, pm)).body).toContain(`href="${P}/rounds"`);
    });

    it("opens rounds for the programme manager only, and refuses bad input and a round nobody can be asked for, writing nothing", async () => {
      expect((await page(app, `${P}/rounds`)).status).toBe(302);
      expect((await page(app, `${P}/rounds`, partner)).status).toBe(403);
      expect((await page(app, `${P}/rounds`, sg)).status).toBe(403);
      const form = await page(app, `${P}/rounds`, pm);
      expect(form.status).toBe(200);
      expect(text(form.body)).toContain("Nog geen enkele actie heeft een contactpersoon.");
      expect(form.body).toContain(`value="${period}"`);

      const before = await state();
      const none = await post(`${P}/rounds`, pm, { period, dueOn, closesOn: "", reminders: "-7, 0, 7" });
      expect(none.status).toBe(409);
      expect(text(none.body)).toContain(
        "Er is geen enkele actie met een contactpersoon, dus niemand om te vragen. Er is geen ronde geopend.",
      );
      const bad = await post(`${P}/rounds`, pm, {
        period: "2014-H3",
        dueOn: "2014-02-30",
        closesOn: "",
        reminders: "een week",
      });
      expect(bad.status).toBe(400);
      const b = text(bad.body);
      expect(b).toContain(
        "Schrijf de periode als jaar en halfjaar of kwartaal, bijvoorbeeld 2014-H1 of 2014-Q2.",
      );
      expect(b).toContain("Vul een bestaande datum in (jjjj-mm-dd).");
      expect(b).toContain("Schrijf de herinneringen als dagen vóór (-) of na de uiterste datum");
      const past = await post(`${P}/rounds`, pm, {
        period,
        dueOn: addDays(today, -1),
        closesOn: "",
        reminders: "",
      });
      expect(text(past.body)).toContain("De uiterste datum ligt in het verleden.");
      const early = await post(`${P}/rounds`, pm, { period: "2012-H1", dueOn, closesOn: "", reminders: "" });
      expect(text(early.body)).toContain("Deze periode ligt vóór het programma, dat in 2013 begint.");
      expect(
        (await post(`${P}/rounds`, partner, { period, dueOn, closesOn: "", reminders: "" })).status,
      ).toBe(403);
      expect(await state()).toEqual(before);
    });

    it("runs a round: the contact of action 26 answers 'vertraagd' through the emailed link, without an account; the action page and the API show it", async () => {
      await addContact(app.server.services.db, programmeId, [26], {
        name: "Cora Contact",
        email: "cora@example.org",
        organisation: "gemeente-leiden",
      });
      await addContact(app.server.services.db, programmeId, [27], {
        name: "Karel Contact",
        email: "karel@example.org",
        organisation: "universiteit-leiden",
      });
      expect(text((await page(app, `${P}/rounds`, pm)).body)).toContain(
        "2 acties hebben contactpersonen (2 in totaal); een nieuwe ronde vraagt hen allemaal.",
      );

      const opened = await post(`${P}/rounds`, pm, { period, dueOn, closesOn: "", reminders: "-7, 0, 7" });
      expect(opened.status).toBe(302);
      const roundPath = opened.location!.split("?")[0]!;
      expect(roundPath).toMatch(new RegExp(`^${P}/rounds/\\d+$`));
      // A second round for the same period is refused.
      const again = await post(`${P}/rounds`, pm, { period, dueOn, closesOn: "", reminders: "" });
      expect(again.status).toBe(409);
      expect(text(again.body)).toContain("Voor deze periode is al een ronde geopend. Er is niets veranderd.");

      // The server's own job runner sends the requests right after the round is opened.
      await eventually(
        () => smtp.received.length,
        (n) => n >= 2,
      );
      const mail = smtp.received.find((m) => m.to.includes("cora@example.org"))!;
      expect(mail.subject).toBe(
        `Regie: voortgang gevraagd voor actie 26 – Leidse regio Werk-top (${period})`,
      );
      const token = tokenIn(mail.text);
      expect(mail.text).toContain(`${app.url}/respond/${token}`);

      const round = await page(app, opened.location!, pm);
      expect(text(round.body)).toContain("De ronde is geopend: 2 contactpersonen krijgen nu een e-mail.");
      expect(text(round.body)).toContain("Cora Contact (Gemeente Leiden)");

      // The link opens the form for action 26 only; no names, not cached, not indexed, no referrer.
      const form = await page(app, `/respond/${token}`, anonymous);
      expect(form.status).toBe(200);
      expect(form.headers.get("cache-control")).toBe("private, no-store");
      expect(form.headers.get("referrer-policy")).toBe("same-origin");
      expect(text(form.body)).toContain("Voortgang van actie 26 Leidse regio Werk-top");
      expect(form.body).not.toContain("Cora");
      expect(form.body).toContain('name="status"');

      const valid: [string, string][] = [
        ["actionNumber", "26"],
        ["period", period],
        ["version", ""],
        ["status", "delayed"],
        ["percent", "30"],
        ["narrative", "Vertraagd: de zaal is pas in het voorjaar vrij."],
        ["narrativePublicShown", "1"],
        ["narrativePublic", "1"],
      ];
      const replace = (name: string, value: string): [string, string][] =>
        valid.map(([k, v]) => [k, k === name ? value : v]);
      const before = await state();
      for (const [fields, status, message] of [
        [replace("percent", "101"), 400, "Het percentage moet tussen 0 en 100 liggen."],
        [replace("percent", "-1"), 400, "Het percentage moet tussen 0 en 100 liggen."],
        [
          replace("percent", "x"),
          400,
          "Vul het percentage in als heel getal van 0 tot en met 100, of laat het leeg.",
        ],
        [replace("narrative", "x".repeat(2001)), 400, "De toelichting is te lang (hoogstens 2000 tekens)."],
        [replace("status", "vertraagd"), 400, "Kies de stand van zaken."],
        [replace("actionNumber", "27"), 403, "Deze link is alleen voor actie 26. Er is niets opgeslagen."],
        [
          replace("period", "2014-H1"),
          400,
          `Deze link is alleen voor de periode ${period}. Er is niets opgeslagen.`,
        ],
        [[...valid, ["milestone", "999999"]], 400, "Een aangevinkte mijlpaal hoort niet bij deze actie."],
      ] as const) {
        const res = await post(`/respond/${token}`, anonymous, fields as [string, string][]);
        expect(res.status, message).toBe(status);
        expect(text(res.body)).toContain(message);
      }
      expect(await state()).toEqual(before);

      const saved = await post(`/respond/${token}`, anonymous, valid);
      expect(saved.status).toBe(302);
      expect(saved.location).toBe(`/respond/${token}?done=saved`);
      expect(text((await page(app, saved.location!, anonymous)).body)).toContain(
        "Dank u wel. Het antwoord is opgeslagen.",
      );

      // The public action page shows the status and the public narrative, without who wrote it.
      const action = await page(app, `${P}/actions/26`);
      const body = text(action.body);
      expect(body).toContain(`Over de ${periodLabel(period)}: Vertraagd · 30% gereed`);
      expect(body).toContain("Vertraagd: de zaal is pas in het voorjaar vrij.");
      expect(action.body).not.toContain("Cora");
      // Members see who reported it.
      expect(text((await page(app, `${P}/actions/26`, sg)).body)).toContain("door Cora Contact");

      const a26 = await json(`${API}/actions/26`);
      expect(a26.progress).toEqual({
        status: "delayed",
        percent: 30,
        period,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
      });
      const history = await json(`${API}/actions/26/progress`);
      expect(history).toEqual({
        action: 26,
        data: [
          {
            period,
            status: "delayed",
            percent: 30,
            narrative: "Vertraagd: de zaal is pas in het voorjaar vrij.",
            milestonesReached: [],
            createdAt: expect.any(String) as unknown,
            updatedAt: expect.any(String) as unknown,
          },
        ],
      });
      expect(JSON.stringify(history)).not.toContain("Cora");

      // The round page: 26 answered, 27 not yet; per organisation too.
      const overview = text((await page(app, roundPath, pm)).body);
      expect(overview).toMatch(/26\. Leidse regio Werk-top Cora Contact \(Gemeente Leiden\) Beantwoord op/);
      expect(overview).toContain(
        "27. Stroomlijnen werkgeversdienstverlening Karel Contact (Universiteit Leiden) Nog niet",
      );
      expect(overview).toContain("Gemeente Leiden 1 0 0");
      expect(overview).toContain("Universiteit Leiden 0 1 0");

      // Until the due date the answer can be corrected; an internal narrative is kept from the public.
      const correctedFields: [string, string][] = [
        ["actionNumber", "26"],
        ["period", period],
        ["version", "1"],
        ["status", "delayed"],
        ["percent", "30"],
        ["narrative", "Intern: de wethouder beslist in december."],
        ["narrativePublicShown", "1"],
      ];
      const corrected = await post(`/respond/${token}`, anonymous, correctedFields);
      expect(corrected.status).toBe(302);
      expect(text((await page(app, `${P}/actions/26`)).body)).not.toContain("de wethouder beslist");
      expect(text((await page(app, `${P}/actions/26`, sg)).body)).toContain(
        "[Niet openbaar] Intern: de wethouder beslist in december.",
      );
      expect(
        ((await json(`${API}/actions/26/progress`)) as { data: { narrative: unknown }[] }).data[0]!.narrative,
      ).toBeNull();
      // A stale form (version 1 again) is a conflict that shows the stored answer.
      const stale = await post(`/respond/${token}`, anonymous, replace("version", "1"));
      expect(stale.status).toBe(409);
      expect(text(stale.body)).toContain(
        "Iemand anders heeft de voortgang voor deze periode intussen opgeslagen.",
      );

      // After the due date the answer stands; an action that has not answered may still answer once.
      await db()
        .updateTable("update_round")
        .set({ due_on: addDays(today, -1) })
        .execute();
      const locked = await page(app, `/respond/${token}`, anonymous);
      expect(text(locked.body)).toContain("is verstreken en er is geantwoord. Het antwoord ligt nu vast");
      expect(locked.body).not.toContain('name="status"');
      const lockedState = await state();
      const refused = await post(`/respond/${token}`, anonymous, replace("version", "2"));
      expect(refused.status).toBe(409);
      expect(text(refused.body)).toContain(
        "De uiterste datum is verstreken en er is al geantwoord; het antwoord kan niet meer veranderen. Er is niets opgeslagen.",
      );
      expect(await state()).toEqual(lockedState);

      // Sending again gives Karel a new link; the old one is unknown from then on.
      const karelOld = tokenIn(smtp.received.find((m) => m.to.includes("karel@example.org"))!.text);
      const karelRequest = await db()
        .selectFrom("round_request")
        .innerJoin("contact", "contact.id", "round_request.contact_id")
        .select("round_request.id")
        .where("contact.email", "=", "karel@example.org")
        .executeTakeFirstOrThrow();
      const resent = await post(roundPath, pm, { intent: "resend", requestId: String(karelRequest.id) });
      expect(resent.status).toBe(302);
      expect(text((await page(app, resent.location!, pm)).body)).toContain(
        "De uitnodiging gaat opnieuw uit, met een nieuwe link. De oude link werkt niet meer.",
      );
      const newMail = await eventually(
        () => smtp.received.filter((m) => m.to.includes("karel@example.org")),
        (list) => list.length >= 2,
      );
      const karelNew = tokenIn(newMail[1]!.text);
      expect(karelNew).not.toBe(karelOld);
      expect((await page(app, `/respond/${karelOld}`, anonymous)).status).toBe(404);
      const late = await page(app, `/respond/${karelNew}`, anonymous);
      expect(text(late.body)).toContain("U kunt nog één keer antwoorden; daarna ligt het antwoord vast.");

      // Closing the round: every link is refused, with a message; nothing else is reachable with it.
      const closed = await post(roundPath, pm, { intent: "close" });
      expect(closed.location).toBe(`${roundPath}?done=closed`);
      const gone = await page(app, `/respond/${token}`, anonymous);
      expect(gone.status).toBe(410);
      expect(text(gone.body)).toContain("Deze ronde is gesloten; de link werkt niet meer.");
      expect((await post(`/respond/${karelNew}`, anonymous, [...replace("actionNumber", "27")])).status).toBe(
        410,
      );
    });

    it("refuses malformed and unknown links with a 404, and a link opens nothing but its own form", async () => {
      for (const path of [
        "/respond/kort",
        "/respond/" + "x".repeat(43),
        "/respond/" + "a".repeat(42) + "!",
        "/respond/" + "A".repeat(44),
      ]) {
        const res = await page(app, path, anonymous);
        expect(res.status, path).toBe(404);
      }
      expect(text((await page(app, "/respond/" + "x".repeat(43), anonymous)).body)).toContain(
        "Deze link is onbekend, of vervangen door een nieuwere.",
      );
      const token = tokenIn(smtp.received.find((m) => m.to.includes("cora@example.org"))!.text);
      // The secret is no key to anything else: another action's pages still ask to sign in.
      for (const path of [
        `${P}/actions/27/progress/new?token=${token}`,
        `${P}/actions/26/progress/new?token=${token}`,
        `${P}/rounds?token=${token}`,
      ]) {
        const res = await page(app, path, anonymous);
        expect(res.status, path).toBe(302);
        expect(res.headers.get("location")).toMatch(/^\/sign-in\?next=/);
      }
    });

    it("lets the action's contact and the programme manager report on their own page, and checks the period", async () => {
      const contact = await signedIn(app, { role: "action-contact", name: "Cees Contact", contactFor: [30] });
      const form = await page(app, `${P}/actions/30/progress/new`, contact);
      expect(form.status).toBe(200);
      expect(text(form.body)).toContain("Voortgang melden voor actie 30");
      expect((await page(app, `${P}/actions/31/progress/new`, contact)).status).toBe(403);
      expect((await page(app, `${P}/actions/30/progress/new`, partner)).status).toBe(403);
      expect((await page(app, `${P}/actions/30/progress/new?period=2099-H1`, contact)).status).toBe(400);

      const fields = (p: string): [string, string][] => [
        ["period", p],
        ["version", ""],
        ["status", "on-track"],
        ["percent", ""],
        ["narrative", "Op schema."],
        ["narrativePublicShown", "1"],
        ["narrativePublic", "1"],
      ];
      const before = await state();
      for (const [p, message] of [
        ["2099-H1", "Deze periode is nog niet begonnen."],
        ["2012-H2", "Deze periode ligt vóór het programma, dat in 2013 begint."],
        ["2014-X1", "Schrijf de periode als jaar en halfjaar of kwartaal"],
      ] as const) {
        const res = await post(`${P}/actions/30/progress/new`, contact, fields(p));
        expect(res.status, p).toBe(400);
        expect(text(res.body)).toContain(message);
      }
      expect((await post(`${P}/actions/31/progress/new`, contact, fields("2014-H1"))).status).toBe(403);
      expect(await state()).toEqual(before);

      // Milestone "2015" of action 30 is reached with this update: marked done today.
      const milestone = await db()
        .selectFrom("milestone")
        .innerJoin("action", "action.id", "milestone.action_id")
        .select(["milestone.id"])
        .where("action.number", "=", 30)
        .executeTakeFirstOrThrow();
      const saved = await post(`${P}/actions/30/progress/new`, contact, [
        ...fields("2014-H1"),
        ["milestone", String(milestone.id)],
      ]);
      expect(saved.status).toBe(302);
      expect(saved.location).toBe(`${P}/actions/30?progress=saved#voortgang`);
      const second = await post(
        `${P}/actions/30/progress/new`,
        pm,
        fields("2014-H2").map(([k, v]): [string, string] => [k, k === "status" ? "at-risk" : v]),
      );
      expect(second.status).toBe(302);
      const actionPage = text((await page(app, `${P}/actions/30?progress=saved`, contact)).body);
      expect(actionPage).toContain("De voortgang is opgeslagen.");
      expect(actionPage).toContain("Over de tweede helft van 2014: Risico");
      expect(actionPage).toContain("Eerdere meldingen");
      expect(actionPage).toContain("eerste helft van 2014: Op schema");
      expect(actionPage).toContain(`Gereed op ${dutchDay(today)}`);
      const api = await json(`${API}/actions/30`);
      expect(api.progress).toMatchObject({ status: "at-risk", period: "2014-H2", percent: null });
      expect((api.milestones as { doneOn: string | null }[])[0]!.doneOn).toBe(today);
      const history = (await json(`${API}/actions/30/progress`)) as {
        data: { period: string; milestonesReached: { label: string | null }[] }[];
      };
      expect(history.data.map((u) => u.period)).toEqual(["2014-H2", "2014-H1"]);
      expect(history.data[1]!.milestonesReached).toEqual([
        {
          label: null,
          due: { text: "2015", start: "2015-01-01", end: "2015-12-31", precision: "year" },
          doneOn: today,
        },
      ]);
      // Both answers fit the OpenAPI document (whose objects are closed: no field may be undocumented).
      expect(validate("ProgressHistory", history)).toEqual([]);
      expect(validate("ActionDetail", api)).toEqual([]);
      expect(doc.paths["/programmes/{slug}/actions/{number}/progress"]?.get?.operationId).toBe(
        "getActionProgress",
      );
    });

    it("lets the programme manager correct milestones, with versions and history", async () => {
      const path = `${P}/actions/2/milestones`;
      expect((await page(app, path)).status).toBe(302);
      expect((await page(app, path, sg)).status).toBe(403);
      const pageBody = await page(app, path, pm);
      expect(pageBody.status).toBe(200);
      const body = text(pageBody.body);
      expect(body).toContain("Plan van aanpak gereed 1 januari 2014 (uiterlijk 1 januari 2014)");
      expect(body).toContain("Alle delen van de planning zijn gelezen.");
      expect(text((await page(app, `${P}/actions/50/milestones`, pm)).body)).toContain(
        "Alle delen van de planning zijn gelezen.",
      );
      expect(text((await page(app, `${P}/actions/6/milestones`, pm)).body)).toContain(
        "Niet gelezen delen van de planning",
      );

      const [first] = await db()
        .selectFrom("milestone")
        .innerJoin("action", "action.id", "milestone.action_id")
        .select(["milestone.id", "milestone.version"])
        .where("action.number", "=", 2)
        .orderBy("milestone.position")
        .execute();
      const before = await state();
      const unreadable = await post(path, pm, {
        intent: "save",
        id: String(first!.id),
        version: String(first!.version),
        label: "Plan klaar",
        due: "binnenkort",
        doneOn: "",
      });
      expect(unreadable.status).toBe(400);
      expect(text(unreadable.body)).toContain("Deze datum kan Regie niet lezen.");
      expect(await state()).toEqual(before);

      const saved = await post(path, pm, {
        intent: "save",
        id: String(first!.id),
        version: String(first!.version),
        label: "Plan van aanpak klaar",
        due: "februari 2014",
        doneOn: "",
      });
      expect(saved.location).toBe(`${path}?done=saved`);
      const stale = await post(path, pm, {
        intent: "done",
        id: String(first!.id),
        version: String(first!.version),
      });
      expect(stale.status).toBe(409);
      expect(text(stale.body)).toContain("Iemand anders heeft deze mijlpaal intussen gewijzigd.");
      const done = await post(path, pm, {
        intent: "done",
        id: String(first!.id),
        version: String(first!.version + 1),
      });
      expect(done.location).toBe(`${path}?done=done`);
      const added = await post(path, pm, {
        intent: "add",
        label: "Evaluatie",
        due: "najaar 2015",
        doneOn: "",
      });
      expect(added.location).toBe(`${path}?done=added`);
      const after = text((await page(app, `${path}?done=done`, pm)).body);
      expect(after).toContain("De mijlpaal is gereed gemeld.");
      expect(after).toContain("Plan van aanpak klaar februari 2014 (uiterlijk 28 februari 2014)");
      expect(after).toContain("Evaluatie najaar 2015 (uiterlijk 30 november 2015) Te laat Met de hand");
      expect(after).toContain(
        "Gewijzigd: Plan van aanpak gereed (1 januari 2014) → Plan van aanpak klaar (februari 2014)",
      );
      expect(after).toContain("Toegevoegd: Evaluatie (najaar 2015)");
      expect(after).toContain("Pim Programmamanager");
      const api = await json(`${API}/actions/2`);
      expect(
        (api.milestones as { label: string; doneOn: string | null }[]).map((m) => [m.label, m.doneOn]),
      ).toEqual([
        ["Plan van aanpak klaar", today],
        ["Uitvoering", null],
        ["Evaluatie", null],
      ]);
    });
  },
);

function periodLabel(code: string): string {
  const [year, part] = code.split("-");
  return `${part === "H1" ? "eerste" : "tweede"} helft van ${year}`;
}

function dutchDay(iso: string): string {
  return new Intl.DateTimeFormat("nl-NL", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T12:00:00Z`));
}
