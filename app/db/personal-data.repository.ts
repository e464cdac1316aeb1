import type { Db } from "./database";

const parse = (json: string | null): unknown => (json ? (JSON.parse(json) as unknown) : null);

/** Everything Regie keeps about one person with an account, for their export (AVG/GDPR right of access). */
export function createPersonalDataRepository(db: Db) {
  const k = db.kysely;
  return {
    async forUser(userId: number) {
      const user = await k
        .selectFrom("user_account")
        .leftJoin("organisation", "organisation.id", "user_account.organisation_id")
        .select([
          "user_account.id",
          "user_account.name",
          "user_account.email",
          "user_account.is_admin",
          "user_account.active",
          "user_account.language",
          "user_account.created_at",
          "user_account.updated_at",
          "organisation.slug as organisation_slug",
          "organisation.name as organisation_name",
        ])
        .where("user_account.id", "=", userId)
        .executeTakeFirst();
      if (!user) return undefined;
      // The person's contact records: linked to the account, or under the same email address.
      const theirContacts = () =>
        k
          .selectFrom("contact")
          .select("contact.id")
          .where((eb) => eb.or([eb("contact.user_id", "=", userId), eb("contact.email", "=", user.email)]));
      const [roles, contacts, links, history, about, plans, mail, tokens, updates, requests] = await Promise.all([
        k
          .selectFrom("role_assignment")
          .innerJoin("programme", "programme.id", "role_assignment.programme_id")
          .select(["programme.slug", "role_assignment.role", "role_assignment.created_at"])
          .where("role_assignment.user_id", "=", userId)
          .orderBy("programme.slug")
          .orderBy("role_assignment.role")
          .execute(),
        k
          .selectFrom("contact")
          .leftJoin("organisation", "organisation.id", "contact.organisation_id")
          .select(["contact.id", "contact.name", "contact.email", "contact.created_at", "contact.updated_at", "organisation.name as organisation_name"])
          .where((eb) => eb.or([eb("contact.user_id", "=", userId), eb("contact.email", "=", user.email)]))
          .orderBy("contact.id")
          .execute(),
        k
          .selectFrom("action_contact")
          .innerJoin("contact", "contact.id", "action_contact.contact_id")
          .innerJoin("action", "action.id", "action_contact.action_id")
          .innerJoin("programme", "programme.id", "action.programme_id")
          .select(["action_contact.contact_id", "programme.slug", "action.number", "action.title", "action_contact.created_at"])
          .where((eb) => eb.or([eb("contact.user_id", "=", userId), eb("contact.email", "=", user.email)]))
          .orderBy("programme.slug")
          .orderBy("action.number")
          .execute(),
        k.selectFrom("audit_event").selectAll().where("actor_user_id", "=", userId).orderBy("at").orderBy("id").execute(),
        k.selectFrom("audit_event").selectAll().where("entity_type", "=", "user").where("entity_id", "=", userId).orderBy("at").orderBy("id").execute(),
        k
          .selectFrom("plan_of_approach")
          .innerJoin("action", "action.id", "plan_of_approach.action_id")
          .innerJoin("programme", "programme.id", "action.programme_id")
          .select([
            "programme.slug",
            "action.number",
            "plan_of_approach.version_no",
            "plan_of_approach.status",
            "plan_of_approach.aim",
            "plan_of_approach.approach",
            "plan_of_approach.deliverables",
            "plan_of_approach.milestones",
            "plan_of_approach.budget",
            "plan_of_approach.capacity",
            "plan_of_approach.risks",
            "plan_of_approach.submitted_at",
            "plan_of_approach.created_at",
            "plan_of_approach.updated_at",
          ])
          .where("plan_of_approach.author_user_id", "=", userId)
          .orderBy("programme.slug")
          .orderBy("action.number")
          .orderBy("plan_of_approach.version_no")
          .execute(),
        k
          .selectFrom("mail_outbox")
          .select(["subject", "purpose", "created_at", "sent_at"])
          .where("recipient", "=", user.email)
          .orderBy("created_at")
          .orderBy("id")
          .execute(),
        k.selectFrom("api_token").select(["name", "created_at", "last_used_at", "revoked_at"]).where("user_id", "=", userId).orderBy("created_at").execute(),
        // Progress updates they wrote: signed in, or through a personal link as a contact.
        k
          .selectFrom("progress_update")
          .innerJoin("action", "action.id", "progress_update.action_id")
          .innerJoin("programme", "programme.id", "action.programme_id")
          .select([
            "programme.slug",
            "action.number",
            "progress_update.period",
            "progress_update.status",
            "progress_update.percent",
            "progress_update.narrative",
            "progress_update.narrative_public",
            "progress_update.created_at",
            "progress_update.updated_at",
          ])
          .where((eb) =>
            eb.or([eb("progress_update.author_user_id", "=", userId), eb("progress_update.author_contact_id", "in", theirContacts())]),
          )
          .orderBy("programme.slug")
          .orderBy("action.number")
          .orderBy("progress_update.created_at")
          .orderBy("progress_update.id")
          .execute(),
        // Requests for an update sent to them as a contact; the secret link (its hash) stays out.
        k
          .selectFrom("round_request")
          .innerJoin("update_round", "update_round.id", "round_request.round_id")
          .innerJoin("action", "action.id", "round_request.action_id")
          .innerJoin("programme", "programme.id", "action.programme_id")
          .select([
            "programme.slug",
            "update_round.period",
            "action.number",
            "action.title",
            "round_request.sent_at",
            "round_request.last_reminded_at",
            "round_request.answered_at",
          ])
          .where("round_request.contact_id", "in", theirContacts())
          .orderBy("programme.slug")
          .orderBy("update_round.opened_on")
          .orderBy("update_round.id")
          .orderBy("action.number")
          .execute(),
      ]);
      // Whether they use a second factor and how many recovery codes are left; the secret and the codes stay out.
      const secondFactor = await k.selectFrom("second_factor").select(["created_at", "confirmed_at"]).where("user_id", "=", userId).executeTakeFirst();
      const recovery = await k
        .selectFrom("recovery_code")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow();
      const event = (e: (typeof history)[number]) => ({
        at: e.at,
        actor: e.actor_label,
        record: { type: e.entity_type, id: e.entity_id, label: e.entity_label },
        operation: e.operation,
        before: parse(e.before_json),
        after: parse(e.after_json),
      });
      return {
        account: {
          id: user.id,
          name: user.name,
          email: user.email,
          organisation: user.organisation_slug ? { slug: user.organisation_slug, name: user.organisation_name } : null,
          administrator: user.is_admin === 1,
          active: user.active === 1,
          language: user.language,
          createdAt: user.created_at,
          updatedAt: user.updated_at,
        },
        roles: roles.map((r) => ({ programme: r.slug, role: r.role, since: r.created_at })),
        apiTokens: tokens.map((t) => ({ name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at })),
        contactRecords: contacts.map((c) => ({
          name: c.name,
          email: c.email,
          organisation: c.organisation_name,
          createdAt: c.created_at,
          updatedAt: c.updated_at,
          actions: links.filter((l) => l.contact_id === c.id).map((l) => ({ programme: l.slug, number: l.number, title: l.title, since: l.created_at })),
        })),
        historyByYou: history.map(event),
        historyAboutYourAccount: about.map(event),
        plansOfApproach: plans.map((p) => ({
          programme: p.slug,
          action: p.number,
          version: p.version_no,
          status: p.status,
          aim: p.aim,
          approach: p.approach,
          deliverables: p.deliverables,
          milestones: p.milestones,
          budget: p.budget,
          capacity: p.capacity,
          risks: p.risks,
          submittedAt: p.submitted_at,
          createdAt: p.created_at,
          updatedAt: p.updated_at,
        })),
        mailToYou: mail.map((m) => ({ subject: m.subject, purpose: m.purpose, createdAt: m.created_at, sentAt: m.sent_at })),
        progressUpdates: updates.map((u) => ({
          programme: u.slug,
          action: u.number,
          period: u.period,
          status: u.status,
          percent: u.percent,
          narrative: u.narrative,
          narrativePublic: u.narrative_public === 1,
          submittedAt: u.created_at,
          updatedAt: u.updated_at,
        })),
        updateRequests: requests.map((r) => ({
          programme: r.slug,
          period: r.period,
          action: r.number,
          actionTitle: r.title,
          sentAt: r.sent_at,
          lastRemindedAt: r.last_reminded_at,
          answeredAt: r.answered_at,
        })),
        secondFactor: secondFactor
          ? { startedAt: secondFactor.created_at, confirmedAt: secondFactor.confirmed_at, unusedRecoveryCodes: Number(recovery.n) }
          : null,
      };
    },
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<ReturnType<typeof createPersonalDataRepository>["forUser"]>>>;
