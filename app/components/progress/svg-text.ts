/** Small helpers for the SVG strings of the timeline and the dependency graphs (no React, no styles). */

const SPECIAL = /[&<>"]/;

export function escapeXml(text: string): string {
  // Most values (numbers, colours, words) need nothing: one test instead of four replacements.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A safe id prefix: letters, digits, "-" and "_" only. */
export function idPrefix(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** Shortens a text to at most `max` characters, ending in "…" when cut (at a word boundary if one is near). */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A number with at most one decimal, as SVG coordinates are written. */
export function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Attributes from a record; values are escaped, undefined ones left out. */
export function attrs(values: Record<string, string | number | undefined>): string {
  let out = "";
  for (const k in values) {
    const v = values[k];
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === "number" ? n(v) : escapeXml(v)}"`;
  }
  return out;
}

/** An element; `body` is already-escaped markup. */
export function el(name: string, values: Record<string, string | number | undefined>, body?: string): string {
  return body === undefined ? `<${name}${attrs(values)}/>` : `<${name}${attrs(values)}>${body}</${name}>`;
}

/** A `<text>` element with escaped content. */
export function text(values: Record<string, string | number | undefined>, content: string): string {
  return el("text", values, escapeXml(content));
}
