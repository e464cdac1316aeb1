import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../app/domain/progress/calendar";
import { periodOfDate } from "../../app/domain/progress/periods";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { addContact, eventually } from "../progress/support";
import { P, signedIn, SLUG, visitor, type Session } from "./support";

/** What an attacker sends: the Host header and the proxy headers a careless server would believe. */
const FORGED = {
  host: "evil.example",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  forwarded: "host=evil.example;proto=https",
};

/** Posts a form with headers that fetch would not let us forge (Host), over a plain HTTP request. */
function postForged(app: TestServer, path: string, session: { cookie: string; csrf: string }, fields: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: session.csrf, ...fields }).toString();
  const url = new URL(app.url);
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        headers: {
          ...FORGED,
          cookie: session.cookie,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          "accept-language": "nl",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function mailTo(app: TestServer, email: string): Promise<string> {
  const row = await eventually(
    () =>
      app.server.services.db.kysely
        .selectFrom("mail_outbox")
        .select("body_text")
        .where("recipient", "=", email)
        .orderBy("id", "desc")
        .executeTakeFirst(),
    (r) => r !== undefined,
  );
  return row!.body_text;
}

describe.each(testDialects())("links in mail never follow the request's headers on %s", (dialect) => {
  describe("without PUBLIC_URL: the address Regie printed at start", () => {
    let app: TestServer;
    let admin: Session;
    let pm: Session;

    beforeAll(async () => {
      app = await startTestServer(dialect);
      admin = await signedIn(app, { admin: true });
      pm = await signedIn(app, { role: "programme-manager" });
    });
    afterAll(async () => {
      await app.stop();
    });

    it("uses the printed address for the services' links", () => {
      expect(app.server.services.links.origin).toBe(app.url);
    });

    it("mails a password-reset link to the real address when the Host header is forged", async () => {
      await signedIn(app, { email: "victim@example.org" });
      expect(await postForged(app, "/password/forgot", await visitor(app), { email: "victim@example.org" })).toBe(200);
      const body = await mailTo(app, "victim@example.org");
      expect(body).toMatch(new RegExp(`${app.url}/password/reset/[A-Za-z0-9_-]{20,}`));
      expect(body).not.toContain("evil.example");
    });

    it("mails an invitation link to the real address when the Host header is forged", async () => {
      const status = await postForged(app, "/admin/users", admin, {
        name: "Forged Invitee",
        email: "invitee@example.org",
        role: "partner",
        programme: SLUG,
      });
      expect(status).toBe(302);
      const body = await mailTo(app, "invitee@example.org");
      expect(body).toMatch(new RegExp(`${app.url}/invite/[A-Za-z0-9_-]{20,}`));
      expect(body).not.toContain("evil.example");
    });

    it("mails update-round links to the real address when the round was opened with a forged Host header", async () => {
      const programme = (await app.server.services.programmes.get(SLUG))!;
      await addContact(app.server.services.db, programme.id, [26], { name: "Round Contact", email: "round.contact@example.org" });
      const today = amsterdamDate(new Date());
      const status = await postForged(app, `${P}/rounds`, pm, {
        period: periodOfDate(today).code,
        dueOn: addDays(today, 10),
        closesOn: "",
        reminders: "",
      });
      expect(status).toBe(302);
      // Nothing of the request is kept for the mail job to use later either.
      const jobs = await app.server.services.db.kysely.selectFrom("job").select("payload").execute();
      expect(jobs.map((j) => j.payload).join("\n")).not.toContain("evil.example");
      const body = await mailTo(app, "round.contact@example.org");
      expect(body).toMatch(new RegExp(`${app.url}/respond/[A-Za-z0-9_-]{20,}`));
      expect(body).not.toContain("evil.example");
    });
  });

  describe("with PUBLIC_URL: the configured address", () => {
    let app: TestServer;

    beforeAll(async () => {
      app = await startTestServer(dialect, { PUBLIC_URL: "https://regie.example.org/" });
    });
    afterAll(async () => {
      await app.stop();
    });

    it("mails a password-reset link to PUBLIC_URL whatever the Host header says", async () => {
      await signedIn(app, { email: "configured@example.org" });
      expect(await postForged(app, "/password/forgot", await visitor(app), { email: "configured@example.org" })).toBe(200);
      const body = await mailTo(app, "configured@example.org");
      expect(body).toMatch(/https:\/\/regie\.example\.org\/password\/reset\/[A-Za-z0-9_-]{20,}/);
      expect(body).not.toContain("evil.example");
      expect(body).not.toContain(app.url);
    });
  });
});
