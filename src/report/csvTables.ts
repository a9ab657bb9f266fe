/**
 * The flat tables `-f csv --table NAME` writes, a typed map like the renderers': each
 * entry turns a Report into a header and rows of cells (numbers as numbers, text as
 * text; csv.ts escapes and joins). A table the report has no data for is an error the
 * CLI reports, not an empty file. Adding a table is one entry here.
 */
import type { Report } from '../model/types.js';
import { capacityTable } from './sections/capacity.js';
import { sensitivityTable } from './sections/sensitivity.js';

/** a cell: text (escaped against spreadsheet formulas), or a number written as is */
export type Cell = string | number | { money: number } | null;

export interface FlatTable {
  header: string[];
  rows: Cell[][];
}

type TableOf = (report: Report) => FlatTable | undefined;

export const csvTables = {
  /**
   * The line items (DESIGN section 4): monthly_cost sums to the JSON totals; the crossZone
   * rows also carry both locality variants, in columns that are not to be summed.
   */
  'line-items': (report) => ({
    header: ['mode', 'component', 'environment', 'cluster', 'namespace', 'count', 'vcpu', 'memory_gib', 'monthly_cost', 'currency', 'cross_zone_none_monthly_cost', 'cross_zone_prefer_close_monthly_cost'],
    rows: report.lineItems.map((i) => [
      i.mode,
      i.component,
      i.environment,
      i.cluster,
      i.namespace,
      i.count,
      i.vcpu,
      i.memoryGiB,
      { money: i.monthlyCost },
      report.currency,
      i.variants ? { money: i.variants.none.extraMonthlyCost } : null,
      i.variants ? { money: i.variants.preferClose.extraMonthlyCost } : null,
    ]),
  }),
  /** one row per waypoint the model sized */
  waypoints: (report) =>
    report.waypoints && {
      header: ['cluster', 'namespace', 'rps', 'replicas', 'floor', 'zones'],
      rows: report.waypoints.map((w) => [w.cluster, w.namespace, w.rps, w.replicas, w.floor, w.zones]),
    },
  /** one row per node group: nodes today, needed in each mode, freed (present when pods' requests are known) */
  capacity: capacityTable,
  /** one row per input of the tornado (present with --sensitivity) */
  sensitivity: sensitivityTable,
} satisfies Record<string, TableOf>;

export type CsvTable = keyof typeof csvTables;

/** what gives a report each optional table, for the error when it has none */
export const CSV_TABLE_NEEDS: Record<Exclude<CsvTable, 'line-items'>, string> = {
  waypoints: 'a report written by a mesh-cost that records its waypoints',
  capacity: "pods' own requests (the cpu_request and memory_request columns, or --kube, --newrelic or --prometheus)",
  sensitivity: '--sensitivity',
};

export const CSV_TABLES = Object.keys(csvTables) as CsvTable[];
export const DEFAULT_CSV_TABLE: CsvTable = 'line-items';
