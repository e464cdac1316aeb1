import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ContactView } from "../domain/contacts/contacts";

/** The action's contact people, for those who may see them (never the public). */
export function ActionContactsSummary({ contacts }: { contacts: { href: string; list: ContactView[]; canManage: boolean } }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="contactpersonen">
      <h2 className="nl-heading nl-heading--level-2" id="contactpersonen">
        {t("contacts.title")}
      </h2>
      {contacts.list.length === 0 ? (
        <p className="nl-paragraph">{t("contacts.none")}</p>
      ) : (
        <ul className="regie-contact-list">
          {contacts.list.map((c) => (
            <li key={c.id}>
              {c.name}
              {c.organisation ? ` (${c.organisation.name})` : null} ·{" "}
              <a className="nl-link" href={`mailto:${c.email}`}>
                {c.email}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="nl-paragraph">
        <Link className="nl-link" to={contacts.href}>
          {contacts.canManage ? t("contacts.manageLink") : t("contacts.viewLink")}
        </Link>
      </p>
    </section>
  );
}
