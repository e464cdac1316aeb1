// What a visitor's browser downloads on a first visit to a page (empty cache): the HTML and every
// asset it needs, each gzipped as the server would send it. `npm run bench` includes these figures;
// on its own: `node --import tsx bench/first-load.ts` builds into build-bench/ (BENCH_SKIP_BUILD=1
// reuses it), starts Regie on a temporary SQLite database, prints a table per page and exits.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Services } from "../app/lib/services.server";
import { PROGRAMME } from "./cases";

export interface FirstLoadPage {
  id: string;
  path: string;
  headers: Record<string, string>;
  /** Requested with the session cookie of a signed-in user (without roles) rather than as a visitor. */
  signedIn?: true;
}

/**
 * The pages measured: the overview and a list page, each in Dutch (the default) and in English, as
 * a visitor sees them; and the overview as a signed-in user gets it, with the client scripts that
 * visitors are not sent (decision 0016).
 */
export const FIRST_LOAD_PAGES: FirstLoadPage[] = [
  { id: "overview-nl", path: "/", headers: { "accept-language": "nl" } },
  { id: "overview-en", path: "/?lang=en", headers: { "accept-language": "nl" } },
  { id: "actions-nl", path: `/programmes/${PROGRAMME}/actions`, headers: { "accept-language": "nl" } },
  {
    id: "actions-en",
    path: `/programmes/${PROGRAMME}/actions?lang=en`,
    headers: { "accept-language": "nl" },
  },
  { id: "signed-in-nl", path: "/", headers: { "accept-language": "nl" }, signedIn: true },
  {
    id: "signed-in-act",
    path: `/programmes/${PROGRAMME}/actions`,
    headers: { "accept-language": "nl" },
    signedIn: true,
  },
];

/** The aim of issue "One way to do each thing", item 7: HTML plus assets, gzipped, per page. */
export const FIRST_LOAD_AIM_BYTES = 100 * 1024;

export interface FirstLoadAsset {
  url: string;
  kind: "html" | "script" | "stylesheet" | "other";
  bytes: number;
  gzipBytes: number;
}

export interface FirstLoadResult {
  page: FirstLoadPage;
  assets: FirstLoadAsset[];
  bytes: number;
  gzipBytes: number;
}

// What a browser fetches because of the HTML: scripts, module preloads, stylesheets, preloads, icons
// and images. Link elements are matched whole so that rel and href can come in any order.
function referencesInHtml(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel="([^"]*)"/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    const href = /\bhref="([^"]*)"/i.exec(tag)?.[1];
    if (href && /\b(stylesheet|modulepreload|preload|icon)\b/.test(rel)) found.push(href);
  }
  for (const [, src] of html.matchAll(/<(?:script|img|source)\b[^>]*\bsrc="([^"]*)"/gi)) found.push(src!);
  // React Router starts the client with an inline module script that imports the entry.
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const [, spec] of body!.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push(spec!);
    for (const [, spec] of body!.matchAll(/\bimport\s+(?:[\w*{}\s,]+\s+from\s+)?["']([^"']+)["']/g))
      found.push(spec!);
  }
  return found;
}

// A module's static imports are fetched before it runs, preloaded or not; dynamic imports are not
// counted here, so anything loaded that way on start-up must be preloaded from the HTML to show up.
function staticImportsInScript(code: string): string[] {
  const found: string[] = [];
  for (const [, spec] of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g))
    found.push(spec!);
  for (const [, spec] of code.matchAll(/(?:^|[;\s}])export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g))
    found.push(spec!);
  return found;
}

function urlsInCss(css: string): string[] {
  const found: string[] = [];
  for (const [, raw] of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g))
    if (!raw!.startsWith("data:")) found.push(raw!);
  for (const [, spec] of css.matchAll(/@import\s+(?:url\()?["']([^"']+)["']/g)) found.push(spec!);
  return found;
}

