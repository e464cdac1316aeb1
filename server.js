// Starts Regie from the production build (`npm run build`), printing the address it serves on.
// React and Express run their production code paths unless told otherwise.
process.env.NODE_ENV ??= "production";
import { existsSync } from "node:fs";

const entry = new URL(`./${process.env.REGIE_BUILD_DIR ?? "build"}/server/index.js`, import.meta.url);
if (!existsSync(entry)) {
  console.error("Regie has not been built yet: run `npm run build` (or `npm start`, which builds first).");
  process.exit(1);
}
const { start } = await import(entry.href);
try {
  const server = await start();
  console.log(`Regie is running at ${server.url}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`Regie could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
