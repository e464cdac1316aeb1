import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiRouter } from "../../app/api/router";
import { FILTER_NAMES } from "../../app/domain/programmes/action-filters";
import { readEnv } from "../../app/lib/env.server";
import type { Services } from "../../app/lib/services.server";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG } from "../support/default-programme";
import { doc, resolveRef, responseSchema as documentedSchema, validate, type SchemaObject } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";

type Parameter = { $ref: string } | { name: string; in: string };
/** The document's paths, typed as far as these tests read them. */
const paths = doc.paths as Record<string, Record<string, { parameters?: Parameter[]; responses: Record<string, unknown> }>>;
const components = doc.components as unknown as {
  schemas: Record<string, SchemaObject & { properties?: Record<string, unknown>; required?: string[] }>;
  parameters: Record<string, { schema: SchemaObject; explode?: boolean }>;
  responses: Record<string, { content: Record<string, { schema: SchemaObject; example?: unknown }> }>;
};

/** The operations the Express router really has, as "get /programmes/{slug}" (":slug" written "{slug}"). */
function routerOperations(): string[] {
  // Mounting reads settings (body-size limits) but runs no handler, so the services are not needed.
  const services = { env: readEnv({}) } as Services;
  const router = createApiRouter(services) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack
    .filter((layer) => layer.route !== undefined && !layer.route.path.includes("{*")) // not the 404/405 catch-all
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== "_all")
        .map((m) => `${m} ${layer.route!.path.replace(/:(\w+)/g, "{$1}")}`),
    )
    .sort();
}

/** The operations the document describes, in the same form. */
function documentedOperations(): string[] {
  return Object.entries(paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
    .sort();
}

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
}

/** Every object schema in the components, with its path, to check that each is closed. */
function objectSchemas(value: unknown, path: string): { path: string; schema: SchemaObject }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectSchemas(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  const s = value as SchemaObject;
  const own = s.type === "object" && s.properties ? [{ path, schema: s }] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => objectSchemas(v, `${path}.${k}`))];
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the software licence, the region's text noted, and relative servers", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.license).toEqual({ name: "EUPL-1.2", identifier: "EUPL-1.2" });
    expect(doc.info.description).toMatch(/region's own/);
    expect(doc.info.description).toMatch(/CC BY 4\.0/);
    expect(doc.servers).toEqual([{ url: "/api/v1", description: expect.any(String) as string }]);
  });

  it("documents every route of the router, and nothing the router does not have", () => {
    // A difference here names the operation to describe in app/api/openapi.ts (or to remove from it).
    expect(routerOperations(), "operations of app/api/router.ts vs. paths of openApiDocument()").toEqual(
      documentedOperations(),
    );
    // The programme register's eight endpoints (other parts, such as the monitor, add their own).
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/openapi.json",
        "/organisations",
        "/organisations/{slug}",
        "/programmes",
        "/programmes/{slug}",
        "/programmes/{slug}/actions",
        "/programmes/{slug}/actions.csv",
        "/programmes/{slug}/actions/{number}",
      ]),
    );
  });

  it("resolves every reference and declares every path parameter", () => {
    for (const ref of refsIn(doc)) expect(() => resolveRef(ref), ref).not.toThrow();
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const declared = (operation.parameters ?? [])
          .map((p) => ("$ref" in p ? (resolveRef(p.$ref) as { name: string; in: string }) : p))
          .filter((p) => p.in === "path")
          .map((p) => p.name);
        const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(declared, `${method} ${path}`).toEqual(inTemplate);
      }
    }
  });

  it("lists every filter of the action list, and paging, as query parameters", () => {
    const names = (path: string) =>
      (paths[path]!.get!.parameters ?? [])
        .map((p) => ("$ref" in p ? (resolveRef(p.$ref) as { name: string; in: string }) : p))
        .filter((p) => p.in === "query")
        .map((p) => p.name);
    expect(names("/programmes/{slug}/actions")).toEqual([...FILTER_NAMES, "limit", "offset"]);
    expect(names("/programmes/{slug}/actions.csv")).toEqual([...FILTER_NAMES, "limit", "offset"]);
    expect(names("/organisations")).toEqual(["kind", "limit", "offset"]);
    expect(names("/programmes")).toEqual(["limit", "offset"]);
    const limit = components.parameters.limit!.schema;
    expect(limit).toMatchObject({ minimum: 1, maximum: 500, default: 100 });
    expect(components.parameters.category).toMatchObject({
      explode: true,
      schema: { type: "array", maxItems: 4 },
    });
  });

  it("closes every object schema, so an undocumented field cannot pass unnoticed", () => {
    const open = objectSchemas(components.schemas, "schemas").filter(
      (s) => s.schema.additionalProperties !== false && !s.path.startsWith("schemas.Problem"),
    );
    expect(open.map((s) => s.path)).toEqual([]);
  });

  it("describes the CSV download with its media type and the problems as application/problem+json", () => {
    const csv = paths["/programmes/{slug}/actions.csv"]!.get!.responses["200"] as { content: object };
    expect(Object.keys(csv.content)).toEqual(["text/csv"]);
    for (const name of ["BadRequest", "NotFound"]) {
      expect(Object.keys(components.responses[name]!.content)).toEqual(["application/problem+json"]);
    }
  });

  it("has examples that fit their own schemas", () => {
    const example = components.responses.BadRequest!.content["application/problem+json"]!;
    expect(validate(example.schema, example.example)).toEqual([]);
    // The validator does catch a wrong example.
    expect(validate(example.schema, { status: "400", title: "x" })).not.toEqual([]);
    expect(validate("Action", { number: 1 }).length).toBeGreaterThan(10);
    // Request bodies carry their examples too, and they fit.
    for (const [name, component] of Object.entries(components.schemas)) {
      for (const value of (component.examples as unknown[] | undefined) ?? []) expect(validate(name, value), name).toEqual([]);
    }
  });
});

