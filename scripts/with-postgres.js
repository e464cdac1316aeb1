#!/usr/bin/env node
// Runs a command with TEST_POSTGRES_URL pointing at a throw-away cluster, e.g.
//   node scripts/with-postgres.js npx vitest run app/db
import { spawnSync } from "node:child_process";
import { startPostgres } from "./postgres-cluster.js";

const [cmd, ...argv] = process.argv.slice(2);
if (!cmd) {
  console.error("Usage: node scripts/with-postgres.js <command> [args…]");
  process.exit(2);
}
const pg = await startPostgres();
let status = 1;
try {
  status = spawnSync(cmd, argv, { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: pg.url } }).status ?? 1;
} finally {
  pg.stop();
}
process.exit(status);
