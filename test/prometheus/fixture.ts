/**
 * The clusters the Prometheus tests serve, and a server over them shared by a test file.
 * Every figure a test expects is worked out by hand from this spec.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOpenMetrics, type MetricsSpec, type PromCluster } from './openmetrics.mjs';
import { startPrometheus, type PrometheusServer } from './server.mjs';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/** the windowed series end here (a whole quarter hour, an hour before now): queries are evaluated at it */
export const END = Math.floor(Date.now() / 1000 / 900) * 900 - 3600;
/** 4 steps of 15 minutes: `--since 1h` covers every sample */
export const SINCE = '1h';
export const TIME = new Date(END * 1000).toISOString();

export const PRD: PromCluster = {
  name: 'prd',
  nodes: [
    { name: 'prd-a', zone: 'eu-west-1a', instanceType: 'm5.xlarge', cpu: 3.92, memoryBytes: 15 * GIB },
    { name: 'prd-b', zone: 'eu-west-1b', instanceType: 'm5.xlarge', cpu: 3.92, memoryBytes: 15 * GIB, spot: true },
    { name: 'prd-c', zone: 'eu-west-1c', instanceType: 'c6i.2xlarge', cpu: 7.91, memoryBytes: 14 * GIB },
  ],
  namespaces: [
    {
      name: 'shop',
      labels: { 'istio-injection': 'enabled' },
      workloads: [
        // 800 rps, 1 KiB in and 2 KiB out per request: 3072 bytes per request
        { name: 'web', replicas: 4, pending: 1, sidecar: true, nodes: ['prd-a', 'prd-b', 'prd-c', 'prd-a'], requests: { cpu: 0.25, memoryBytes: 256 * MIB }, rps: 800, requestBytes: 1024, responseBytes: 2048, proxy: { cpu: 0.2, memoryBytes: 60 * MIB } },
        { name: 'cart', replicas: 2, sidecar: true, nodes: ['prd-b', 'prd-c'], requests: { cpu: 0.5, memoryBytes: 512 * MIB }, init: { cpu: 1, memoryBytes: 128 * MIB }, rps: 150, requestBytes: 512, responseBytes: 512, proxy: { cpu: 0.3, memoryBytes: 80 * MIB } },
        { name: 'redis', kind: 'StatefulSet', replicas: 2, nodes: ['prd-c', 'prd-a'], labels: { 'sidecar.istio.io/inject': 'false' }, requests: { cpu: 1, memoryBytes: 2 * GIB } },
        {
          name: 'waypoint',
          replicas: 1,
          proxyOnly: true,
          nodes: ['prd-b'],
          labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint', 'gateway.istio.io/managed': 'istio.io-mesh-controller' },
          proxy: { cpu: 0.25, memoryBytes: 60 * MIB },
        },
      ],
    },
    { name: 'payments', labels: { 'istio.io/dataplane-mode': 'ambient' }, workloads: [{ name: 'ledger', replicas: 2, nodes: ['prd-a', 'prd-b'], rps: 120, requestBytes: 1024, responseBytes: 1024 }] },
    { name: 'batch', workloads: [{ name: 'report', kind: 'CronJob', replicas: 1, nodes: ['prd-b'] }] },
    { name: 'kube-system', workloads: [{ name: 'kube-proxy', kind: 'DaemonSet', replicas: 3, hostNetwork: true, requests: { cpu: 0.1, memoryBytes: 128 * MIB } }] },
    {
      name: 'istio-system',
      workloads: [
        { name: 'ztunnel', kind: 'DaemonSet', replicas: 3, proxyOnly: true, labels: { app: 'ztunnel' }, proxy: { cpu: 0.06, memoryBytes: 12 * MIB } },
        { name: 'istiod', replicas: 1, nodes: ['prd-c'], labels: { app: 'istiod' }, requests: { cpu: 0.5, memoryBytes: 2 * GIB } },
        { name: 'istio-ingressgateway', replicas: 1, nodes: ['prd-a'], proxyOnly: true, labels: { istio: 'ingressgateway' } },
      ],
    },
  ],
};

export const STG: PromCluster = {
  name: 'stg',
  nodes: [{ name: 'stg-a', zone: 'eu-west-1a', instanceType: 'm5.large', cpu: 1.93, memoryBytes: 7 * GIB }],
  namespaces: [{ name: 'shop', labels: { 'istio-injection': 'enabled' }, workloads: [{ name: 'web', replicas: 1, sidecar: true, nodes: ['stg-a'], rps: 10, requestBytes: 100, responseBytes: 100, proxy: { cpu: 0.1, memoryBytes: 50 * MIB } }] }],
};

export interface Served {
  server: PrometheusServer;
  close(): Promise<void>;
}

/** Writes the series of `spec` and serves them until close(). */
export async function serve(spec: Omit<MetricsSpec, 'end'>, maxSamples?: number): Promise<Served> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-om-'));
  const file = join(dir, 'metrics.om');
  writeOpenMetrics({ ...spec, end: END }, file);
  const server = await startPrometheus({ openMetricsFile: file, ...(maxSamples ? { maxSamples } : {}) }).finally(() => rm(file, { force: true }));
  return {
    server,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
