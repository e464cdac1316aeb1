import { inflateRawSync } from "node:zlib";

/**
 * Looks inside a workbook (a zip file) before any spreadsheet code opens it: a zip bomb declares or
 * hides a huge inflated size in a small file. The central directory gives each entry's sizes; every
 * compressed entry is then inflated once with a hard output cap, so a lying header is caught too,
 * without ever holding more than the cap in memory.
 */

export const ZIP_LIMITS = {
  /** A workbook written by Excel, LibreOffice or Regie has a few dozen entries. */
  entries: 1_000,
  /** One part (a sheet's XML, the shared strings) inflated. */
  entryBytes: 64 * 1024 * 1024,
  /** All parts together inflated. */
  totalBytes: 160 * 1024 * 1024,
  /** Spreadsheet XML compresses well, but not a thousandfold; past this ratio an entry is a bomb. */
  ratio: 250,
} as const;

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  dataStart: number;
}

export type ZipVerdict = { ok: true; entries: ZipEntry[] } | { ok: false; key: string; params?: Record<string, string | number> };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function inspectZip(bytes: Uint8Array, limits: typeof ZIP_LIMITS = ZIP_LIMITS): ZipVerdict {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (key: string, params?: Record<string, string | number>): ZipVerdict => ({ ok: false, key, params });
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) return fail("workbook.notXlsx");
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail("workbook.notXlsx");
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return fail("workbook.zipUnsupported");
  if (count > limits.entries) return fail("workbook.zipTooManyEntries", { max: limits.entries });
  if (dirOffset + dirSize > buf.length) return fail("workbook.notXlsx");

  const names: ZipEntry[] = [];
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return fail("workbook.notXlsx");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) return fail("workbook.zipEncrypted");
    if (compressed === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) return fail("workbook.zipUnsupported");
    if (method !== 0 && method !== 8) return fail("workbook.zipUnsupported");
    if (size > limits.entryBytes) return fail("workbook.zipEntryTooLarge", { entry: name, mb: limits.entryBytes / 1024 / 1024 });
    total += size;
    if (total > limits.totalBytes) return fail("workbook.zipTooLarge", { mb: limits.totalBytes / 1024 / 1024 });
    if (size > 1024 * 1024 && size / Math.max(compressed, 1) > limits.ratio) return fail("workbook.zipBomb", { entry: name });

    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) return fail("workbook.notXlsx");
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressed > buf.length) return fail("workbook.notXlsx");
    if (method === 8 && compressed > 0) {
      try {
        // One byte beyond the declared size is enough to know it lied.
        const out = inflateRawSync(buf.subarray(dataStart, dataStart + compressed), { maxOutputLength: size + 1 });
        if (out.length !== size) return fail("workbook.zipBomb", { entry: name });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return fail("workbook.zipBomb", { entry: name });
        return fail("workbook.notXlsx");
      }
    } else if (method === 0 && compressed !== size) {
      return fail("workbook.notXlsx");
    }
    names.push({ name, method, crc, compressed, size, dataStart });
  }
  if (!names.some((e) => e.name === "xl/workbook.xml")) return fail("workbook.notXlsx");
  return { ok: true, entries: names };
}

// The streaming reader names a sheet only if the workbook part came before it, and resolves text
// only if the shared strings did; Excel and exceljs write them in other orders.
const FIRST = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml"];

/**
 * The same zip with its parts in the order a streaming reader needs: the compressed data is copied
 * as it is (already checked by `inspectZip`), behind fresh headers.
 */
export function orderedZip(bytes: Uint8Array, entries: ZipEntry[]): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rank = (name: string) => {
    const i = FIRST.indexOf(name);
    return i >= 0 ? i : FIRST.length;
  };
  const sorted = [...entries].sort((a, b) => rank(a.name) - rank(b.name));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of sorted) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressed, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.compressed, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    const data = buf.subarray(e.dataStart, e.dataStart + e.compressed);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}
