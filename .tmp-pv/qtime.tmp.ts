import { openDatabase } from "../app/db/database";
import { createActionRepository } from "../app/db/action-repository";
import { createProgressReadModel } from "../app/db/progress-read-model";
import { createProgrammeRepository } from "../app/db/programme-repository";
import { createReadCache } from "../app/db/read-cache";
const db = openDatabase(process.argv[2]!);
const actions = createActionRepository(db);
const read = createProgressReadModel(db, createReadCache(async () => String(Math.random())));
const programmes = createProgrammeRepository(db);
async function time(label: string, f: () => Promise<unknown>, n = 30) {
  await f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(`${((performance.now() - t0) / n).toFixed(2)} ms  ${label}`);
}
const p = (await programmes.get("bench-2000"))!;
const { ids } = await actions.listIds(p.id, { category: [], theme: 4 }, { limit: 100, offset: 100 });
await time("programmes.get", () => programmes.get("bench-2000"));
await time("listIds theme=4 offset=100", () => actions.listIds(p.id, { category: [], theme: 4 }, { limit: 100, offset: 100 }));
await time("actionRows(ids)", () => read.actionRows(p.id, null, { ids }));
await time("milestones(ids)", () => read.milestones(p.id, ids));
await time("dependencyLinks", () => read.dependencyLinks(p.id));
await time("actionRows(all, period)", () => read.actionRows(p.id, "2015-Q4"), 5);
await time("leads(all)", () => read.leads(p.id), 5);
await time("milestones(all)", () => read.milestones(p.id), 5);
await time("reportingPeriod", () => read.reportingPeriod(p.id));
await time("stamp", () => read.cache.stamp());
await db.close();
