/**
 * The same cluster as CSV, as kubectl JSON and as Prometheus series yields the same
 * report. The series are test/fixtures/kube-equivalence/cluster.json as
 * kube-state-metrics and Istio would export them, written out by hand below; its
 * workloads.csv gives the traffic Istio measures here, and still the waypoint and
 * canary flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/run.js';
import type { PromCluster } from './openmetrics.mjs';
import { SINCE, TIME, serve, type Served } from './fixture.js';
import { SKIP_MESSAGE, prometheusAvailable } from './server.mjs';

const available = prometheusAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const EQ = 'test/fixtures/kube-equivalence';
const KI = 1024;
const MIB = 2 ** 20;
const requests = { cpu: 0.1, memoryBytes: 128 * MIB };

/** cluster.json's nodes and running pods; workloads.csv's rps and bytes per request (request + response) */
const EQ_CLUSTER: PromCluster = {
  name: 'eq',
  nodes: [
    { name: 'eq-a-1', cpu: 3.92, memoryBytes: 15147288 * KI, labels: { 'topology.kubernetes.io/zone': 'eu-west-1a', 'node.kubernetes.io/instance-type': 'm5.xlarge', 'eks.amazonaws.com/capacityType': 'ON_DEMAND' } },
    { name: 'eq-b-1', cpu: 3.92, memoryBytes: 15147288 * KI, labels: { 'topology.kubernetes.io/zone': 'eu-west-1b', 'node.kubernetes.io/instance-type': 'm5.xlarge', 'eks.amazonaws.com/capacityType': 'ON_DEMAND' } },
    { name: 'eq-c-1', cpu: 7.91, memoryBytes: 14959832 * KI, labels: { 'failure-domain.beta.kubernetes.io/zone': 'eu-west-1c', 'beta.kubernetes.io/instance-type': 'c6i.2xlarge', 'karpenter.sh/capacity-type': 'spot' } },
    { name: 'eq-a-2', cpu: 3.5, memoryBytes: 13 * 2 ** 30, labels: { 'topology.kubernetes.io/zone': 'eu-west-1a', 'node.kubernetes.io/instance-type': 'n2-standard-4', 'cloud.google.com/gke-spot': 'true' } },
  ],
  namespaces: [
    { name: 'kube-system', workloads: [{ name: 'kube-proxy', kind: 'DaemonSet', replicas: 4, hostNetwork: true, requests }] },
    {
      name: 'shop',
      workloads: [
        // 3Ki bytes per request
        { name: 'web', replicas: 4, nodes: ['eq-a-1', 'eq-b-1', 'eq-c-1', 'eq-a-2'], requests, rps: 800, requestBytes: 1024, responseBytes: 2048 },
        // no bytes_per_request in workloads.csv: Istio measured none either
        { name: 'cart', replicas: 2, nodes: ['eq-b-1', 'eq-c-1'], requests, rps: 150, requestBytes: 0, responseBytes: 0 },
        { name: 'redis', kind: 'StatefulSet', replicas: 2, nodes: ['eq-c-1', 'eq-a-2'], requests, rps: 400, requestBytes: 256, responseBytes: 256 },
      ],
    },
    { name: 'payments', workloads: [{ name: 'ledger', replicas: 2, nodes: ['eq-b-1', 'eq-c-1'], requests, rps: 120, requestBytes: 1024, responseBytes: 1024 }] },
    { name: 'batch', workloads: [{ name: 'report', kind: 'CronJob', replicas: 1, nodes: ['eq-b-1'], requests }] },
    { name: 'monitoring', workloads: [{ name: 'agent-host', replicas: 1, nodes: ['eq-a-2'], hostNetwork: true, requests }] },
    { name: 'default', workloads: [{ name: 'debug', kind: 'Pod', replicas: 1, nodes: ['eq-a-1'], requests }] },
  ],
};

let served: Served;
beforeAll(async () => {
  if (!available) return;
  // a single-cluster Prometheus: no cluster label, --cluster names it
  served = await serve({ clusters: [EQ_CLUSTER], clusterLabel: null });
});
afterAll(() => served?.close());

/** the report without what names the run (sources, time) or how its figures were found (warnings) */
function comparable(stdout: string) {
  const { generatedAt, inputs, warnings, ...rest } = JSON.parse(stdout);
  expect(Date.parse(generatedAt)).not.toBeNaN();
  expect(Array.isArray(warnings)).toBe(true);
  const { sources, ...counts } = inputs;
  return { ...rest, inputs: counts };
}

describe.skipIf(!available)('the same cluster as CSV, kubectl JSON and Prometheus series', () => {
  it('gives the same report', async () => {
    // one named profile for all three: without -p, Prometheus would price at the usage it observed
    const profile = ['-p', 'istio-1.30'];
    const asCsv = ['--nodes', `${EQ}/nodes.csv`, '--workloads', `${EQ}/workloads.csv`, '--pods', `${EQ}/pods.csv`, ...profile];
    const asKube = ['--kube', `${EQ}/cluster.json`, '--workloads', `${EQ}/workloads.csv`, '--cluster', 'eq', '--environment', 'production', ...profile];
    const asProm = ['--prometheus', served.server.url, '--prom-time', TIME, '--since', SINCE, '--cluster', 'eq', '--environment', 'production', '--workloads', `${EQ}/workloads.csv`, ...profile];
    const [csv, kube, prom] = await Promise.all([runCli(['estimate', ...asCsv, '-f', 'json']), runCli(['estimate', ...asKube, '-f', 'json']), runCli(['estimate', ...asProm, '-f', 'json'])]);
    for (const r of [csv, kube, prom]) expect(r.code).toBe(0);
    const report = comparable(prom.stdout);
    expect(report).toEqual(comparable(csv.stdout));
    expect(report).toEqual(comparable(kube.stdout));
    expect(report.inputs).toMatchObject({ nodes: 4, workloads: 8, pods: 17, meshedPods: 12, profile: 'istio-1.30' });
    // the cluster runs no mesh infrastructure: kubectl and Prometheus, which could see it, list none, as CSV (which cannot)
    expect(report.inputs).not.toHaveProperty('infrastructure');
    expect(report.ambient.waypoints).toBe(2);
    // the four workloads Istio saw no traffic for take workloads.csv's rps (0), and Prometheus says so
    expect(prom.stderr).toMatch(/warning: 4 workloads have no istio_requests_total in Prometheus: their rps comes from --workloads/);

    const [csvTable, promTable] = await Promise.all([runCli(['estimate', ...asCsv]), runCli(['estimate', ...asProm])]);
    // warnings go to stderr alone on a terminal run; the tables differ only in the inputs lines above the scope,
    // which name the sources
    expect(promTable.stderr).toMatch(/warning: 4 workloads have no istio_requests_total in Prometheus/);
    const fromScope = (text: string) => text.slice(text.indexOf('\nScope: '));
    expect(fromScope(promTable.stdout)).toContain('Monthly cost');
    expect(fromScope(promTable.stdout)).toEqual(fromScope(csvTable.stdout));
  });
});
