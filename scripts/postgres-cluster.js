// A throw-away PostgreSQL cluster on 127.0.0.1 for tests and benchmarks (Debian's PostgreSQL 15).
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PG_BIN = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function run(cmd, argv, options = {}) {
  return spawnSync(cmd, argv, { stdio: "inherit", ...options }).status === 0;
}

export function postgresAvailable() {
  return existsSync(join(PG_BIN, "initdb"));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a throw-away cluster; initdb refuses root, so it runs as the `postgres` (or `nobody`) user. */
export async function startPostgres() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "regie-pg-"));
  const data = join(dir, "data");
  const asUser = isRoot ? (run("id", ["-u", "postgres"], { stdio: "ignore" }) ? "postgres" : "nobody") : null;
  const exec = (bin, argv) =>
    asUser
      ? spawnSync("runuser", ["-u", asUser, "--", join(PG_BIN, bin), ...argv], { encoding: "utf8" })
      : spawnSync(join(PG_BIN, bin), argv, { encoding: "utf8" });
  if (asUser) {
    const uid = Number(spawnSync("id", ["-u", asUser], { encoding: "utf8" }).stdout.trim());
    const gid = Number(spawnSync("id", ["-g", asUser], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  let r = exec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]);
  if (r.status !== 0) throw new Error(`initdb failed:\n${r.stdout}\n${r.stderr}`);
  const opts = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  r = exec("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  if (r.status !== 0) throw new Error(`PostgreSQL did not start:\n${r.stdout}\n${r.stderr}`);
  const stop = () => {
    exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

