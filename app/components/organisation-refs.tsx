import { Link } from "react-router";
import type { OrganisationRefView } from "../domain/programmes/types";

/** Organisations as links to their pages, with the document's qualifier in brackets. */
export function OrganisationRefs({ refs }: { refs: OrganisationRefView[] }) {
  return (
    <ul className="regie-inline-list">
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
