import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "../../app/api/openapi";

/**
 * The served OpenAPI document, and a real JSON Schema 2020-12 validator (Ajv) over its schemas, so
 * that tests check answers against exactly what the document promises.
 */

export const doc = openApiDocument();

/** A JSON Schema or OpenAPI object, as the document holds it. */
export type SchemaObject = Record<string, unknown>;

const DOCUMENT_ID = "https://regie.example/openapi.json";
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
// The document's own keywords are not JSON Schema; schemas are only compiled from inside them.
ajv.addVocabulary(["openapi", "info", "servers", "tags", "paths", "components"]);
ajv.addSchema({ $id: DOCUMENT_ID, ...doc });

/** Follows a local `$ref` ("#/components/…") in the document. */
export function resolveRef(ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`Only local references are supported: ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) throw new Error(`Unresolvable reference ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** An object of the document, with a `$ref` to another part followed. */
export function resolved<T>(value: T | { $ref: string }): T {
  return typeof value === "object" && value !== null && "$ref" in value ? (resolveRef(value.$ref) as T) : value;
}

/** The same schema with its local references pointing into the registered document. */
function absolute(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolute);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? DOCUMENT_ID + v : absolute(v)]),
  );
}

const compiled = new Map<string, ValidateFunction>();

function describeError(e: ErrorObject): string {
  const at = `$${e.instancePath.replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".")}`;
  if (e.keyword === "additionalProperties") return `${at}: undocumented property "${String(e.params.additionalProperty)}"`;
  return `${at}: ${e.message ?? e.keyword} (${e.schemaPath})`;
}

/** Every way `value` breaks `schema` (a schema of the document, or the name of a component schema); empty when it fits. */
export function validate(schema: SchemaObject | string, value: unknown): string[] {
  const key = typeof schema === "string" ? schema : JSON.stringify(schema);
  let check = compiled.get(key);
  if (!check) {
    check = ajv.compile(typeof schema === "string" ? { $ref: `${DOCUMENT_ID}#/components/schemas/${schema}` } : (absolute(schema) as SchemaObject));
    compiled.set(key, check);
  }
  return check(value) ? [] : (check.errors ?? []).map(describeError);
}

interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: SchemaObject }>;
}

/** The answer the document gives for an operation and status, or undefined when it documents none. */
export function documentedResponse(method: string, path: string, status: number): Response | undefined {
  const operation = (doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[path]?.[method.toLowerCase()];
  const answer = operation?.responses[String(status)];
  return answer === undefined ? undefined : resolved(answer as Response);
}

/** The schema of an operation's JSON (or problem) answer with this status. */
export function responseSchema(method: string, path: string, status: number): SchemaObject {
  const answer = documentedResponse(method, path, status);
  if (!answer?.content) throw new Error(`${method} ${path} documents no body for ${status}`);
  return Object.values(answer.content)[0]!.schema;
}