describe.each(testDialects())("OpenAPI document against real answers (%s)", (dialect) => {
  let server: TestServer;
  const base = `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function getJson(path: string, status = 200): Promise<unknown> {
    const res = await server.get(`/api/v1${path}`);
    expect(res.status, path).toBe(status);
    return res.json();
  }

  /** The schema of the 200 (or other) JSON answer the document gives for a path. */
  function responseSchema(path: string, status = "200"): SchemaObject {
    return documentedSchema("get", path, Number(status));
  }

  it("serves the document at /api/v1/openapi.json", async () => {
    expect(await getJson("/openapi.json")).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it.each([
    ["/programmes", "/programmes"],
    ["/programmes/{slug}", `/programmes/${DEFAULT_PROGRAMME_SLUG}`],
    ["/programmes/{slug}/actions", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions?limit=500`],
    [
      "/programmes/{slug}/actions",
      `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions?q=ondernem&category=2&category=3`,
    ],
    ["/programmes/{slug}/actions/{number}", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/10`],
    ["/programmes/{slug}/actions/{number}", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/61`],
    ["/organisations", "/organisations?limit=500"],
    ["/organisations", "/organisations?kind=municipality"],
    ["/organisations/{slug}", "/organisations/gemeente-leiden"],
    ["/organisations/{slug}", "/organisations/regiogemeenten"],
    ["/programmes/{slug}", `/programmes/${DEFAULT_PROGRAMME_SLUG}?asOf=2013-07-18`],
    ["/programmes/{slug}/actions", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions?asOf=2013-07-18`],
    ["/programmes/{slug}/actions/{number}", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/5?asOf=2013-01-01`],
    ["/programmes/{slug}/decisions", `/programmes/${DEFAULT_PROGRAMME_SLUG}/decisions`],
    ["/programmes/{slug}/decisions/{id}", `/programmes/${DEFAULT_PROGRAMME_SLUG}/decisions/2`],
  ])("%s: the answer to %s fits the documented schema", async (documented, actual) => {
    const body = await getJson(actual);
    expect(validate(responseSchema(documented), body)).toEqual([]);
    // A list must hold something, or the check above proves little.
    if (typeof body === "object" && body !== null && "data" in body)
      expect((body as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it("an action has exactly the documented properties, all of them", async () => {
    // One action on its own is an ActionDetail: an Action with its category history.
    const action = (await getJson(`${base.slice("/api/v1".length)}/actions/20`)) as Record<string, unknown>;
    const documented = components.schemas.ActionDetail!;
    expect(Object.keys(action).sort()).toEqual(Object.keys(documented.properties!).sort());
    expect([...documented.required!].sort()).toEqual(Object.keys(documented.properties!).sort());
    // And the validator rejects an answer with a field the document does not describe.
    expect(validate("ActionDetail", { ...action, internalId: 7 })).toEqual([
      '$: undocumented property "internalId"',
    ]);
  });

  it.each([
    ["/programmes/{slug}/actions", "400", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions?year=abc`],
    ["/programmes/{slug}/actions", "404", "/programmes/no-such-programme/actions"],
    ["/programmes/{slug}/actions/{number}", "400", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/abc`],
    ["/programmes/{slug}/actions/{number}", "404", `/programmes/${DEFAULT_PROGRAMME_SLUG}/actions/999`],
    ["/organisations", "400", "/organisations?kind=bank"],
    ["/organisations/{slug}", "404", "/organisations/no-such-organisation"],
  ])("%s %s: the problem for %s fits the documented schema", async (documented, status, actual) => {
    const res = await server.get(`/api/v1${actual}`);
    expect(res.status).toBe(Number(status));
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(validate(responseSchema(documented, status), await res.json())).toEqual([]);
  });

  it("the CSV answer has the documented media type", async () => {
    const res = await server.get(`${base}/actions.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  });
});
