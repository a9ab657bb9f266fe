/**
 * The reader registry (taze's registries): one entry per source, loaded only when
 * used, so a CSV run never loads the New Relic client.
 */
import type { InventoryReader } from './reader.js';
import type { CsvInputs } from './csv/index.js';
import type { KubeInputs } from './kube/index.js';

export const readers = {
  csv: () => import('./csv/index.js').then((m): InventoryReader<CsvInputs> => m.csvReader),
  kube: () => import('./kube/index.js').then((m): InventoryReader<KubeInputs> => m.kubeReader),
  newrelic: () => import('./newrelic/index.js').then((m) => m.newRelicReader),
  prometheus: () => import('./prometheus/index.js').then((m) => m.prometheusReader),
};

export type Source = keyof typeof readers;
