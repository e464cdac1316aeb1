/**
 * The regions the monitor measures, by CBS region code (RegioS). `LR071` is Regie's own code for
 * the five municipalities of the Leidse regio together: CBS has no such region, so its figures are
 * the sum of the five (for count indicators) or a figure the programme states, never a CBS figure.
 */

export const LEIDSE_REGIO_MUNICIPALITIES = ["GM0546", "GM0547", "GM0579", "GM0626", "GM0638"] as const;

/** Regie's code for the five municipalities together (the agenda's "071" region). */
export const REGION_AGGREGATE_CODE = "LR071";

export type RegionLevel = "municipality" | "region" | "corop" | "labour-market" | "province" | "country";

export interface RegionInfo {
  code: string;
  name: { nl: string; en: string };
  level: RegionLevel;
}

export const REGIONS: readonly RegionInfo[] = [
  { code: "GM0546", name: { nl: "Leiden", en: "Leiden" }, level: "municipality" },
  { code: "GM0547", name: { nl: "Leiderdorp", en: "Leiderdorp" }, level: "municipality" },
  { code: "GM0579", name: { nl: "Oegstgeest", en: "Oegstgeest" }, level: "municipality" },
  { code: "GM0626", name: { nl: "Voorschoten", en: "Voorschoten" }, level: "municipality" },
  { code: "GM0638", name: { nl: "Zoeterwoude", en: "Zoeterwoude" }, level: "municipality" },
  {
    code: REGION_AGGREGATE_CODE,
    name: { nl: "Leidse regio (vijf gemeenten)", en: "Leiden region (five municipalities)" },
    level: "region",
  },
  { code: "CR25", name: { nl: "Agglomeratie Leiden en Bollenstreek (COROP)", en: "Leiden and Bollenstreek (COROP area)" }, level: "corop" },
  { code: "AM19", name: { nl: "Arbeidsmarktregio Holland Rijnland", en: "Holland Rijnland labour-market region" }, level: "labour-market" },
  { code: "PV28", name: { nl: "Zuid-Holland", en: "Zuid-Holland (province)" }, level: "province" },
  { code: "NL01", name: { nl: "Nederland", en: "The Netherlands" }, level: "country" },
];

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

export function regionName(code: string, language: "nl" | "en"): string {
  return BY_CODE.get(code)?.name[language] ?? code;
}

/** The order regions are shown in: the catalogue's order, unknown codes last. */
export function regionOrder(code: string): number {
  const i = REGIONS.findIndex((r) => r.code === code);
  return i === -1 ? REGIONS.length : i;
}

/** Whether a code has the shape of a CBS region code (or is Regie's aggregate code). */
export function isRegionCodeShape(code: string): boolean {
  return /^(NL\d\d|PV\d\d|GM\d{4}|CR\d\d|AM\d\d|LD\d\d|COROP\d\d)$/.test(code) || code === REGION_AGGREGATE_CODE;
}

/** CBS v3 pads keys with spaces (`"PV28  "`): always trim. */
export function normaliseRegionCode(raw: string): string {
  return raw.trim().toUpperCase();
}
