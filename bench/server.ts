// Hosts one server under test in its own process (run.ts forks it): Regie from the bench build on
// a given database, or the bare node:http server. It answers run.ts over IPC (see ServerMessage).
import http from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface BareBody {
  path: string;
  contentType: string;
  base64: string;
}

export type ServerCommand =
  | { type: "start"; target: "regie"; databaseUrl: string; buildDir: string }
  | { type: "start"; target: "bare"; bodies: BareBody[] }
  | { type: "cpu"; id: number }
  | { type: "stop" };

export type ServerMessage =
  | { type: "ready"; url: string; nodeEnv: string | null }
  | { type: "cpu"; id: number; usage: NodeJS.CpuUsage }
  | { type: "stopped" }
  | { type: "error"; message: string };

interface Running {
  url: string;
  close(): Promise<void>;
}

interface RegieBuild {
  start(env: Record<string, string>): Promise<Running>;
}

async function startRegie(databaseUrl: string, buildDir: string): Promise<Running> {
  // Regie reads REGIE_BUILD_DIR from the process environment to find its client assets.
  process.env.REGIE_BUILD_DIR = buildDir;
  const entry = pathToFileURL(join(process.cwd(), buildDir, "server", "index.js")).href;
  const build = (await import(entry)) as RegieBuild;
  return build.start({ DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
}

/** The same bytes from memory, with the same content-type; nothing else. */
async function startBare(bodies: BareBody[]): Promise<Running> {
  const byPath = new Map(
    bodies.map((b) => [b.path, { type: b.contentType, body: Buffer.from(b.base64, "base64") }]),
  );
  const server = http.createServer((req, res) => {
    const hit = byPath.get(req.url ?? "");
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": hit.type, "content-length": hit.body.length });
    res.end(hit.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (process.send) {
  const send = (m: ServerMessage) => process.send!(m);
  let running: Running | undefined;
  process.on("message", (m: ServerCommand) => {
    switch (m.type) {
      case "start":
        (m.target === "regie" ? startRegie(m.databaseUrl, m.buildDir) : startBare(m.bodies))
          .then((r) => {
            running = r;
            send({ type: "ready", url: r.url, nodeEnv: process.env.NODE_ENV ?? null });
          })
          .catch((e: unknown) =>
            send({ type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
          );
        break;
      case "cpu":
        send({ type: "cpu", id: m.id, usage: process.cpuUsage() });
        break;
      case "stop":
        void (running?.close() ?? Promise.resolve()).finally(() => {
          send({ type: "stopped" });
          process.disconnect();
        });
        break;
    }
  });
}
