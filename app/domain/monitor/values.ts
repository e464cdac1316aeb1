/**
 * CBS values and their special markers. A figure CBS does not give is stored as value `null` with
 * the reason in `valueAttribute`, in CBS's v4 vocabulary:
 *
 * | v4 ValueAttribute | v3 / CSV symbol | meaning |
 * | --- | --- | --- |
 * | `None` | a number | a figure |
 * | `Impossible` | | cannot exist, or not (yet) published |
 * | `Missing` | `.` | figure unknown (not available) |
 * | `Confidential` | `x` | secret (confidential) |
 * | `Empty` | an empty cell | nothing in the cell |
 * | `Nil` | `-` | nil: the figure is zero (stored as 0) |
 */

export const MEASUREMENT_STATUSES = ["final", "provisional", "revised-provisional"] as const;
export type MeasurementStatus = (typeof MEASUREMENT_STATUSES)[number];

export const KNOWN_VALUE_ATTRIBUTES = ["None", "Impossible", "Missing", "Confidential", "Empty", "Nil"] as const;

export type ValueReading =
  | { ok: true; value: number | null; valueAttribute: string }
  | { ok: false; reason: "not-a-number" };

/** Reads a value cell of a CSV or a v3 UntypedDataSet (right-aligned text). */
export function readValueText(raw: string, options: { decimalComma?: boolean } = {}): ValueReading {
  const text = raw.trim();
  if (text === "") return { ok: true, value: null, valueAttribute: "Empty" };
  if (text === ".") return { ok: true, value: null, valueAttribute: "Missing" };
  if (text.toLowerCase() === "x") return { ok: true, value: null, valueAttribute: "Confidential" };
  if (text === "-") return { ok: true, value: 0, valueAttribute: "Nil" };
  const named = KNOWN_VALUE_ATTRIBUTES.find((a) => a.toLowerCase() === text.toLowerCase() && a !== "None" && a !== "Nil");
  if (named) return { ok: true, value: null, valueAttribute: named };
  const normalised = options.decimalComma && /^-?\d+,\d+$/.test(text) ? text.replace(",", ".") : text;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(normalised)) return { ok: false, reason: "not-a-number" };
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { ok: false, reason: "not-a-number" };
  return { ok: true, value, valueAttribute: "None" };
}

/** Normalises a v4 ValueAttribute with its Value: `null` values always carry a reason. */
export function readV4Value(value: unknown, attribute: unknown): ValueReading {
  const attr = typeof attribute === "string" && attribute.trim() !== "" ? attribute.trim() : "None";
  if (value === null || value === undefined) return { ok: true, value: null, valueAttribute: attr === "None" ? "Missing" : attr };
  if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value, valueAttribute: attr };
  if (typeof value === "string") {
    const r = readValueText(value);
    return r.ok && attr !== "None" ? { ...r, valueAttribute: attr } : r;
  }
  return { ok: false, reason: "not-a-number" };
}

/** CBS's words for a period's status (`Definitief`, `Voorlopig`, `Nader voorlopig`) or ours. */
export function readStatus(raw: string | null | undefined): MeasurementStatus | undefined {
  const text = (raw ?? "").trim().toLowerCase();
  if (text === "" || text === "final" || text === "definitief" || text === "def") return "final";
  if (text === "provisional" || text === "voorlopig" || text === "vrl") return "provisional";
  if (text === "revised-provisional" || text === "nader voorlopig" || text === "nader-voorlopig") return "revised-provisional";
  return undefined;
}

/** The status 70072ned writes into a period's description ("… voorlopige cijfers"), if any. */
export function statusFromDescription(description: string | null | undefined): MeasurementStatus | undefined {
  const text = (description ?? "").toLowerCase();
  if (text.includes("nader voorlopig")) return "revised-provisional";
  if (text.includes("voorlopig")) return "provisional";
  return undefined;
}

/** The worse of two statuses (a sum is provisional when any part is). */
export function worstStatus(a: MeasurementStatus, b: MeasurementStatus): MeasurementStatus {
  const rank: Record<MeasurementStatus, number> = { final: 0, "revised-provisional": 1, provisional: 2 };
  return rank[a] >= rank[b] ? a : b;
}
