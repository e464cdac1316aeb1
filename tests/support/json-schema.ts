import type { SchemaObject } from "../../app/api/openapi";

/**
 * A small validator for the JSON Schema subset the OpenAPI document uses ($ref into the document,
 * type, properties, required, additionalProperties, items, enum, const, oneOf, anyOf, minimum,
 * maximum, minItems, maxItems, maxLength, pattern, format date/date-time). It returns every
 * violation with its JSON path, so a failing test says which field is wrong. Unknown keywords throw,
 * so the document cannot silently use more than this checks.
 */

const KNOWN = new Set([
  "$ref",
  "type",
  "description",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "oneOf",
  "anyOf",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "maxLength",
  "pattern",
  "format",
  "default",
  "examples",
]);

export function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`Only local references are supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    if (typeof node !== "object" || node === null || !(part in node))
      throw new Error(`Unresolvable reference ${ref}`);
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

export function validate(root: unknown, schema: SchemaObject, value: unknown, path = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) throw new Error(`The validator does not know the keyword "${key}" (at ${path})`);
  }
  const errors: string[] = [];
  if (schema.$ref) errors.push(...validate(root, resolveRef(root, schema.$ref) as SchemaObject, value, path));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(value, t))) {
      return [
        ...errors,
        `${path}: expected ${types.join(" or ")}, got ${typeOf(value)} ${JSON.stringify(value)?.slice(0, 80)}`,
      ];
    }
  }
  if (schema.enum && !schema.enum.includes(value as string | number | null)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.const !== undefined && value !== schema.const)
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => validate(root, s, value, path).length === 0).length;
    if (matching !== 1)
      errors.push(`${path}: matches ${matching} of the oneOf alternatives instead of exactly one`);
  }
  if (schema.anyOf && !schema.anyOf.some((s) => validate(root, s, value, path).length === 0)) {
    const reasons = schema.anyOf.map((s) => validate(root, s, value, path).join("; ")).join(" | ");
    errors.push(`${path}: matches none of the anyOf alternatives (${reasons})`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value))
      errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${path}: not a date`);
    if (
      schema.format === "date-time" &&
      (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
        Number.isNaN(Date.parse(value)))
    ) {
      errors.push(`${path}: not a date-time`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((item, i) => errors.push(...validate(root, schema.items!, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === "object") {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in record)) errors.push(`${path}: required property "${name}" is missing`);
    }
    for (const [name, v] of Object.entries(record)) {
      const own = schema.properties?.[name];
      if (own) errors.push(...validate(root, own, v, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: undocumented property "${name}"`);
      else if (typeof schema.additionalProperties === "object")
        errors.push(...validate(root, schema.additionalProperties, v, `${path}.${name}`));
    }
  }
  return errors;
}
