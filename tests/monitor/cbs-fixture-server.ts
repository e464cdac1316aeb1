import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { V4 } from "./fixtures";

export interface CbsFixtureServer {
  /** The CBS_ODATA_URL to use: `http://127.0.0.1:PORT/odata/v1/CBS`. */
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for CBS's OData v4 service on 127.0.0.1, serving the real captures in
 * data/sources/cbs/cbs-odata-example/v4: Observations in pages of `pageSize` with
 * `@odata.nextLink`, PeriodenCodes, MeasureCodes. The `$filter` is recorded, not applied:
 * the importer must itself skip what it did not ask for.
 */
export async function startCbsFixtureServer(options: { pageSize?: number } = {}): Promise<CbsFixtureServer> {
  const pageSize = options.pageSize ?? 30;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    const m = /^\/odata\/v1\/CBS\/([^/]+)\/(Observations|PeriodenCodes|MeasureCodes|Properties)$/.exec(url.pathname);
    const dir = m ? join(V4, m[1]!) : "";
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (!m || !existsSync(dir)) return send(404, { error: "not found" });
    const json = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as { "@odata.context"?: string; value: unknown[] };
    if (m[2] === "PeriodenCodes") return existsSync(join(dir, "codes-Perioden.json")) ? send(200, json("codes-Perioden.json")) : send(404, {});
    if (m[2] === "MeasureCodes") return existsSync(join(dir, "measure-codes.json")) ? send(200, json("measure-codes.json")) : send(404, {});
    if (m[2] === "Properties") return existsSync(join(dir, "properties.json")) ? send(200, json("properties.json")) : send(404, {});
    const file = existsSync(join(dir, "observations-page-1.json")) ? "observations-page-1.json" : "observations-leidse-regio-2024-2026.json";
    const all = json(file);
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    const page = all.value.slice(skip, skip + pageSize);
    const body: Record<string, unknown> = { "@odata.context": all["@odata.context"], value: page };
    if (skip + pageSize < all.value.length) {
      const next = new URL(url.toString());
      next.host = req.headers.host ?? next.host;
      next.searchParams.set("$skip", String(skip + pageSize));
      body["@odata.nextLink"] = `http://${req.headers.host}${next.pathname}${next.search}`;
    }
    send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/odata/v1/CBS`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
