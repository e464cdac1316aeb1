import { text } from "../primitives";

const entityType = text().regex(/^[a-z][a-z0-9-]{0,39}$/);

/** The kind of record to filter the history by (`?type=`); anything that is not a record kind means no filter. */
export function historyFilter(raw: string | null): string | undefined {
  const parsed = entityType.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
