import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The server build's entry is our Express app (server/app.ts), which mounts the React Router
// request handler next to the JSON API, so one bundle holds every server-side module once.
export default defineConfig(({ isSsrBuild }) => ({
  build: isSsrBuild ? { rollupOptions: { input: "./server/app.ts" } } : {},
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  ssr: { external: ["better-sqlite3", "pg", "pino"] },
  plugins: [reactRouter()],
}));
