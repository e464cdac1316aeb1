#!/usr/bin/env node
// `npm audit --omit=dev` as a test step: fails when a package Regie ships has a high or critical
// advisory. When the registry's audit service cannot be reached (offline, or a mirror that does not
// offer it and answers 405), it says so plainly and does not fail, unless REGIE_AUDIT_STRICT=1.
import { spawnSync } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 120_000 });
const strict = process.env.REGIE_AUDIT_STRICT === "1";

let report;
try {
  report = JSON.parse(result.stdout || "null");
} catch {
  report = null;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = report?.message ?? result.error?.message ?? (result.stderr || "no answer").trim().split("\n")[0];
  console.warn(`⚠ The dependency audit could not be done: the audit service did not answer (${reason}).`);
  console.warn("  Run `npm audit --omit=dev --audit-level=high` where the npm registry can be reached.");
  process.exit(strict ? 1 : 0);
}

const serious = Object.entries(report.vulnerabilities ?? {})
  .filter(([, v]) => v.severity === "high" || v.severity === "critical")
  .map(([name, v]) => `  - ${name} (${v.severity}): ${[].concat(v.via ?? []).map((via) => (typeof via === "string" ? via : via.title)).join("; ")}`);
if (serious.length > 0) {
  console.error(`✖ ${serious.length} production ${serious.length === 1 ? "dependency has" : "dependencies have"} a high or critical advisory:`);
  console.error(serious.join("\n"));
  process.exit(1);
}
console.log(`✔ No high or critical advisories in production dependencies (low ${counts.low ?? 0}, moderate ${counts.moderate ?? 0}).`);
