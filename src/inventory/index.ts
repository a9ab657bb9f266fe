/**
 * The reader registry (taze's registries): one entry per source, loaded only when
 * used, so a CSV run never loads the New Relic client.
 */
import type { InventoryReader } from './reader.js';
import type { CsvInputs } from './csv/index.js';

export const readers = {
  csv: () => import('./csv/index.js').then((m): InventoryReader<CsvInputs> => m.csvReader),
  newrelic: () => import('./newrelic/index.js').then((m) => m.newRelicReader),
};

export type Source = keyof typeof readers;
