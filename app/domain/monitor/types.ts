import type { GoodDirection, IndicatorKind, IndicatorSource, RegionAggregate } from "./indicator-definition";
import type { MeasurementStatus } from "./values";

/** An indicator as the pages and the API read it. */
export interface Indicator {
  /** The slug, unique within the programme. */
  id: string;
  theme: number;
  name: string;
  definition: string;
  unit: string;
  decimals: number;
  kind: IndicatorKind;
  goodDirection: GoodDirection;
  regions: string[];
  regionAggregate: RegionAggregate | null;
  source: IndicatorSource;
  attribution: string;
  /** The programme's baseline period for this indicator (the definition's, else the programme's). */
  baselinePeriod: string;
  target: { value: number; year: number } | null;
  note: string | null;
  position: number;
  updatedAt: string;
}

/** One figure: an indicator's value for a region and a period. */
export interface Measurement {
  region: string;
  period: string;
  /** As published, in the indicator's unit; null when there is no figure. */
  value: number | null;
  /** CBS's ValueAttribute: "None" for a figure, else why there is none ("Impossible", "Missing", …). */
  valueAttribute: string;
  status: MeasurementStatus;
  /** When the figure was taken from its source (ISO date-time), when known. */
  retrievedAt: string | null;
  /** The import that wrote it; null for figures Regie computes (LR071 sums). */
  importId: number | null;
  /** True for the LR071 sum, which Regie computes from the five municipalities. */
  computed: boolean;
}

/** Where an indicator's figures came from: one line per import that supplied some. */
export interface MeasurementSource {
  importId: number;
  sourceName: string;
  tableId: string | null;
  attribution: string;
  retrievedAt: string | null;
  importedAt: string;
  count: number;
}

export interface IndicatorWithMeasurements extends Indicator {
  measurements: Measurement[];
}

/** A row ready to be written: one indicator, region and period. */
export interface MeasurementRow {
  indicator: string;
  region: string;
  period: string;
  value: number | null;
  valueAttribute: string;
  status: MeasurementStatus;
}
