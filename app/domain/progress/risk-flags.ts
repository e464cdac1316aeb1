import { dependencyFlags, type DependencyLink, type DependencyState, type RiskFlag } from "./dependencies";

/** What the rule needs to read: the programme's dependency links, the actions in them, and a cache. */
export interface RiskFlagReader {
  cache: { get<T>(key: string, compute: () => Promise<T>, scope?: object): Promise<T> };
  dependencyLinks(programmeId: number): Promise<DependencyLink[]>;
  actionRows(
    programmeId: number,
    period: null,
    only: { numbers: readonly number[] },
  ): Promise<{ number: number; category: DependencyState["category"]; latest: { status: DependencyState["status"] } | null }[]>;
}

/**
 * Risk flags of a programme's actions, by number (see dependencies.ts for the rule): two queries
 * for the whole programme (its dependency links, and the state of the actions in them), cached per
 * change stamp. `scope` (a request's context) makes every read of one request see the same stamp.
 */
export async function readRiskFlags(
  read: RiskFlagReader,
  programmeId: number,
  scope?: object,
): Promise<Map<number, RiskFlag[]>> {
  return read.cache.get(
    `flags:${programmeId}`,
    async () => {
      const links = await read.dependencyLinks(programmeId);
      const numbers = [...new Set(links.flatMap((l) => [l.source, l.target]))];
      const rows = await read.actionRows(programmeId, null, { numbers });
      return dependencyFlags(
        new Map(rows.map((r) => [r.number, { category: r.category, status: r.latest?.status ?? null }])),
        links,
      );
    },
    scope,
  );
}
