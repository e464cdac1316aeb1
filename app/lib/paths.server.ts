import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/** The folder holding Regie's package.json, found from this module whether it runs bundled or from source. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data"))) break;
    const parent = dirname(dir);
    if (parent === dir) {
      dir = process.cwd();
      break;
    }
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

/** Where the shipped data lives (default programme, registry, monitor sources). */
export function dataDir(override?: string): string {
  return override ? resolve(override) : join(projectRoot(), "data");
}
