import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, calendarDate } from "../../app/domain/calendar";
import { periodOfDate } from "../../app/domain/progress/periods";
import {
  P,
  page,
  postFile,
  postForm,
  signedIn,
  text as plainText,
  visitor,
  type Session,
} from "../admin/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { addContact, eventually, startSmtp, tokenIn, type Smtp } from "./support";

/** A page's words, without the spaces that tags leave before punctuation and inside brackets. */
const text = (html: string) =>
  plainText(html)
    .replace(/\s+([:.,;)\]])/g, "$1")
    .replace(/([([])\s+/g, "$1");

describe.each(testDialects())(
  "a contact added during an open update round, in the pages on %s",
  (dialect) => {
    let smtp: Smtp;
    let app: TestServer;
    let pm: Session;
    // The server runs on the real clock: the round is for the current half year, due in ten days.
    const today = calendarDate(new Date());
    const period = periodOfDate(today).code;
    const dueOn = addDays(today, 10);
    const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

    beforeAll(async () => {
      smtp = await startSmtp();
      app = await startTestServer(dialect, { SMTP_URL: smtp.url, MAIL_FROM: "Regie <regie@example.org>" });
      pm = await signedIn(app, { role: "programme-manager", name: "Pim Programmamanager" });
    });
    afterAll(async () => {
      await app?.stop();
      await smtp?.close();
    });

    it("asks the new contact from the contacts page and the contacts file, shows the request on the round page, and sends it again from there", async () => {
      const db = app.server.services.db;
      const programmeId = (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!.id;
      await addContact(db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
      // Without an open round, adding a contact asks nobody.
      const early = await postForm(app, `${P}/actions/24/contacts`, pm, {
        intent: "add",
        name: "Anna Vroeg",
        email: "anna@example.org",
        organisation: "",
      });
      expect(early.headers.get("location")).toBe(`${P}/actions/24/contacts?done=created`);

      const opened = await postForm(app, `${P}/rounds`, pm, {
        period,
        dueOn,
        closesOn: "",
        reminders: "-7, 0, 7",
      });
      expect(opened.status).toBe(302);
      const roundPath = opened.headers.get("location")!.split("?")[0]!;
      // Anna was a contact of 24 when the round opened: she is asked with Karel.
      await eventually(
        () => smtp.received.length,
        (n) => n >= 2,
      );

      const added = await postForm(app, `${P}/actions/26/contacts`, pm, {
        intent: "add",
        name: "Cora Contact",
        email: "cora@example.org",
        organisation: "gemeente-leiden",
      });
      expect(added.status).toBe(302);
      expect(added.headers.get("location")).toBe(`${P}/actions/26/contacts?done=created&asked=1`);
      expect(text((await page(app, added.headers.get("location")!, pm)).body)).toContain(
        "De contactpersoon is toegevoegd. Er loopt een voortgangsronde waarin deze actie nog niet was gevraagd: de contactpersoon krijgt nu een e-mail met een persoonlijke link.",
      );
      const [mail] = await eventually(
        () => mailsTo("cora@example.org"),
        (list) => list.length >= 1,
      );
      expect(mail!.subject).toBe(
        `Regie: voortgang gevraagd voor actie 26 – Leidse regio Werk-top (${period})`,
      );
      const token = tokenIn(mail!.text);
      expect(mail!.text).toContain(`${app.url}/respond/${token}`);
      const anonymous = await visitor(app);
      const form = await page(app, `/respond/${token}`, anonymous);
      expect(form.status).toBe(200);
      expect(text(form.body)).toContain("Voortgang van actie 26 Leidse regio Werk-top");

      // A second contact of action 26 is not asked again.
      const second = await postForm(app, `${P}/actions/26/contacts`, pm, {
        intent: "add",
        name: "Dirk Dubbel",
        email: "dirk@example.org",
        organisation: "",
      });
      expect(second.headers.get("location")).toBe(`${P}/actions/26/contacts?done=created`);

      // The round page lists the late request like any other.
      const overview = text((await page(app, roundPath, pm)).body);
      expect(overview).toContain("26. Leidse regio Werk-top Cora Contact (Gemeente Leiden) Nog niet");
      expect(overview).not.toContain("Dirk Dubbel");

      // Sending it again from the round page: a new link, the old one is unknown from then on.
      const request = await db.kysely
        .selectFrom("round_request")
        .innerJoin("contact", "contact.id", "round_request.contact_id")
        .select("round_request.id")
        .where("contact.email", "=", "cora@example.org")
        .executeTakeFirstOrThrow();
      const resent = await postForm(app, roundPath, pm, { intent: "resend", requestId: String(request.id) });
      expect(resent.headers.get("location")).toBe(`${roundPath}?done=resent`);
      const both = await eventually(
        () => mailsTo("cora@example.org"),
        (list) => list.length >= 2,
      );
      const fresh = tokenIn(both[1]!.text);
      expect(fresh).not.toBe(token);
      expect((await page(app, `/respond/${token}`, anonymous)).status).toBe(404);
      expect((await page(app, `/respond/${fresh}`, anonymous)).status).toBe(200);

      // A contacts file: action 25 is asked, action 27 (asked already) is not.
      const imported = await postFile(app, `${P}/contacts/import`, pm, {
        name: "contacts.csv",
        content:
          "action;name;email;organisation\n25;Fay Vijf;fay@example.org;\n27;Eva Extra;eva@example.org;\n",
      });
      expect(imported.status).toBe(200);
      expect(text(imported.body)).toContain(
        "1 contactpersoon gevraagd in de lopende voortgangsronde (de e-mail gaat nu weg)",
      );
      const [fay] = await eventually(
        () => mailsTo("fay@example.org"),
        (list) => list.length >= 1,
      );
      expect(fay!.subject).toMatch(
        new RegExp(`^Regie: voortgang gevraagd voor actie 25 – .+ \\(${period}\\)$`),
      );
      expect(mailsTo("eva@example.org")).toEqual([]);
      expect(mailsTo("dirk@example.org")).toEqual([]);
    });
  },
);
