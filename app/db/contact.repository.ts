import type { Transaction } from "kysely";
import { recordAudit, type Actor } from "./audit";
import type { Db, Dialect } from "./database";
import { askAddedContactsIn } from "./round.repository";
import type { Database } from "./schema";
import type { ContactInput, ContactView } from "../domain/contacts/contacts";

interface ChangeContext {
  programmeId: number;
  actor: Actor;
  now: string;
  requestId?: string | null;
  /**
   * When true, a contact added to an action while an update round is open is asked in that round
   * (when the action was not asked yet); otherwise (the command line) nobody is asked until the next round.
   */
  askOpenRounds?: boolean;
}

/** `asked`: how many requests of open update rounds the change made (their mails are queued). */
export type ContactChange =
  | { status: "ok"; outcome: "created" | "updated" | "unchanged"; asked: number }
  | { status: "organisation-unknown" | "action-unknown" };

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

class DryRun extends Error {
  constructor(readonly counts: ImportCounts) {
    super("dry run");
  }
}

type Trx = Transaction<Database>;

/** Finds or makes the contact with this email, updating name and organisation; each change in history. */
async function upsertPerson(trx: Trx, person: { name: string; email: string; organisationId: number | null; organisationSlug: string | null }, c: ChangeContext) {
  const existing = await trx
    .selectFrom("contact")
    .leftJoin("organisation", "organisation.id", "contact.organisation_id")
    .select(["contact.id", "contact.name", "contact.organisation_id", "contact.user_id", "contact.version", "organisation.slug as organisation_slug"])
    .where("contact.email", "=", person.email)
    .executeTakeFirst();
  const account = await trx
    .selectFrom("user_account")
    .select("id")
    .where("email", "=", person.email)
    .where("erased_at", "is", null)
    .executeTakeFirst();
  if (!existing) {
    const row = await trx
      .insertInto("contact")
      .values({ name: person.name, email: person.email, organisation_id: person.organisationId, user_id: account?.id ?? null, created_at: c.now, updated_at: c.now, version: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: c.actor,
      at: c.now,
      programmeId: c.programmeId,
      entityType: "contact",
      entityId: row.id,
      entityLabel: person.name,
      operation: "create",
      before: null,
      after: { name: person.name, email: person.email, organisation: person.organisationSlug, account: account !== undefined },
      requestId: c.requestId,
    });
    return { id: row.id, changed: true };
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (existing.name !== person.name) {
    before.name = existing.name;
    after.name = person.name;
  }
  if (existing.organisation_id !== person.organisationId) {
    before.organisation = existing.organisation_slug;
    after.organisation = person.organisationSlug;
  }
  const linkAccount = existing.user_id === null && account !== undefined;
  if (Object.keys(after).length === 0 && !linkAccount) return { id: existing.id, changed: false };
  await trx
    .updateTable("contact")
    .set({
      name: person.name,
      organisation_id: person.organisationId,
      user_id: existing.user_id ?? account?.id ?? null,
      updated_at: c.now,
      version: existing.version + 1,
    })
    .where("id", "=", existing.id)
    .execute();
  if (linkAccount) {
    before.account = false;
    after.account = true;
  }
  await recordAudit(trx, {
    actor: c.actor,
    at: c.now,
    programmeId: c.programmeId,
    entityType: "contact",
    entityId: existing.id,
    entityLabel: person.name,
    operation: "update",
    before,
    after,
    requestId: c.requestId,
  });
  return { id: existing.id, changed: Object.keys(after).some((key) => key !== "account") };
}

/** Asks the contacts just linked in the update rounds that are open, when the change says so. */
function askAdded(trx: Trx, dialect: Dialect, added: { actionId: number; contactId: number }[], c: ChangeContext): Promise<number> {
  if (!c.askOpenRounds || added.length === 0) return Promise.resolve(0);
  return askAddedContactsIn(trx, added, { dialect, actor: c.actor, now: c.now, requestId: c.requestId });
}

/** Links a contact to an action; false when it already was. */
async function link(trx: Trx, contact: { id: number; label: string }, action: { id: number; number: number }, c: ChangeContext): Promise<boolean> {
  const present = await trx
    .selectFrom("action_contact")
    .select("action_id")
    .where("action_id", "=", action.id)
    .where("contact_id", "=", contact.id)
    .executeTakeFirst();
  if (present) return false;
  await trx.insertInto("action_contact").values({ action_id: action.id, contact_id: contact.id, created_at: c.now }).execute();
  await recordAudit(trx, {
    actor: c.actor,
    at: c.now,
    programmeId: c.programmeId,
    entityType: "contact",
    entityId: contact.id,
    entityLabel: contact.label,
    operation: "link",
    before: null,
    after: { action: action.number },
    requestId: c.requestId,
  });
  return true;
}

/** Unlinks a contact from an action, and removes the contact when no action is left (no personal data kept without a purpose). */
async function unlink(trx: Trx, contact: { id: number; label: string }, action: { id: number; number: number }, c: ChangeContext): Promise<boolean> {
  const removed = await trx.deleteFrom("action_contact").where("action_id", "=", action.id).where("contact_id", "=", contact.id).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return false;
  await recordAudit(trx, {
    actor: c.actor,
    at: c.now,
    programmeId: c.programmeId,
    entityType: "contact",
    entityId: contact.id,
    entityLabel: contact.label,
    operation: "unlink",
    before: { action: action.number },
    after: null,
    requestId: c.requestId,
  });
  const left = await trx.selectFrom("action_contact").select("action_id").where("contact_id", "=", contact.id).limit(1).executeTakeFirst();
  if (!left) {
    await trx.deleteFrom("contact").where("id", "=", contact.id).execute();
    await recordAudit(trx, {
      actor: c.actor,
      at: c.now,
      programmeId: c.programmeId,
      entityType: "contact",
      entityId: contact.id,
      entityLabel: contact.label,
      operation: "delete",
      before: null,
      after: null,
      requestId: c.requestId,
    });
  }
  return true;
}

export type AccountActionsResult = { status: "ok"; added: number; removed: number; asked: number } | { status: "not-found" } | { status: "actions-unknown"; missing: number[] };

/**
 * Inside a transaction: makes an account contact for these actions of one programme ("set": exactly
 * these, others of the programme are unlinked; "add": these too). The contact record with the
 * account's email is made or linked as needed.
 */
export async function setAccountActionsIn(
  trx: Trx,
  input: ChangeContext & { userId: number; actionNumbers: number[]; mode: "set" | "add"; dialect: Dialect },
): Promise<AccountActionsResult> {
  const user = await trx
    .selectFrom("user_account")
    .select(["id", "name", "email", "organisation_id"])
    .where("id", "=", input.userId)
    .where("erased_at", "is", null)
    .executeTakeFirst();
  if (!user) return { status: "not-found" } as const;
  const actions = input.actionNumbers.length
    ? await trx.selectFrom("action").select(["id", "number"]).where("programme_id", "=", input.programmeId).where("number", "in", input.actionNumbers).execute()
    : [];
  const missing = input.actionNumbers.filter((n) => !actions.some((a) => a.number === n));
  if (missing.length > 0) return { status: "actions-unknown", missing } as const;
  let contact = await trx
    .selectFrom("contact")
    .select(["id", "name", "user_id"])
    .where((eb) => eb.or([eb("user_id", "=", user.id), eb("email", "=", user.email)]))
    .orderBy("id")
    .executeTakeFirst();
  if (!contact && actions.length === 0) return { status: "ok", added: 0, removed: 0, asked: 0 } as const;
  if (!contact) {
    const slug = user.organisation_id
      ? ((await trx.selectFrom("organisation").select("slug").where("id", "=", user.organisation_id).executeTakeFirst())?.slug ?? null)
      : null;
    const made = await upsertPerson(trx, { name: user.name, email: user.email, organisationId: user.organisation_id, organisationSlug: slug }, input);
    contact = { id: made.id, name: user.name, user_id: user.id };
  } else if (contact.user_id === null) {
    await trx.updateTable("contact").set({ user_id: user.id, updated_at: input.now }).where("id", "=", contact.id).execute();
  }
  const current = await trx
    .selectFrom("action_contact")
    .innerJoin("action", "action.id", "action_contact.action_id")
    .select(["action.id", "action.number"])
    .where("action_contact.contact_id", "=", contact.id)
    .where("action.programme_id", "=", input.programmeId)
    .execute();
  const label = { id: contact.id, label: contact.name };
  const linked: { actionId: number; contactId: number }[] = [];
  let removed = 0;
  for (const a of actions) if (!current.some((c) => c.id === a.id) && (await link(trx, label, a, input))) linked.push({ actionId: a.id, contactId: contact.id });
  if (input.mode === "set") {
    for (const a of current) if (!actions.some((x) => x.id === a.id) && (await unlink(trx, label, a, input))) removed++;
  }
  const asked = await askAdded(trx, input.dialect, linked, input);
  return { status: "ok", added: linked.length, removed, asked } as const;
}

/** Contacts per action: reading them, adding and removing one, importing many, and an account's contact actions. */
export function createContactRepository(db: Db) {
  const k = db.kysely;

  async function organisationId(trx: Trx, slug: string | null): Promise<number | null | undefined> {
    if (slug === null) return null;
    const row = await trx.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
    return row?.id;
  }

  return {
    /** The contacts of one action, by name. */
    async listForAction(actionId: number): Promise<ContactView[]> {
      const rows = await k
        .selectFrom("action_contact")
        .innerJoin("contact", "contact.id", "action_contact.contact_id")
        .leftJoin("organisation", "organisation.id", "contact.organisation_id")
        .select(["contact.id", "contact.name", "contact.email", "contact.user_id", "organisation.slug as organisation_slug", "organisation.name as organisation_name"])
        .where("action_contact.action_id", "=", actionId)
        .orderBy("contact.name")
        .orderBy("contact.id")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        organisation: r.organisation_slug ? { slug: r.organisation_slug, name: r.organisation_name ?? r.organisation_slug } : null,
        hasAccount: r.user_id !== null,
      }));
    },

    /** The programme's action ids by number. */
    async actionIds(programmeId: number): Promise<Map<number, number>> {
      const rows = await k.selectFrom("action").select(["id", "number"]).where("programme_id", "=", programmeId).execute();
      return new Map(rows.map((r) => [r.number, r.id]));
    },

    /** Adds a person to an action (or updates the person with that email), in one transaction with history. */
    async addToAction(input: ChangeContext & { action: { id: number; number: number }; contact: ContactInput }): Promise<ContactChange> {
      return k.transaction().execute(async (trx) => {
        const action = await trx.selectFrom("action").select("id").where("id", "=", input.action.id).where("programme_id", "=", input.programmeId).executeTakeFirst();
        if (!action) return { status: "action-unknown" } as const;
        const orgId = await organisationId(trx, input.contact.organisation);
        if (orgId === undefined) return { status: "organisation-unknown" } as const;
        const person = await upsertPerson(trx, { ...input.contact, organisationId: orgId, organisationSlug: input.contact.organisation }, input);
        const linked = await link(trx, { id: person.id, label: input.contact.name }, input.action, input);
        const asked = linked ? await askAdded(trx, db.dialect, [{ actionId: input.action.id, contactId: person.id }], input) : 0;
        return { status: "ok", outcome: linked ? "created" : person.changed ? "updated" : "unchanged", asked } as const;
      });
    },

    /** Removes a contact from an action; false when it was not a contact of that action. */
    async removeFromAction(input: ChangeContext & { action: { id: number; number: number }; contactId: number }): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const contact = await trx.selectFrom("contact").select(["id", "name"]).where("id", "=", input.contactId).executeTakeFirst();
        if (!contact) return false;
        return unlink(trx, { id: contact.id, label: contact.name }, input.action, input);
      });
    },

    /**
     * Imports checked rows in one transaction: per row, the pair action–person is created, updated
     * (the person's name or organisation changed) or unchanged. A dry run reports the same counts
     * and writes nothing.
     */
    async importRows(
      input: ChangeContext & { rows: { actionId: number; actionNumber: number; name: string; email: string; organisation: string | null }[]; dryRun: boolean },
    ): Promise<{ status: "ok"; counts: ImportCounts; asked: number } | { status: "organisation-unknown"; organisation: string }> {
      try {
        return await k.transaction().execute(async (trx) => {
          const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
          const linkedPairs: { actionId: number; contactId: number }[] = [];
          const orgIds = new Map<string, number>();
          for (const row of input.rows) {
            let orgId: number | null = null;
            if (row.organisation !== null) {
              const known = orgIds.get(row.organisation) ?? (await organisationId(trx, row.organisation));
              if (known === undefined || known === null) return { status: "organisation-unknown", organisation: row.organisation } as const;
              orgIds.set(row.organisation, known);
              orgId = known;
            }
            const person = await upsertPerson(trx, { name: row.name, email: row.email, organisationId: orgId, organisationSlug: row.organisation }, input);
            const linked = await link(trx, { id: person.id, label: row.name }, { id: row.actionId, number: row.actionNumber }, input);
            if (linked) {
              counts.created++;
              linkedPairs.push({ actionId: row.actionId, contactId: person.id });
            } else if (person.changed) counts.updated++;
            else counts.unchanged++;
          }
          if (input.dryRun) throw new DryRun(counts);
          // Every pair the file added to an action not yet asked in an open round is asked, as when the round opened.
          const asked = await askAdded(trx, db.dialect, linkedPairs, input);
          return { status: "ok", counts, asked } as const;
        });
      } catch (error) {
        if (error instanceof DryRun) return { status: "ok", counts: error.counts, asked: 0 } as const;
        throw error;
      }
    },

    /** The actions a person with an account is contact for, per programme. */
    async actionsOfAccount(userId: number): Promise<{ programmeSlug: string; number: number; title: string }[]> {
      const rows = await k
        .selectFrom("contact")
        .innerJoin("action_contact", "action_contact.contact_id", "contact.id")
        .innerJoin("action", "action.id", "action_contact.action_id")
        .innerJoin("programme", "programme.id", "action.programme_id")
        .select(["programme.slug", "action.number", "action.title"])
        .where("contact.user_id", "=", userId)
        .orderBy("programme.slug")
        .orderBy("action.number")
        .execute();
      return rows.map((r) => ({ programmeSlug: r.slug, number: r.number, title: r.title }));
    },

    /** Makes an account contact for exactly these actions of one programme (others keep theirs), in one transaction with history. */
    async setAccountActions(input: ChangeContext & { userId: number; actionNumbers: number[] }): Promise<AccountActionsResult> {
      return k.transaction().execute((trx) => setAccountActionsIn(trx, { ...input, mode: "set", dialect: db.dialect }));
    },
  };
}

export type ContactRepository = ReturnType<typeof createContactRepository>;
