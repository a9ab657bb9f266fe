/**
 * Prometheus: `estimate --prometheus` against a real Prometheus server (Debian's
 * package) over a TSDB of generated kube-state-metrics, cAdvisor and Istio series, at
 * two sizes: size/500 and size/50 pods (2,000 and 20,000 by default; --size sets them).
 * Every series has a handful of samples (half an hour in steps of 15 minutes): the series
 * count is what loads the server and the reader, and long windows would not fit a
 * small machine's disk. Targets (issue 17): the same number of queries at both sizes,
 * at most 40; peak RSS of mesh-cost under 300 MB. One run per size: the targets are a
 * count and memory, which do not drift from run to run as time does.
 */
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeOpenMetrics } from '../../test/prometheus/openmetrics.mjs';
import { prometheusAvailable, startPrometheus } from '../../test/prometheus/server.mjs';
import { count, mb, megabytes, seconds, table, target } from '../lib/format.mjs';
import { runNode } from '../lib/measure.mjs';

const MAX_RSS_KIB = 300e6 / 1024;
const MAX_QUERIES = 40;
const MIB = 2 ** 20;
const PODS_PER_NODE = 20;
const REPLICAS = 5;
const WORKLOADS_PER_NAMESPACE = 20;

export const title = 'Prometheus: estimate --prometheus against a real server';

/** One cluster of `pods` pods: Deployments of 5 sidecar pods, 20 to a namespace, a ztunnel per node. */
function cluster(pods) {
  const nodes = Math.max(1, Math.round(pods / PODS_PER_NODE));
  const workloads = Math.max(1, Math.round(pods / REPLICAS));
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  const namespaces = [];
  for (let w = 0; w < workloads; w++) {
    const ns = Math.floor(w / WORKLOADS_PER_NAMESPACE);
    namespaces[ns] ??= { name: `team-${ns}`, labels: { 'istio-injection': 'enabled' }, workloads: [] };
    namespaces[ns].workloads.push({
      name: `svc-${w}`,
      replicas: REPLICAS,
      sidecar: true,
      requests: { cpu: 0.25, memoryBytes: 256 * MIB },
      rps: 10 + (w % 50) * 20,
      requestBytes: 512,
      responseBytes: 2048,
      proxy: { cpu: 0.02 + (w % 10) * 0.01, memoryBytes: (50 + (w % 20)) * MIB },
    });
  }
  namespaces.push({ name: 'istio-system', workloads: [{ name: 'ztunnel', kind: 'DaemonSet', replicas: nodes, proxyOnly: true, labels: { app: 'ztunnel' }, proxy: { cpu: 0.06, memoryBytes: 12 * MIB } }] });
  return {
    name: 'bench',
    nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i}`, zone: zones[i % 3], instanceType: 'm5.2xlarge', spot: i % 4 === 3, cpu: 7.91, memoryBytes: 30 * 2 ** 30 })),
    namespaces,
  };
}

export async function run({ size, seed, dir, bin, print }) {
  if (!prometheusAvailable()) {
    print('  skipped: needs the prometheus and promtool binaries (apt-get install -y prometheus)');
    return;
  }
  const end = Math.floor(Date.now() / 1000 / 900) * 900 - 3600;
  const rows = [];
  const queries = [];
  const rss = [];
  for (const pods of [Math.max(1, Math.round(size / 500)), Math.max(1, Math.round(size / 50))]) {
    const file = join(dir, `prometheus-${pods}.om`);
    const made = performance.now();
    // the fewest samples a [30m] window's rate needs, and only the series the reader asks for
    const written = writeOpenMetrics({ clusters: [cluster(pods)], end, seed, steps: 2, stateSamples: 1, reporters: ['destination'], buckets: false }, file);
    const text = statSync(file).size;
    const started = performance.now();
    const server = await startPrometheus({ openMetricsFile: file });
    const ready = performance.now();
    await rm(file, { force: true });
    try {
      const r = runNode([bin, '--debug', 'estimate', '--prometheus', server.url, '--prom-time', new Date(end * 1000).toISOString(), '--since', '30m', '-f', 'json'], { usage: true, stdout: true });
      const sent = r.stderr.split('\n').filter((l) => l.startsWith('mesh-cost: debug: prometheus query ')).length;
      const report = JSON.parse(r.stdout);
      queries.push(sent);
      rss.push(r.maxRssKiB);
      print(`${count(pods)} pods: ${count(written.series)} series, ${count(written.samples)} samples, ${megabytes(text)} of OpenMetrics (written in ${seconds(started - made)}, TSDB built and served in ${seconds(ready - started)}); ${count(report.inputs.pods)} pods read`);
      rows.push([`${count(pods)} pods`, `${sent} queries`, `wall ${seconds(r.wallMs)}`, `cpu ${seconds(r.cpuMs)}`, `peak RSS ${mb(r.maxRssKiB)}`]);
    } finally {
      await server.close();
    }
  }
  print(table(rows));
  print(`  queries ${queries.join(' and ')}: ${target(queries.every((q) => q === queries[0] && q <= MAX_QUERIES), `the same at both sizes, ≤ ${MAX_QUERIES}`)}`);
  print(`  peak RSS ${mb(Math.max(...rss))}: ${target(Math.max(...rss) < MAX_RSS_KIB, '< 300 MB')}`);
}
