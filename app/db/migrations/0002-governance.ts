import { sql, type Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * Accounts, roles, sessions and tokens; contacts per action; the audit history; the steering
 * group's meetings and decisions; plans of approach; the mail outbox.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable("user_account"), dialect)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("password_hash", "text")
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("language", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("erased_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await idColumn(db.schema.createTable("role_assignment"), dialect)
    .addColumn("user_id", "integer", (c) => c.notNull().references("user_account.id").onDelete("cascade"))
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("role_assignment_unique", ["user_id", "programme_id", "role"])
    .execute();

  // A contact is a person who speaks for a lead organisation on given actions; an account is optional.
  await idColumn(db.schema.createTable("contact"), dialect)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("contact_email").on("contact").column("email").unique().execute();

  await db.schema
    .createTable("action_contact")
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("contact_id", "integer", (c) => c.notNull().references("contact.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("action_contact_pk", ["action_id", "contact_id"])
    .execute();
  await db.schema.createIndex("action_contact_contact").on("action_contact").column("contact_id").execute();

  await db.schema
    .createTable("session")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user_account.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user").on("session").column("user_id").execute();

  await idColumn(db.schema.createTable("api_token"), dialect)
    .addColumn("user_id", "integer", (c) => c.notNull().references("user_account.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  // One-time links: the first administrator, invitations and password resets. Only hashes are kept.
  await idColumn(db.schema.createTable("one_time_token"), dialect)
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "integer", (c) => c.references("user_account.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await idColumn(db.schema.createTable("auth_attempt"), dialect)
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_attempt_key_at").on("auth_attempt").columns(["key", "at"]).execute();

  await idColumn(db.schema.createTable("mail_outbox"), dialect)
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("error", "text")
    .execute();

  // Every change: who, when, what, before and after (JSON). The actor is kept as an id and a label;
  // erasing a person replaces the label with a pseudonym.
  await idColumn(db.schema.createTable("audit_event"), dialect)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("programme_id", "integer", (c) => c.references("programme.id").onDelete("cascade"))
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer")
    .addColumn("entity_label", "text", (c) => c.notNull())
    .addColumn("operation", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("request_id", "text")
    .execute();
  await db.schema.createIndex("audit_event_entity").on("audit_event").columns(["entity_type", "entity_id"]).execute();
  await db.schema.createIndex("audit_event_at").on("audit_event").column("at").execute();

  await idColumn(db.schema.createTable("meeting"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("agenda", "text", (c) => c.notNull())
    .addColumn("minutes", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("meeting_attendee")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addPrimaryKeyConstraint("meeting_attendee_pk", ["meeting_id", "organisation_id"])
    .execute();

  await idColumn(db.schema.createTable("decision"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("meeting_id", "integer", (c) => c.references("meeting.id").onDelete("set null"))
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("decision_programme_date").on("decision").columns(["programme_id", "decided_on"]).execute();

  await db.schema
    .createTable("decision_action")
    .addColumn("decision_id", "integer", (c) => c.notNull().references("decision.id").onDelete("cascade"))
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("category_from", "integer")
    .addColumn("category_to", "integer")
    .addPrimaryKeyConstraint("decision_action_pk", ["decision_id", "action_id"])
    .execute();
  await db.schema.createIndex("decision_action_action").on("decision_action").column("action_id").execute();

  await idColumn(db.schema.createTable("plan_of_approach"), dialect)
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("version_no", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("aim", "text", (c) => c.notNull())
    .addColumn("approach", "text", (c) => c.notNull())
    .addColumn("deliverables", "text", (c) => c.notNull())
    .addColumn("milestones", "text", (c) => c.notNull())
    .addColumn("budget", "text", (c) => c.notNull())
    .addColumn("capacity", "text", (c) => c.notNull())
    .addColumn("risks", "text", (c) => c.notNull())
    .addColumn("author_user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("submitted_at", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by_user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("decision_note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("plan_action_version", ["action_id", "version_no"])
    .execute();

  if (dialect === "postgres") {
    await sql`CREATE INDEX auth_attempt_at ON auth_attempt (at)`.execute(db);
  }
}
