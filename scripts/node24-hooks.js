// Loaded with `--import` in the Node 24 test run (see node24.js): better-sqlite3 resolves to the copy
// built for this Node version instead of the one in node_modules, built for the machine's Node. The
// hook rewrites resolved addresses, so bare imports and the file paths Vitest resolves to both move.
import { registerHooks } from "node:module";
import { pathToFileURL } from "node:url";

const dir = process.env.REGIE_BETTER_SQLITE3_DIR;
if (dir) {
  const built = pathToFileURL(dir).href + "/";
  const installed = /^file:\/\/.*\/node_modules\/better-sqlite3\//;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      return installed.test(resolved.url)
        ? { ...resolved, url: resolved.url.replace(installed, built) }
        : resolved;
    },
  });
}
