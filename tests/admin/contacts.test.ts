import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContactFile } from "../../app/domain/contacts/contacts";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { P, page, postFile, postForm, signedIn, text, type Session } from "./support";

const utf8 = (s: string) => new TextEncoder().encode(s);
const KNOWN = new Set([1, 2, 17, 18, 20]);
const organisations = { resolve: (v: string) => ({ "gemeente leiden": "gemeente-leiden", "gemeente-leiden": "gemeente-leiden", "universiteit leiden": "universiteit-leiden" })[v.trim().toLowerCase()] };
const parse = (content: string | Uint8Array) => parseContactFile(typeof content === "string" ? utf8(content) : content, { actionExists: (n) => KNOWN.has(n), organisations });

describe("reading a contacts file", () => {
  it("reads `;` with a byte-order mark, `,`, Dutch column names in any order, quoted cells", () => {
    const semicolon = parse("\uFEFFaction;name;email;organisation\r\n17;Anna de Vries;Anna@Example.org;gemeente-leiden\r\n18;\"Jansen; Piet\";piet@example.org;\r\n");
    expect(semicolon).toEqual({
      ok: true,
      rows: [
        { line: 2, actionNumber: 17, name: "Anna de Vries", email: "anna@example.org", organisation: "gemeente-leiden" },
        { line: 3, actionNumber: 18, name: "Jansen; Piet", email: "piet@example.org", organisation: null },
      ],
    });
    const comma = parse("naam,e-mail,organisatie,actie\nAnna de Vries,anna@example.org,Universiteit Leiden,2\n");
    expect(comma).toEqual({ ok: true, rows: [{ line: 2, actionNumber: 2, name: "Anna de Vries", email: "anna@example.org", organisation: "universiteit-leiden" }] });
  });

  it("refuses the whole file with every problem by line", () => {
    const result = parse(
      [
        "action;name;email;organisation",
        "17;Anna;anna@example.org;gemeente-leiden",
        "999;;not-an-email;",
        "x;Bob;bob@example.org;",
        "18;Carla;carla@example.org;Nergens BV",
        "17;Anna;anna@example.org;gemeente-leiden",
        "20;Anna Other;anna@example.org;gemeente-leiden",
        "1;Dirk;dirk@example.org",
      ].join("\n"),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, messages: [{ key: "contacts.nameRequired" }, { key: "contacts.emailInvalid" }] },
        { line: 4, messages: [{ key: "contacts.actionNumberInvalid" }] },
        { line: 5, messages: [{ key: "contacts.organisationUnknownName", params: { param: "Nergens BV" } }] },
        { line: 6, messages: [{ key: "contacts.rowDuplicate", params: { param: 2 } }] },
        { line: 7, messages: [{ key: "contacts.rowDiffers", params: { param: 2 } }] },
        { line: 8, messages: [{ key: "contacts.rowCells", params: { param: 4 } }] },
      ],
    });
    // An unknown action with otherwise good cells is named.
    expect(parse("action;name;email;organisation\n999;Eva;eva@example.org;\n")).toEqual({ ok: false, problems: [{ line: 2, messages: [{ key: "contacts.actionUnknown", params: { param: 999 } }] }] });
  });

  it("refuses files that are not UTF-8, use another separator, lack the header or rows", () => {
    const latin1 = new Uint8Array([...utf8("action;name;email;organisation\n17;Ren"), 0xe9, ...utf8(";rene@example.org;\n")]);
    expect(parse(latin1)).toEqual({ ok: false, problems: [{ line: null, messages: [{ key: "contacts.fileNotUtf8" }] }] });
    expect(parse("action\tname\temail\torganisation\n17\tAnna\tanna@example.org\t\n")).toEqual({ ok: false, problems: [{ line: null, messages: [{ key: "contacts.fileHeader" }] }] });
    expect(parse("17;Anna;anna@example.org;gemeente-leiden\n")).toEqual({ ok: false, problems: [{ line: null, messages: [{ key: "contacts.fileHeader" }] }] });
    expect(parse("action;name;email;organisation\n")).toEqual({ ok: false, problems: [{ line: null, messages: [{ key: "contacts.fileNoRows" }] }] });
    expect(parse("")).toEqual({ ok: false, problems: [{ line: null, messages: [{ key: "contacts.fileEmpty" }] }] });
    expect(parse('action;name;email;organisation\n17;"Anna;anna@example.org;\n')).toEqual({ ok: false, problems: [{ line: null, messages: [{ key: "contacts.fileQuote", params: { param: 2 } }] }] });
  });
});

