import { message, type FieldErrors } from "../lib/errors";
import type { Paging } from "../domain/programmes/action-filters";
import type { OrganisationKind } from "../domain/programmes/programme-document";
import type { ActionRole, Organisation, OrganisationListItem } from "../domain/programmes/types";
import type { Db } from "./database";
import type { ExpressionBuilder, Transaction } from "kysely";
import { type OrganisationCreate, type OrganisationPatch, mergeQualifiers, tidyAliases } from "../domain/editing/organisation-changes";
import { nameKey, organisationNameLookup, organisationSlug, type OrganisationNameLookup } from "../domain/programmes/organisation-names";
import { snapshotAction } from "./action.repository";
import { type Actor, recordAudit } from "./audit";
import type { Database } from "./schema";
import { forUpdate, lockOrganisationRegistry } from "./write-locks";

/** Reads organisations with how they take part in actions. */
function organisationReads(db: Db) {
  const k = db.kysely;

  return {
    /** Finds organisations by name, alias or slug, as people type them in forms. */
    async lookup(): Promise<OrganisationNameLookup> {
      const [organisations, aliases] = await Promise.all([
        k.selectFrom("organisation").select(["id", "slug", "name"]).orderBy("name").execute(),
        k.selectFrom("organisation_alias").select(["organisation_id as organisationId", "normalised"]).execute(),
      ]);
      return organisationNameLookup(organisations, aliases);
    },

    /**
     * Organisations with their number of actions per role, optionally within one programme or of one
     * kind, by name (slug breaks ties, so pages are stable); `paging` reads one page.
     */
    async list(options: { programmeId?: number; kind?: OrganisationKind; paging?: Paging } = {}): Promise<OrganisationListItem[]> {
      let q = k
        .selectFrom("organisation")
        .leftJoin("action_organisation", "action_organisation.organisation_id", "organisation.id")
        .leftJoin("action", "action.id", "action_organisation.action_id")
        .select((eb) => [
          "organisation.slug",
          "organisation.name",
          "organisation.kind",
          eb.fn.count<number>(eb.case().when("action_organisation.role", "=", "lead").then(1).end()).as("leads"),
          eb.fn.count<number>(eb.case().when("action_organisation.role", "=", "partner").then(1).end()).as("partners"),
          eb.fn.count<number>(eb.case().when("action_organisation.role", "=", "to-involve").then(1).end()).as("to_involve"),
        ])
        .groupBy(["organisation.id", "organisation.slug", "organisation.name", "organisation.kind"])
        .orderBy("organisation.name")
        .orderBy("organisation.slug");
      if (options.kind) q = q.where("organisation.kind", "=", options.kind);
      if (options.paging) q = q.limit(options.paging.limit).offset(options.paging.offset);
      if (options.programmeId !== undefined) {
        const pid = options.programmeId;
        q = q.where((eb) => eb.or([eb("action.programme_id", "=", pid), eb("action.programme_id", "is", null)]));
      }
      const rows = await q.execute();
      return rows.map((r) => ({
        slug: r.slug,
        name: r.name,
        kind: r.kind as OrganisationKind,
        leads: Number(r.leads),
        partners: Number(r.partners),
        toInvolve: Number(r.to_involve),
      }));
    },

    /** One organisation with its aliases and the actions it leads, partners in or is to be involved in. */
    async get(slug: string): Promise<Organisation | undefined> {
      const org = await k.selectFrom("organisation").selectAll().where("slug", "=", slug).executeTakeFirst();
      if (!org) return undefined;
      const [aliases, actions] = await Promise.all([
        k.selectFrom("organisation_alias").select("alias").where("organisation_id", "=", org.id).orderBy("alias").execute(),
        k
          .selectFrom("action_organisation")
          .innerJoin("action", "action.id", "action_organisation.action_id")
          .innerJoin("programme", "programme.id", "action.programme_id")
          .select([
            "action_organisation.role",
            "action_organisation.qualifier",
            "programme.slug as programme",
            "action.number",
            "action.title",
            "action.category",
          ])
          .where("action_organisation.organisation_id", "=", org.id)
          .orderBy("programme.is_default", "desc")
          .orderBy("programme.slug")
          .orderBy("action.number")
          .execute(),
      ]);
      return {
        id: org.id,
        version: org.version,
        slug: org.slug,
        name: org.name,
        kind: org.kind as OrganisationKind,
        aliases: aliases.map((a) => a.alias).filter((a) => a !== org.name),
        actions: actions.map((a) => ({ ...a, role: a.role as ActionRole })),
      };
    },

    /** How many organisations there are, optionally of one kind. */
    async count(options: { kind?: OrganisationKind } = {}): Promise<number> {
      let q = k.selectFrom("organisation").select((eb) => eb.fn.countAll<number>().as("n"));
      if (options.kind) q = q.where("kind", "=", options.kind);
      const row = await q.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async idOf(slug: string): Promise<number | undefined> {
      const row = await k.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
      return row?.id;
    },

    async exists(slug: string): Promise<boolean> {
      const row = await k.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
      return row !== undefined;
    },
  };
}

/** An organisation in its editable form (what history records and the edit form shows). */
export interface OrganisationSnapshot {
  id: number;
  slug: string;
  name: string;
  kind: OrganisationKind;
  /** Other spellings, without the name itself. */
  aliases: string[];
  version: number;
  updatedAt: string;
}

/** How many references an organisation has, per kind of record: what a merge moves. */
export interface OrganisationReferences {
  actionRoles: number;
  programmeRoles: number;
  participation: number;
  contacts: number;
  users: number;
  meetings: number;
  aliases: number;
}

export type OrganisationWriteResult =
  | { status: "ok"; organisation: OrganisationSnapshot; changed: string[] }
  | { status: "not-found" }
  | { status: "conflict"; current: OrganisationSnapshot }
  | { status: "invalid"; errors: FieldErrors };

export type OrganisationCreateResult = Extract<OrganisationWriteResult, { status: "ok" | "invalid" }>;

export type MergeResult =
  | { status: "ok"; into: OrganisationSnapshot; moved: OrganisationReferences }
  | { status: "not-found" }
  | { status: "conflict"; current: OrganisationSnapshot; into: OrganisationSnapshot | null }
  | { status: "invalid"; errors: FieldErrors };

type Reader = Transaction<Database> | Db["kysely"];

const EDITABLE = ["name", "kind", "aliases", "slug"] as const;

async function readSnapshot(
  k: Reader,
  row: { id: number; slug: string; name: string; kind: string; version: number; updated_at: string },
): Promise<OrganisationSnapshot> {
  const aliases = await k
    .selectFrom("organisation_alias")
    .select(["alias"])
    .where("organisation_id", "=", row.id)
    .orderBy("alias")
    .execute();
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind as OrganisationKind,
    aliases: tidyAliases(
      row.name,
      aliases.map((a) => a.alias),
    ),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = ["id", "slug", "name", "kind", "version", "updated_at"] as const;

async function countReferences(k: Reader, organisationId: number): Promise<OrganisationReferences> {
  const count = async (
    table:
      | "action_organisation"
      | "programme_organisation"
      | "theme_participation"
      | "contact"
      | "user_account"
      | "meeting_attendee"
      | "organisation_alias",
  ) => {
    const row = await k
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organisation_id", "=", organisationId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    actionRoles: await count("action_organisation"),
    programmeRoles: await count("programme_organisation"),
    participation: await count("theme_participation"),
    contacts: await count("contact"),
    users: await count("user_account"),
    meetings: await count("meeting_attendee"),
    aliases: await count("organisation_alias"),
  };
}

type Column<T extends keyof Database> = keyof Database[T] & string;

/**
 * The tables that name an organisation once per key. On a merge a row of the organisation merged
 * away moves to the target, unless the target has a row with the same key: then it goes, and the
 * target's row stays (an action role keeps the qualifiers of both).
 */
const KEYED_REFERENCES = [
  // Actions: each role once per action.
  { table: "action_organisation", keys: ["action_id", "role"] },
  // Programme roles (municipality, co-author): one row per programme and role.
  { table: "programme_organisation", keys: ["programme_id", "role"] },
  // Participation per theme: the target's own statement wins where both have one.
  { table: "theme_participation", keys: ["theme_id"] },
  // Meetings: each organisation attends once.
  { table: "meeting_attendee", keys: ["meeting_id"] },
] as const satisfies readonly {
  [T in keyof Database]: { table: T; keys: readonly Column<T>[] };
}[keyof Database][];

/** The tables whose rows all move to the target: people, and the former slugs that redirect. */
const PLAIN_REFERENCES = [
  "contact",
  "user_account",
  "organisation_former_slug",
] as const satisfies readonly (keyof Database)[];

type KeyedTable = (typeof KEYED_REFERENCES)[number]["table"];

/** Moves every reference from organisation `from` to organisation `to`, inside the merge's transaction. */
async function moveReferences(trx: Transaction<Database>, from: number, to: number): Promise<void> {
  for (const { table, keys } of KEYED_REFERENCES) {
    const rows = await trx.selectFrom(table).selectAll().where("organisation_id", "=", from).execute();
    for (const row of rows) {
      const sameKey = (organisationId: number) => (eb: ExpressionBuilder<Database, KeyedTable>) =>
        eb.and([...keys.map((k) => eb(k, "=", row[k])), eb("organisation_id", "=", organisationId)]);
      const kept = await trx.selectFrom(table).selectAll().where(sameKey(to)).executeTakeFirst();
      if (!kept) {
        await trx.updateTable(table).set({ organisation_id: to }).where(sameKey(from)).execute();
        continue;
      }
      if (table === "action_organisation")
        await trx
          .updateTable(table)
          .set({ qualifier: mergeQualifiers(kept.qualifier, row.qualifier) })
          .where(sameKey(to))
          .execute();
      await trx.deleteFrom(table).where(sameKey(from)).execute();
    }
  }
  for (const table of PLAIN_REFERENCES)
    await trx.updateTable(table).set({ organisation_id: to }).where("organisation_id", "=", from).execute();
}

/**
 * Which other organisation already answers to one of these matching keys (by name, slug or alias),
 * as key → that organisation's name.
 */
async function claimedKeys(
  trx: Transaction<Database>,
  keys: readonly string[],
  selfId: number | null,
): Promise<Map<string, string>> {
  const wanted = new Set(keys.filter(Boolean));
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  const orgs = await trx.selectFrom("organisation").select(["id", "name", "slug"]).execute();
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  for (const o of orgs) {
    if (o.id === selfId) continue;
    for (const key of [nameKey(o.name), nameKey(o.slug)])
      if (wanted.has(key) && !out.has(key)) out.set(key, o.name);
  }
  const aliases = await trx
    .selectFrom("organisation_alias")
    .select(["organisation_id", "normalised"])
    .where("normalised", "in", [...wanted])
    .execute();
  for (const a of aliases) {
    if (a.organisation_id === selfId || out.has(a.normalised)) continue;
    out.set(a.normalised, names.get(a.organisation_id) ?? "");
  }
  return out;
}

/** Whether a slug is in use by another organisation, now or as a former slug that redirects. */
async function slugTaken(trx: Transaction<Database>, slug: string, selfId: number | null): Promise<boolean> {
  const current = await trx
    .selectFrom("organisation")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (current && current.id !== selfId) return true;
  const former = await trx
    .selectFrom("organisation_former_slug")
    .select("organisation_id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  return former !== undefined && former.organisation_id !== selfId;
}

async function writeAliases(
  trx: Transaction<Database>,
  organisationId: number,
  name: string,
  aliases: readonly string[],
): Promise<void> {
  await trx.deleteFrom("organisation_alias").where("organisation_id", "=", organisationId).execute();
  const rows = [name, ...tidyAliases(name, aliases)].map((alias) => ({
    organisation_id: organisationId,
    alias,
    normalised: nameKey(alias),
  }));
  await trx.insertInto("organisation_alias").values(rows).execute();
}

/** Checks a name and aliases against the other organisations; returns field errors. */
async function checkNames(
  trx: Transaction<Database>,
  selfId: number | null,
  name: string,
  aliases: readonly string[],
  ownKeys: ReadonlySet<string>,
) {
  const errors: FieldErrors = {};
  const nameK = nameKey(name);
  const newAliases = tidyAliases(name, aliases).filter((a) => !ownKeys.has(nameKey(a)));
  const keys = [...(ownKeys.has(nameK) ? [] : [nameK]), ...newAliases.map(nameKey)];
  const claimed = await claimedKeys(trx, keys, selfId);
  if (!ownKeys.has(nameK) && claimed.has(nameK)) errors.name = message("editing.nameTaken", { param: claimed.get(nameK) ?? "" });
  const clash = newAliases.find((a) => claimed.has(nameKey(a)));
  if (clash) errors.aliases = message("editing.aliasTaken", { param: claimed.get(nameKey(clash)) ?? "", param2: clash });
  return errors;
}

export interface OrganisationCreateInput {
  changes: OrganisationCreate;
  actor: Actor;
  requestId?: string;
  now: string;
}

/** A new organisation inside a transaction the caller holds (the registry is locked for the rest of it). */
export async function createOrganisationIn(trx: Transaction<Database>, dialect: Db["dialect"], input: OrganisationCreateInput): Promise<OrganisationCreateResult> {
  await lockOrganisationRegistry(trx, dialect);
  const { name, kind } = input.changes;
  const aliases = tidyAliases(name, input.changes.aliases);
  const errors = await checkNames(trx, null, name, aliases, new Set());
  if (Object.keys(errors).length > 0) return { status: "invalid", errors };
  const base = organisationSlug(name);
  let slug = base;
  for (let n = 2; await slugTaken(trx, slug, null); n++) slug = `${base}-${n}`;
  const row = await trx
    .insertInto("organisation")
    .values({ slug, name, kind, created_at: input.now, updated_at: input.now, version: 1 })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await writeAliases(trx, row.id, name, aliases);
  const organisation = await readSnapshot(trx, row);
  await recordAudit(trx, {
    actor: input.actor,
    at: input.now,
    programmeId: null,
    entityType: "organisation",
    entityId: row.id,
    entityLabel: name,
    operation: "create",
    before: null,
    after: { slug, name, kind, aliases: organisation.aliases },
    requestId: input.requestId,
  });
  return { status: "ok", organisation, changed: [...EDITABLE] };
}

/**
 * Changes to the organisation registry: creating, editing and merging organisations. Each change is
 * one transaction with a version check and history entries; the registry is locked meanwhile.
 */
function organisationChanges(db: Db) {
  const k = db.kysely;

  return {
    /** The organisation with this (current) slug, in its editable form. */
    async snapshot(slug: string): Promise<OrganisationSnapshot | undefined> {
      const row = await k
        .selectFrom("organisation")
        .select(COLUMNS)
        .where("slug", "=", slug)
        .executeTakeFirst();
      return row ? readSnapshot(k, row) : undefined;
    },

    /** The current slug of the organisation that a former slug (merged away or changed) now belongs to. */
    async currentSlugFor(formerSlug: string): Promise<string | undefined> {
      const row = await k
        .selectFrom("organisation_former_slug")
        .innerJoin("organisation", "organisation.id", "organisation_former_slug.organisation_id")
        .select("organisation.slug")
        .where("organisation_former_slug.slug", "=", formerSlug)
        .executeTakeFirst();
      return row?.slug;
    },

    /** What refers to an organisation: shown before a merge, as what will move. */
    async references(organisationId: number): Promise<OrganisationReferences> {
      return countReferences(k, organisationId);
    },

    /** Every organisation by name, for choosing a merge target. */
    async choices(): Promise<{ slug: string; name: string; kind: OrganisationKind }[]> {
      const rows = await k
        .selectFrom("organisation")
        .select(["slug", "name", "kind"])
        .orderBy("name")
        .orderBy("slug")
        .execute();
      return rows.map((r) => ({ ...r, kind: r.kind as OrganisationKind }));
    },

    /**
     * A new organisation. Its slug comes from the name (`organisationSlug`), with "-2", "-3" … when
     * another organisation has (or had) that slug. A name or alias that already belongs to another
     * organisation is refused with that organisation's name.
     */
    async create(input: OrganisationCreateInput): Promise<OrganisationCreateResult> {
      return k.transaction().execute((trx) => createOrganisationIn(trx, db.dialect, input));
    },

    /**
     * Renames an organisation, changes its kind or aliases, or (only when asked) its slug. The old
     * slug then keeps answering as a redirect. New names and aliases may not belong to another
     * organisation.
     */
    async update(input: {
      slug: string;
      expectedVersion: number;
      patch: OrganisationPatch;
      actor: Actor;
      requestId?: string;
      now: string;
    }): Promise<OrganisationWriteResult> {
      return k.transaction().execute(async (trx): Promise<OrganisationWriteResult> => {
        await lockOrganisationRegistry(trx, db.dialect);
        const row = await forUpdate(
          trx.selectFrom("organisation").select(COLUMNS).where("slug", "=", input.slug),
          db.dialect,
        ).executeTakeFirst();
        if (!row) return { status: "not-found" };
        const before = await readSnapshot(trx, row);
        if (row.version !== input.expectedVersion) return { status: "conflict", current: before };
        const name = input.patch.name ?? before.name;
        const next = {
          name,
          kind: input.patch.kind ?? before.kind,
          aliases: tidyAliases(name, input.patch.aliases ?? before.aliases),
          slug: input.patch.slug ?? before.slug,
        };
        const own = await trx
          .selectFrom("organisation_alias")
          .select("normalised")
          .where("organisation_id", "=", row.id)
          .execute();
        const ownKeys = new Set([
          nameKey(before.name),
          nameKey(before.slug),
          ...own.map((o) => o.normalised),
        ]);
        const errors = await checkNames(trx, row.id, next.name, next.aliases, ownKeys);
        if (next.slug !== before.slug && (await slugTaken(trx, next.slug, row.id)))
          errors.slug = message("editing.slugTaken", { param: next.slug });
        if (Object.keys(errors).length > 0) return { status: "invalid", errors };

        const changed = EDITABLE.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f]));
        if (changed.length === 0) return { status: "ok", organisation: before, changed };
        const version = before.version + 1;
        await trx
          .updateTable("organisation")
          .set({ slug: next.slug, name: next.name, kind: next.kind, updated_at: input.now, version })
          .where("id", "=", row.id)
          .execute();
        if (changed.includes("name") || changed.includes("aliases"))
          await writeAliases(trx, row.id, next.name, next.aliases);
        if (changed.includes("slug")) {
          // The old slug keeps working as a redirect; a slug taken back stops being a former one.
          await trx.deleteFrom("organisation_former_slug").where("slug", "=", next.slug).execute();
          await trx
            .insertInto("organisation_former_slug")
            .values({ slug: before.slug, organisation_id: row.id, created_at: input.now })
            .execute();
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "organisation",
          entityId: row.id,
          entityLabel: next.name,
          operation: "update",
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, next[f]])),
          requestId: input.requestId,
        });
        const updated = await trx
          .selectFrom("organisation")
          .select(COLUMNS)
          .where("id", "=", row.id)
          .executeTakeFirstOrThrow();
        return { status: "ok", organisation: await readSnapshot(trx, updated), changed };
      });
    },

    /**
     * Merges organisation `slug` into `into`: every reference moves (an action role both already
     * hold stays one, keeping both qualifiers; programme roles, participation and meeting attendance
     * likewise), the merged organisation's name and aliases become aliases of the other, its slug
     * redirects there, and it is removed. Actions whose organisations changed get a new version and a
     * history entry; the target gets a "merge" entry and the removed organisation a "delete" entry.
     */
    async merge(input: {
      slug: string;
      into: string;
      expectedVersion: number;
      expectedIntoVersion?: number;
      actor: Actor;
      requestId?: string;
      now: string;
      /** For tests: runs inside the transaction after every reference has moved. */
      afterMove?: (trx: Transaction<Database>) => Promise<void>;
    }): Promise<MergeResult> {
      return k.transaction().execute(async (trx): Promise<MergeResult> => {
        await lockOrganisationRegistry(trx, db.dialect);
        const fromRow = await forUpdate(
          trx.selectFrom("organisation").select(COLUMNS).where("slug", "=", input.slug),
          db.dialect,
        ).executeTakeFirst();
        if (!fromRow) return { status: "not-found" };
        const from = await readSnapshot(trx, fromRow);
        if (fromRow.version !== input.expectedVersion)
          return { status: "conflict", current: from, into: (await snapshotBySlug(trx, input.into)) ?? null };
        if (input.into === from.slug) return { status: "invalid", errors: { into: message("editing.mergeSelf") } };
        const intoRow = await forUpdate(
          trx.selectFrom("organisation").select(COLUMNS).where("slug", "=", input.into),
          db.dialect,
        ).executeTakeFirst();
        if (!intoRow)
          return { status: "invalid", errors: { into: message("editing.mergeTargetUnknown", { param: input.into }) } };
        const into = await readSnapshot(trx, intoRow);
        if (input.expectedIntoVersion !== undefined && intoRow.version !== input.expectedIntoVersion)
          return { status: "conflict", current: from, into };

        const moved = await countReferences(trx, from.id);
        const A = from.id;
        const B = into.id;

        // What A's references reach: the actions (their state before, for the history below) and
        // the themes whose participation changes.
        const actionRefs = await trx
          .selectFrom("action_organisation")
          .select("action_id")
          .where("organisation_id", "=", A)
          .execute();
        const actionIds = [...new Set(actionRefs.map((r) => r.action_id))];
        const actionsBefore = new Map<number, Awaited<ReturnType<typeof snapshotAction>>>();
        for (const id of actionIds) actionsBefore.set(id, await snapshotAction(trx, id));
        const participation = await trx
          .selectFrom("theme_participation")
          .select("theme_id")
          .where("organisation_id", "=", A)
          .execute();
        const themeIds = new Set(participation.map((p) => p.theme_id));
        await moveReferences(trx, A, B);

        // Names: A's name and aliases become B's aliases; A's slugs redirect to B.
        const aliasesAfter = tidyAliases(into.name, [...into.aliases, from.name, ...from.aliases]);
        await writeAliases(trx, B, into.name, aliasesAfter);
        await trx
          .insertInto("organisation_former_slug")
          .values({ slug: from.slug, organisation_id: B, created_at: input.now })
          .execute();

        if (input.afterMove) await input.afterMove(trx);
        await trx.deleteFrom("organisation").where("id", "=", A).execute();

        // New versions for what changed, with history on each action.
        for (const id of actionIds) {
          const before = actionsBefore.get(id)!;
          const after = (await snapshotAction(trx, id))!;
          const fields = (["leads", "partners", "toInvolve"] as const).filter(
            (f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]),
          );
          const action = await trx
            .selectFrom("action")
            .select(["programme_id", "number", "title", "version"])
            .where("id", "=", id)
            .executeTakeFirstOrThrow();
          await trx
            .updateTable("action")
            .set({ version: action.version + 1, updated_at: input.now })
            .where("id", "=", id)
            .execute();
          await recordAudit(trx, {
            actor: input.actor,
            at: input.now,
            programmeId: action.programme_id,
            entityType: "action",
            entityId: id,
            entityLabel: `${action.number}. ${action.title}`,
            operation: "update",
            before: Object.fromEntries(fields.map((f) => [f, before[f]])),
            after: Object.fromEntries(fields.map((f) => [f, after[f]])),
            requestId: input.requestId,
          });
        }
        for (const themeId of themeIds) {
          const theme = await trx
            .selectFrom("theme")
            .select("version")
            .where("id", "=", themeId)
            .executeTakeFirstOrThrow();
          await trx
            .updateTable("theme")
            .set({ version: theme.version + 1 })
            .where("id", "=", themeId)
            .execute();
        }
        await trx
          .updateTable("organisation")
          .set({ version: into.version + 1, updated_at: input.now })
          .where("id", "=", B)
          .execute();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "organisation",
          entityId: B,
          entityLabel: into.name,
          operation: "merge",
          before: { aliases: into.aliases },
          after: { aliases: aliasesAfter, mergedFrom: `${from.name} (${from.slug})`, moved },
          requestId: input.requestId,
        });
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "organisation",
          entityId: A,
          entityLabel: from.name,
          operation: "delete",
          before: { slug: from.slug, name: from.name, kind: from.kind, aliases: from.aliases },
          after: { mergedInto: into.slug },
          requestId: input.requestId,
        });
        const updated = await trx
          .selectFrom("organisation")
          .select(COLUMNS)
          .where("id", "=", B)
          .executeTakeFirstOrThrow();
        return { status: "ok", into: await readSnapshot(trx, updated), moved };
      });
    },
  };
}

/** The organisation with this slug inside a transaction, if any. */
async function snapshotBySlug(
  trx: Transaction<Database>,
  slug: string,
): Promise<OrganisationSnapshot | undefined> {
  const row = await trx
    .selectFrom("organisation")
    .select(COLUMNS)
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? readSnapshot(trx, row) : undefined;
}

/** Every organisation's SQL: the register's lists and pages, the form lookup; creating, editing and merging organisations. */
export function createOrganisationRepository(db: Db) {
  return { ...organisationReads(db), ...organisationChanges(db) };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
