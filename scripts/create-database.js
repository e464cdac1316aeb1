#!/usr/bin/env node
// Creates (afresh) the PostgreSQL database named in the given URL; used by the browser tests.
import pg from "pg";

const target = new URL(process.argv[2] ?? "");
const name = target.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
  console.error(`Not a plain database name: ${name}`);
  process.exit(2);
}
const admin = new URL(target);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await client.query(`CREATE DATABASE ${name}`);
await client.end();
