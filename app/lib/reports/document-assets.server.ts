import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { LRUCache } from "lru-cache";

/**
 * What documents embed: the DejaVu fonts (shipped as an npm package, so a fresh `npm ci` has them)
 * and charts turned from SVG into PNG for Word, which shows SVG only in its newest versions.
 */

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  italic: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
};

let fonts: Uint8Array[] | undefined;
let ready: Promise<void> | undefined;

async function wasmReady(): Promise<void> {
  ready ??= initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
  return ready;
}

/** Pictures already made, by SVG and width: charts change only with a monitor import. */
const pictures = new LRUCache<string, Uint8Array>({ max: 200 });

/** A chart's SVG as a PNG of the given width in pixels (twice the shown width, for print). */
export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const key = createHash("sha256").update(svg).update(String(width)).digest("base64url");
  const hit = pictures.get(key);
  if (hit) return hit;
  await wasmReady();
  fonts ??= [readFileSync(FONT_FILES.regular), readFileSync(FONT_FILES.bold)].map((b) => new Uint8Array(b));
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "#ffffff",
    font: { fontBuffers: fonts, defaultFontFamily: "DejaVu Sans", loadSystemFonts: false },
  });
  const image = resvg.render();
  const png = image.asPng();
  image.free();
  resvg.free();
  pictures.set(key, png);
  return png;
}