async function download(
  url: string,
  headers: Record<string, string>,
): Promise<{ body: Buffer; type: string }> {
  // identity: the sizes are of the bytes themselves, gzipped here the same way for every file.
  const res = await fetch(url, { headers: { ...headers, "accept-encoding": "identity" } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}, not 200`);
  return { body, type: res.headers.get("content-type") ?? "" };
}

/**
 * `session`: the cookie sent with a `signedIn` page's HTML (assets are fetched without it, as they
 * are the same for everyone).
 */
export async function measureFirstLoad(baseUrl: string, page: FirstLoadPage, session?: string): Promise<FirstLoadResult> {
  if (page.signedIn && !session) throw new Error(`${page.id} needs a signed-in session`);
  const origin = new URL(baseUrl).origin;
  const pageUrl = new URL(page.path, baseUrl).href;
  const assets: FirstLoadAsset[] = [];
  const seen = new Set<string>([pageUrl]);
  const queue: { url: string; from: string }[] = [];
  const enqueue = (refs: string[], from: string) => {
    for (const ref of refs) {
      const url = new URL(ref, from);
      url.hash = "";
      // Other origins would not be Regie's bytes; the content security policy allows none anyway.
      if (url.origin !== origin || seen.has(url.href)) continue;
      seen.add(url.href);
      queue.push({ url: url.href, from });
    }
  };

  const html = await download(pageUrl, {
    ...page.headers,
    accept: "text/html",
    ...(page.signedIn ? { cookie: session! } : {}),
  });
  assets.push({
    url: page.path,
    kind: "html",
    bytes: html.body.length,
    gzipBytes: gzipSync(html.body).length,
  });
  enqueue(referencesInHtml(html.body.toString("utf8")), pageUrl);

  while (queue.length > 0) {
    const { url } = queue.shift()!;
    const { body, type } = await download(url, {});
    const text = body.toString("utf8");
    const kind = /javascript/.test(type) ? "script" : /css/.test(type) ? "stylesheet" : "other";
    if (kind === "script") enqueue(staticImportsInScript(text), url);
    if (kind === "stylesheet") enqueue(urlsInCss(text), url);
    assets.push({ url: new URL(url).pathname, kind, bytes: body.length, gzipBytes: gzipSync(body).length });
  }
  return {
    page,
    assets,
    bytes: assets.reduce((n, a) => n + a.bytes, 0),
    gzipBytes: assets.reduce((n, a) => n + a.gzipBytes, 0),
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** One table per page (largest files first) and a summary line per page against the aim. */
export function formatFirstLoad(results: FirstLoadResult[], detail = true): string {
  const lines: string[] = [];
  for (const r of results) {
    if (detail) {
      lines.push(`First load of ${r.page.path} (${r.page.id}):`);
      lines.push(`  ${"file".padEnd(56)} ${"KB".padStart(8)} ${"gzip KB".padStart(8)}`);
      const sorted = [...r.assets].sort((a, b) => b.gzipBytes - a.gzipBytes);
      for (const a of sorted) {
        lines.push(
          `  ${a.url.slice(0, 56).padEnd(56)} ${kb(a.bytes).padStart(8)} ${kb(a.gzipBytes).padStart(8)}`,
        );
      }
      lines.push(
        `  ${`total (${r.assets.length} files)`.padEnd(56)} ${kb(r.bytes).padStart(8)} ${kb(r.gzipBytes).padStart(8)}`,
      );
      lines.push("");
    }
  }
  lines.push(`First load, gzipped (aim: at most ${kb(FIRST_LOAD_AIM_BYTES)} KB per page a visitor opens):`);
  for (const r of results) {
    // The aim is for a first visit; someone signed in has been here before (the scripts are cached).
    const verdict = r.page.signedIn ? "----" : r.gzipBytes <= FIRST_LOAD_AIM_BYTES ? "PASS" : "MISS";
    lines.push(
      `  ${verdict}  ${r.page.id.padEnd(12)} ${kb(r.gzipBytes).padStart(7)} KB in ${r.assets.length} files  ${r.page.path}`,
    );
  }
  return lines.join("\n");
}

interface RegieBuild {
  start(env: Record<string, string>): Promise<{ url: string; services: Services; close(): Promise<void> }>;
}

/** A session cookie of a new user without roles, made through the running server's own services. */
export async function signedInCookie(services: Services): Promise<string> {
  const now = new Date().toISOString();
  const created = await services.users.createUser({
    email: `first-load-${Date.now()}@example.org`,
    name: "First load",
    organisationId: null,
    passwordHash: null,
    isAdmin: false,
    roles: [],
    actor: { userId: null, label: "bench" },
    now,
  });
  if (created.status !== "ok") throw new Error(`no account for the signed-in page: ${created.status}`);
  const session = await services.auth.startSession(created.value);
  if (!session.ok) throw new Error("no session for the signed-in page");
  return `regie_session=${session.sessionToken}`;
}

async function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const buildDir = process.env.REGIE_BUILD_DIR || "build-bench";
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log(`Building Regie into ${buildDir}/ …`);
    const r = spawnSync(join(root, "node_modules", ".bin", "react-router"), ["build"], {
      cwd: root,
      env: { ...process.env, REGIE_BUILD_DIR: buildDir, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  }
  // The server reads these when it starts; the sizes do not depend on them, but React's production
  // build is what visitors get.
  process.env.REGIE_BUILD_DIR = buildDir;
  process.env.NODE_ENV ??= "production";
  const tmp = mkdtempSync(join(os.tmpdir(), "regie-first-load-"));
  try {
    const entry = new URL(`file://${join(root, buildDir, "server", "index.js")}`).href;
    const build = (await import(entry)) as RegieBuild;
    const server = await build.start({
      DATABASE_URL: `sqlite:${join(tmp, "regie.sqlite")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
    });
    try {
      const results: FirstLoadResult[] = [];
      const session = await signedInCookie(server.services);
      for (const page of FIRST_LOAD_PAGES) results.push(await measureFirstLoad(server.url, page, session));
      console.log(formatFirstLoad(results));
    } finally {
      await server.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
