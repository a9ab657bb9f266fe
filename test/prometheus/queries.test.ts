/** The PromQL builders and the --since parser (no server needed). */
import { describe, expect, it } from 'vitest';
import { parsePromSince } from '../../src/cli/prometheus.js';
import { InputError } from '../../src/errors.js';
import { promDuration, promLabel, promql, scopeMatchers } from '../../src/inventory/prometheus/queries.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const HOUR = 3_600_000;

describe('Prometheus queries', () => {
  it("names Kubernetes labels as kube-state-metrics does", () => {
    expect(promLabel('topology.kubernetes.io/zone')).toBe('label_topology_kubernetes_io_zone');
    expect(promLabel('eks.amazonaws.com/capacityType')).toBe('label_eks_amazonaws_com_capacityType');
  });

  it('writes a window in the largest whole unit', () => {
    expect([7 * 24 * HOUR, 36 * HOUR, 90 * 60_000, 61_500].map(promDuration)).toEqual(['7d', '36h', '90m', '62s']);
  });

  it('narrows a query to clusters (as a regex of literal names), a cluster and a namespace', () => {
    expect(scopeMatchers({ clusterLabel: 'cluster', clusters: ['eu.prd', 'us(1)'] })).toEqual(['cluster=~"eu\\\\.prd|us\\\\(1\\\\)"']);
    expect(scopeMatchers({ clusterLabel: 'k8s_cluster', cluster: 'prd', namespace: 'shop' }, 'destination_workload_namespace')).toEqual(['k8s_cluster="prd"', 'destination_workload_namespace="shop"']);
    // a single-cluster Prometheus has no cluster label to narrow by, nor to group by
    expect(scopeMatchers({ cluster: 'prd' })).toEqual([]);
    expect(promql('nodes', {}, '7d')).toBe('max by (node) (kube_node_info)');
    expect(promql('workloadRps', { clusterLabel: 'cluster', cluster: 'prd', namespace: 'shop' }, '1h')).toBe(
      'sum by (cluster, destination_workload_namespace, destination_workload) (rate(istio_requests_total{cluster="prd",destination_workload_namespace="shop",reporter=~"destination|waypoint"}[1h]))',
    );
  });

  it('reads --since as a PromQL duration, New Relic\'s "N days ago" or an ISO date', () => {
    expect(parsePromSince('7d', NOW)).toBe(NOW - 7 * 24 * HOUR);
    expect(parsePromSince('36h', NOW)).toBe(NOW - 36 * HOUR);
    expect(parsePromSince('2 days ago', NOW)).toBe(NOW - 48 * HOUR);
    expect(parsePromSince('2026-11-30', NOW)).toBe(Date.UTC(2026, 10, 30));
    expect(() => parsePromSince('30s', NOW)).toThrow(new InputError('--since: expected a window of at least 1m, found "30s"'));
    expect(() => parsePromSince('soon', NOW)).toThrow(/--since: expected a duration such as 7d, 36h or 90m/);
  });
});
