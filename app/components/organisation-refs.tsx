import { Link } from "react-router";
import type { OrganisationRefView } from "../domain/programmes/types";

/**
 * Organisations as links to their pages, with the document's qualifier in brackets. Names and
 * qualifiers come from the programme document, so they carry its language (`lang`).
 */
export function OrganisationRefs({ refs, lang }: { refs: OrganisationRefView[]; lang?: string }) {
  return (
    <ul className="regie-inline-list" lang={lang}>
      {refs.map((r) => (
        <li key={r.slug}>
          <Link className="nl-link" to={`/organisations/${r.slug}`}>
            {r.name}
          </Link>
          {r.qualifier ? ` (${r.qualifier})` : null}
        </li>
      ))}
    </ul>
  );
}