describe.each(testDialects())("contacts per action on %s", (dialect) => {
  let app: TestServer;
  let manager: Session;
  let steering: Session;
  let partner: Session;
  let analyst: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect, { MAX_UPLOAD_MB: "1" });
    manager = await signedIn(app, { role: "programme-manager", name: "Mira Manager" });
    steering = await signedIn(app, { role: "steering-group" });
    partner = await signedIn(app, { role: "partner" });
    analyst = await signedIn(app, { role: "analyst" });
  });
  afterAll(async () => {
    await app.stop();
  });

  const counts = async () => {
    const db = app.server.services.db.kysely;
    const n = async (table: "contact" | "action_contact" | "audit_event") => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    return { contacts: await n("contact"), links: await n("action_contact"), history: await n("audit_event") };
  };
  const importFile = (content: string | Uint8Array, fields: Record<string, string> = {}) => postFile(app, `${P}/contacts/import`, manager, { name: "contacts.csv", content }, fields);

  it("adds a contact on the action's contacts page, links an account with the same email, and removes it", async () => {
    const withAccount = await signedIn(app, { name: "Has Account" });
    const added = await postForm(app, `${P}/actions/17/contacts`, manager, { intent: "add", name: "Has Account", email: withAccount.email.toUpperCase(), organisation: "gemeente-leiden" });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(`${P}/actions/17/contacts?done=created`);
    const list = text((await page(app, `${P}/actions/17/contacts`, manager)).body);
    expect(list).toContain(`Has Account ${withAccount.email} Gemeente Leiden Heeft een account`);
    const again = await postForm(app, `${P}/actions/17/contacts`, manager, { intent: "add", name: "Has Account", email: withAccount.email, organisation: "gemeente-leiden" });
    expect(again.headers.get("location")).toBe(`${P}/actions/17/contacts?done=unchanged`);
    const bad = await postForm(app, `${P}/actions/17/contacts`, manager, { intent: "add", name: "", email: "nope", organisation: "bestaat-niet" });
    expect(bad.status).toBe(400);
    expect(text(bad.body)).toContain("Vul een naam in.");
    expect(text(bad.body)).toContain("Vul een geldig e-mailadres in.");

    const contact = await app.server.services.db.kysely.selectFrom("contact").selectAll().where("email", "=", withAccount.email).executeTakeFirstOrThrow();
    expect(contact.user_id).toBe(withAccount.userId);
    const removed = await postForm(app, `${P}/actions/17/contacts`, manager, { intent: "remove", contactId: String(contact.id) });
    expect(removed.status).toBe(302);
    // No action left: the person's record goes too.
    expect(await app.server.services.db.kysely.selectFrom("contact").select("id").where("id", "=", contact.id).executeTakeFirst()).toBeUndefined();
    expect((await postForm(app, `${P}/actions/17/contacts`, manager, { intent: "remove", contactId: String(contact.id) })).status).toBe(404);
    const ops = (await app.server.services.history.forEntity("contact", contact.id)).map((h) => h.operation);
    expect(ops).toEqual(["delete", "unlink", "link", "create"]);
  });

  it("lets those who need contacts read them, and only programme managers change them", async () => {
    await postForm(app, `${P}/actions/18/contacts`, manager, { intent: "add", name: "Reader Check", email: "reader.check@example.org", organisation: "" });
    expect(text((await page(app, `${P}/actions/18/contacts`, steering)).body)).toContain("reader.check@example.org");
    expect(text((await page(app, `${P}/actions/18/contacts`, steering)).body)).not.toContain("Contactpersoon toevoegen");
    expect((await page(app, `${P}/actions/18/contacts`, partner)).status).toBe(403);
    expect((await page(app, `${P}/actions/18/contacts`, analyst)).status).toBe(403);
    expect((await page(app, `${P}/actions/18/contacts`, null)).status).toBe(302);
    const before = await counts();
    expect((await postForm(app, `${P}/actions/18/contacts`, steering, { intent: "add", name: "X", email: "x@example.org", organisation: "" })).status).toBe(403);
    expect((await page(app, `${P}/contacts/import`, steering)).status).toBe(403);
    expect(await counts()).toEqual(before);

    // The action page shows names and emails to contact readers, never to others.
    expect(text((await page(app, `${P}/actions/18`, steering)).body)).toContain("Reader Check · reader.check@example.org");
    expect((await page(app, `${P}/actions/18`, partner)).body).not.toContain("reader.check@example.org");
    expect((await page(app, `${P}/actions/18`, null)).body).not.toContain("Reader Check");
  });

  it("imports a good file and reports created, updated and unchanged", async () => {
    const file = "\uFEFFaction;name;email;organisation\r\n1;Anna de Vries;anna@example.org;Gemeente Leiden\r\n2;Anna de Vries;anna@example.org;Gemeente Leiden\r\n20;Piet Jansen;piet@example.org;\r\n";
    const checked = await importFile(file, { dryRun: "yes" });
    expect(checked.status).toBe(200);
    expect(text(checked.body)).toContain("Het bestand is in orde. Bij inlezen zou dit gebeuren (er is niets opgeslagen): 3 contactpersonen nieuw bij een actie 0 bijgewerkt (naam of organisatie) 0 ongewijzigd");
    const before = await counts();
    const done = await importFile(file);
    expect(done.status).toBe(200);
    expect(text(done.body)).toContain("Het bestand is ingelezen: 3 contactpersonen nieuw bij een actie 0 bijgewerkt (naam of organisatie) 0 ongewijzigd");
    const after = await counts();
    expect(after.contacts - before.contacts).toBe(2);
    expect(after.links - before.links).toBe(3);
    // Two people created, three links: five history entries.
    expect(after.history - before.history).toBe(5);

    const again = await importFile(file.replace("Piet Jansen;piet@example.org;", "Piet Jansen;piet@example.org;universiteit-leiden"));
    expect(text(again.body)).toContain("0 contactpersonen nieuw bij een actie 1 bijgewerkt (naam of organisatie) 2 ongewijzigd");
    const piet = await app.server.services.contacts.listForAction((await app.server.services.actions.get((await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!.id, 20))!.id);
    expect(piet.map((c) => [c.name, c.organisation?.slug])).toEqual([["Piet Jansen", "universiteit-leiden"]]);
  });

  it("refuses a file with bad rows, by line, and writes nothing", async () => {
    const before = await counts();
    const res = await importFile("action;name;email;organisation\n17;Good Row;good@example.org;\n999;Bad Action;bad@example.org;\n18;;no-email;Nergens BV\n");
    expect(res.status).toBe(400);
    const body = text(res.body);
    expect(body).toContain("Het bestand is geweigerd; er is niets opgeslagen");
    expect(body).toContain("Regel 3: Actie 999 bestaat niet in dit programma.");
    expect(body).toContain("Regel 4: Vul een naam in. Vul een geldig e-mailadres in.");
    expect(body).not.toContain("Regel 2:");
    expect(await counts()).toEqual(before);
    expect(await app.server.services.db.kysely.selectFrom("contact").select("id").where("email", "=", "good@example.org").executeTakeFirst()).toBeUndefined();
  });

  it("refuses another encoding, another separator and a missing file with a message", async () => {
    const before = await counts();
    const latin1 = new Uint8Array([...utf8("action;name;email;organisation\n17;Ren"), 0xe9, ...utf8(";rene@example.org;\n")]);
    const encoding = await importFile(latin1);
    expect(encoding.status).toBe(400);
    expect(text(encoding.body)).toContain("Het bestand is geen UTF-8-tekst.");
    const tabs = await importFile("action\tname\temail\torganisation\n17\tAnna\tanna@example.org\t\n");
    expect(tabs.status).toBe(400);
    expect(text(tabs.body)).toContain("De kopregel moet de kolommen action, name, email en organisation noemen");
    const none = await postFile(app, `${P}/contacts/import`, manager, { name: "empty.csv", content: "" });
    expect(none.status).toBe(400);
    expect(text(none.body)).toContain("Kies een CSV-bestand.");
    expect(await counts()).toEqual(before);
  });

  it("refuses a file over MAX_UPLOAD_MB with 413, before reading it", async () => {
    const before = await counts();
    const row = "17;Big File;big@example.org;\n";
    const big = "action;name;email;organisation\n" + row.repeat(Math.ceil((1.2 * 1024 * 1024) / row.length));
    const res = await importFile(big);
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("never shows people's names or emails to the public: pages, API, CSV", async () => {
    await postForm(app, `${P}/actions/10/contacts`, manager, { intent: "add", name: "Publiek Geheim", email: "publiek.geheim@example.org", organisation: "gemeente-leiden" });
    const paths = [
      "/",
      P,
      `${P}/actions`,
      `${P}/actions?q=onderwijs`,
      `${P}/actions/10`,
      `${P}/themes/2`,
      "/organisations",
      "/organisations/gemeente-leiden",
      "/api/v1/programmes",
      `/api/v1${P}`,
      `/api/v1${P}/actions`,
      `/api/v1${P}/actions.csv`,
      `/api/v1${P}/actions/10`,
      "/api/v1/organisations",
      "/api/v1/organisations/gemeente-leiden",
      "/api/v1/openapi.json",
      "/privacy",
      "/accessibility",
    ];
    const leaks: string[] = [];
    for (const path of paths) {
      for (const who of [null, partner, analyst]) {
        const res = await page(app, path, who);
        expect(res.status, path).toBe(200);
        for (const secret of ["publiek.geheim@example.org", "Publiek Geheim", "Mira Manager", "anna@example.org", "Anna de Vries"]) {
          if (res.body.includes(secret)) leaks.push(`${who ? "member" : "public"} ${path}: ${secret}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The same page does show them to someone who needs them.
    expect((await page(app, `${P}/actions/10`, steering)).body).toContain("publiek.geheim@example.org");
  });
});
