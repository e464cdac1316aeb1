/**
 * Makes ECharts' server-rendered SVG fit the page: the Content-Security-Policy allows no `style`
 * attributes and no `<style>` elements (`style-src 'self'`), ids must be unique per page, and the
 * image needs an accessible name and description.
 */

const PRESENTATION = new Set([
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "opacity",
  "font-size",
  "font-family",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
]);

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `style="font-size:12px;font-family:sans-serif;"` → `font-size="12px" font-family="sans-serif"` (other properties dropped). */
function styleToAttributes(style: string): string {
  const attrs: string[] = [];
  for (const declaration of style.split(";")) {
    const at = declaration.indexOf(":");
    if (at === -1) continue;
    const name = declaration.slice(0, at).trim().toLowerCase();
    const value = declaration.slice(at + 1).trim();
    if (PRESENTATION.has(name) && value && !/[<>"&]/.test(value)) attrs.push(`${name}="${value}"`);
  }
  return attrs.join(" ");
}

export interface SvgLabel {
  /** Unique on the page: prefixes every id in the SVG. */
  id: string;
  title: string;
  description: string;
  className?: string;
}

/** Rewrites ECharts' SVG: no styles, unique ids, `role="img"` with a title and description. */
export function sanitiseChartSvg(svg: string, label: SvgLabel): string {
  const prefix = label.id.replace(/[^A-Za-z0-9_-]/g, "-");
  let out = svg
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/\sstyle="([^"]*)"/g, (_m, style: string) => {
      const attrs = styleToAttributes(style);
      return attrs ? ` ${attrs}` : "";
    })
    .replace(/\sclass="zr\d+-cls-\d+"/g, "")
    .replace(/\secmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/\spointer-events="visible"/g, "")
    .replace(/zr\d+-/g, `${prefix}-`)
    .replace(/<defs\s*>\s*<\/defs>/g, "");
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  out = out.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(version|baseProfile)="[^"]*"/g, "");
    return (
      `<svg${kept} role="img" aria-labelledby="${titleId} ${descId}" focusable="false"${label.className ? ` class="${escapeXml(label.className)}"` : ""}>` +
      `<title id="${titleId}">${escapeXml(label.title)}</title><desc id="${descId}">${escapeXml(label.description)}</desc>`
    );
  });
  return out;
}
