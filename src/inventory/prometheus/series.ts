/** What every mapping of series needs: which cluster a series belongs to, and keys. */
import type { Sample } from './client.js';

export interface Naming {
  cluster(s: Sample): string;
  environment(cluster: string): string;
}

/**
 * A multi-cluster Prometheus names the cluster in a label; a single-cluster one has none,
 * and `--cluster` names it.
 */
export function naming(options: { clusterLabel: string; cluster?: string; environment?: string }): Naming {
  const { clusterLabel, cluster, environment } = options;
  return {
    cluster: cluster !== undefined ? () => cluster : (s) => s.metric[clusterLabel] ?? '',
    environment: (c) => environment ?? c,
  };
}

export const key = (...parts: string[]): string => parts.join('\u0000');

export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
