/**
 * Per-cluster facts the model needs again and again: each node's rates, the
 * cluster's average rates, its zones. Built once per estimate.
 */
import { groupBy } from '../groupBy.js';
import type { InventoryNode } from '../inventory/types.js';
import type { PriceSheet } from '../profiles/schema.js';
import { averageRates, nodeRates, type Rates } from './rates.js';

export interface ClusterFacts {
  name: string;
  /** the environment of the cluster's first node (nodes.csv defaults it to the cluster) */
  environment: string;
  nodes: InventoryNode[];
  nodeRates: Map<string, Rates>;
  average: Rates;
  /** node count per zone */
  nodesPerZone: Map<string, number>;
  zoneOfNode: Map<string, string>;
}

export function clusterFacts(nodes: readonly InventoryNode[], sheet: PriceSheet['spec']): Map<string, ClusterFacts> {
  const byCluster = groupBy(nodes, (n) => n.cluster);
  const out = new Map<string, ClusterFacts>();
  for (const [name, list] of byCluster) {
    const rates = list.map((n) => nodeRates(n, sheet));
    const nodesPerZone = new Map<string, number>();
    const zoneOfNode = new Map<string, string>();
    list.forEach((n) => {
      nodesPerZone.set(n.zone, (nodesPerZone.get(n.zone) ?? 0) + 1);
      zoneOfNode.set(n.name, n.zone);
    });
    out.set(name, {
      name,
      environment: list[0]!.environment,
      nodes: list,
      nodeRates: new Map(list.map((n, i) => [n.name, rates[i]!])),
      average: averageRates(list, rates, sheet),
      nodesPerZone,
      zoneOfNode,
    });
  }
  return out;
}

/** A cluster the inventory has workloads in but no nodes: priced at the sheet's list rates. */
export function emptyCluster(name: string, environment: string, sheet: PriceSheet['spec']): ClusterFacts {
  return {
    name,
    environment,
    nodes: [],
    nodeRates: new Map(),
    average: averageRates([], [], sheet),
    nodesPerZone: new Map(),
    zoneOfNode: new Map(),
  };
}
