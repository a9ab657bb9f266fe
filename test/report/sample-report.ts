/**
 * A small hand-built Report shared by the renderer tests: two environments (PRD with
 * two namespaces, STG with one), both modes, a waypoint with cross-zone traffic and a
 * warning. Totals are the sums of the line items, as the model guarantees.
 */
import type { LineItem, Report } from '../../src/model/types.js';

type Item = [LineItem['mode'], LineItem['component'], string, string, number, number, number, number];

// [mode, component, environment, namespace, count, vcpu, memoryGiB, monthlyCost]; cluster = `<env>-eks`
const items: Item[] = [
  ['sidecar', 'sidecar', 'PRD', 'checkout', 2000, 400, 117.2, 3300],
  ['sidecar', 'sidecar', 'PRD', 'search', 1000, 200, 58.6, 1650],
  ['sidecar', 'controlPlane', 'PRD', 'istio-system', 1, 0.5, 2, 28],
  ['sidecar', 'sidecar', 'STG', 'checkout', 600, 120, 35.2, 994],
  ['sidecar', 'controlPlane', 'STG', 'istio-system', 1, 0.5, 2, 28],
  ['ambient', 'ztunnel', 'PRD', 'istio-system', 200, 40, 100, 350],
  ['ambient', 'cni', 'PRD', 'istio-system', 200, 20, 19.5, 100],
  ['ambient', 'waypoint', 'PRD', 'checkout', 20, 10, 5, 50],
  ['ambient', 'controlPlane', 'PRD', 'istio-system', 1, 0.5, 2, 28],
  ['ambient', 'crossZone', 'PRD', 'checkout', 3, 0, 0, 10],
  ['ambient', 'ztunnel', 'STG', 'istio-system', 90, 18, 45, 60],
  ['ambient', 'cni', 'STG', 'istio-system', 90, 9, 8.8, 30],
  ['ambient', 'waypoint', 'STG', 'checkout', 8, 4, 2, 16.07],
  ['ambient', 'controlPlane', 'STG', 'istio-system', 1, 0.5, 2, 28],
];

export function sampleReport(): Report {
  return {
    schemaVersion: 'mesh-cost/v1',
    generatedAt: '2025-01-01T00:00:00.000Z',
    tool: { name: 'mesh-cost', version: '0.1.0' },
    currency: 'USD',
    hoursPerMonth: 730,
    basis: 'max',
    inputs: {
      sources: ['nodes.csv', 'workloads.csv'],
      profile: 'istio-1.24',
      prices: 'opencost-default',
      clusters: 2,
      nodes: 290,
      workloads: 120,
      pods: 3650,
      meshedPods: 3600,
    },
    sidecar: { proxies: 3600, vcpu: 721, memoryGiB: 215, monthlyCost: 6000 },
    ambient: {
      ztunnels: 290,
      waypoints: 2,
      waypointReplicas: 28,
      vcpu: 102,
      memoryGiB: 184.3,
      monthlyCost: 672.07,
      crossZoneMonthlyCost: 10,
    },
    crossZone: {
      locality: 'preferClose',
      extraGiB: 500,
      extraMonthlyCost: 10,
      variants: {
        none: { extraGiB: 3500, extraMonthlyCost: 70 },
        preferClose: { extraGiB: 500, extraMonthlyCost: 10 },
      },
    },
    savings: { monthlyCost: 5327.93, percent: 88.79883333333333 },
    lineItems: items.map(([mode, component, environment, namespace, count, vcpu, memoryGiB, monthlyCost]) => ({
      mode,
      component,
      environment,
      cluster: `${environment.toLowerCase()}-eks`,
      namespace,
      count,
      vcpu,
      memoryGiB,
      monthlyCost,
      // the one crossZone item: its none variant is the report's (3,500 GiB, $70)
      ...(component === 'crossZone' ? { variants: { none: { extraGiB: 3500, extraMonthlyCost: 70 }, preferClose: { extraGiB: 500, extraMonthlyCost: 10 } } } : {}),
    })),
    waypoints: [
      { cluster: 'prd-eks', namespace: 'checkout', rps: 5000, replicas: 20, floor: 2, zones: 3 },
      { cluster: 'stg-eks', namespace: 'checkout', rps: 1200, replicas: 8, floor: 2, zones: 3 },
    ],
    warnings: [
      { code: 'job-meshed', message: '{count} Job workloads are meshed', count: 3, example: 'prd-eks/batch/nightly' },
    ],
  };
}
