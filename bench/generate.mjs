#!/usr/bin/env node
/**
 * Writes a synthetic fleet inventory (nodes.csv, workloads.csv, pods.csv) for the
 * benchmark. Seeded: the same --pods and --seed give byte-identical files, so a
 * figure in BENCHMARKS.md can be reproduced on another machine.
 *
 * Proportions follow a large real fleet: 200 pods per node, 20 per workload
 * (1,000,000 pods → 5,000 nodes and 50,000 workloads), up to 10 clusters of 3 zones.
 *
 *   node bench/generate.mjs --pods 1000000 [--seed 1] [--out DIR (default bench/out)]
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './lib/prng.mjs';

const PODS_PER_NODE = 200;
const PODS_PER_WORKLOAD = 20;

/** Rows are gathered into ~1 MB writes: one write per row would dominate the run time. */
class CsvFile {
  constructor(path, header) {
    this.fd = openSync(path, 'w');
    this.buffer = header + '\n';
  }
  row(line) {
    this.buffer += line + '\n';
    if (this.buffer.length > 1 << 20) this.flush();
  }
  flush() {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const INSTANCES = [
  ['m5.2xlarge', '7910m', '28458Mi', 0.384],
  ['m5.4xlarge', '15890m', '58312Mi', 0.768],
  ['c5.4xlarge', '15890m', '27850Mi', 0.68],
  ['r5.2xlarge', '7910m', '60108Mi', 0.504],
];
const KINDS = ['Deployment', 'Deployment', 'Deployment', 'Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'StatefulSet', 'Job', 'Rollout'];
const NAMESPACES_PER_CLUSTER = 120;
const HEX = '0123456789abcdef';

/**
 * One pod's own requests of workload i, for the capacity case (`requests: true`): taken
 * from the index, not from the seeded draws, so the inventory is the same one with two
 * more columns. Sized so that 200 pods fill a node about as full as an autoscaled one.
 */
const CPU_REQUESTS = ['10m', '25m', '30m', '50m'];
const MEMORY_REQUESTS = ['64Mi', '96Mi', '128Mi', '160Mi'];
const requestCells = (i) => `,${CPU_REQUESTS[i % 4]},${MEMORY_REQUESTS[(7 * i) % 4]}`;

/**
 * Writes the three files into `dir` and returns their paths and row counts.
 * @param {{ pods: number, seed?: number, dir: string, requests?: boolean }} options
 */
export function generate({ pods, seed = 1, dir, requests = false }) {
  if (!Number.isInteger(pods) || pods < 1) throw new Error(`--pods: expected a whole number of pods, at least 1, found ${pods}`);
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  // digit by digit: one draw has 32 bits, fewer than ten hex digits need
  const hex = (n) => Array.from({ length: n }, () => HEX[Math.floor(random() * 16)]).join('');

  const nodeCount = Math.max(3, Math.round(pods / PODS_PER_NODE));
  const workloadCount = Math.max(1, Math.round(pods / PODS_PER_WORKLOAD));
  const clusterCount = Math.min(10, Math.ceil(nodeCount / 500));
  const clusters = Array.from({ length: clusterCount }, (_, c) => ({
    name: `fleet-${c}`,
    environment: ['production', 'staging', 'development'][c % 3],
    region: ['us-east-1', 'eu-west-1', 'ap-south-1'][c % 3],
    nodes: [],
  }));

  mkdirSync(dir, { recursive: true });
  const files = { nodes: join(dir, 'nodes.csv'), workloads: join(dir, 'workloads.csv'), pods: join(dir, 'pods.csv') };

  const nodes = new CsvFile(files.nodes, 'cluster,environment,node,zone,instance_type,capacity_type,vcpu,memory,hourly_price');
  for (let i = 0; i < nodeCount; i++) {
    const c = clusters[i % clusterCount];
    const name = `ip-10-${i % 256}-${Math.floor(i / 256) % 256}-${hex(2)}.${c.region}.compute.internal`;
    const zone = `${c.region}${'abc'[c.nodes.length % 3]}`;
    const [type, vcpu, memory, price] = pick(INSTANCES);
    const spot = random() < 0.3;
    c.nodes.push(name);
    // a third of the nodes leave the price to the price sheet, as real exports do
    const hourly = random() < 0.33 ? '' : (spot ? price * 0.35 : price).toFixed(4);
    nodes.row(`${c.name},${c.environment},${name},${zone},${type},${spot ? 'spot' : 'on-demand'},${vcpu},${memory},${hourly}`);
  }
  nodes.close();

  // replicas: random sizes scaled to add up to exactly `pods`
  const weights = Array.from({ length: workloadCount }, () => 0.2 + random() * 1.8);
  const scale = pods / weights.reduce((s, w) => s + w, 0);
  const replicas = weights.map((w) => Math.floor(w * scale));
  let missing = pods - replicas.reduce((s, r) => s + r, 0);
  for (let i = 0; missing > 0; i = (i + 1) % workloadCount, missing--) replicas[i]++;

  const workloads = new CsvFile(files.workloads, `cluster,environment,namespace,workload,kind,replicas,rps,bytes_per_request,waypoint,canary${requests ? ',cpu_request,memory_request' : ''}`);
  const podFile = new CsvFile(files.pods, 'cluster,namespace,pod,node,owner_kind,owner_name,host_network');
  for (let i = 0; i < workloadCount; i++) {
    const c = clusters[i % clusterCount];
    const namespace = `team-${Math.floor(random() * NAMESPACES_PER_CLUSTER)}`;
    const name = `svc-${i.toString(36)}-${pick(['api', 'worker', 'web', 'grpc', 'consumer', 'cache'])}`;
    const kind = pick(KINDS);
    const rps = random() < 0.3 ? 0 : Math.round(random() * 20 * replicas[i]);
    const bytes = random() < 0.5 ? '' : String(512 + Math.floor(random() * 8192));
    const waypoint = random() < 0.05;
    const canary = waypoint && random() < 0.2;
    workloads.row(`${c.name},${c.environment},${namespace},${name},${kind},${replicas[i]},${rps},${bytes},${waypoint},${canary}${requests ? requestCells(i) : ''}`);
    const template = hex(10);
    for (let r = 0; r < replicas[i]; r++) {
      const pod = kind === 'StatefulSet' ? `${name}-${r}` : `${name}-${template}-${hex(5)}`;
      podFile.row(`${c.name},${namespace},${pod},${pick(c.nodes)},${kind},${name},false`);
    }
  }
  workloads.close();
  podFile.close();
  return { files, nodes: nodeCount, workloads: workloadCount, pods };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { pods: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'bench/out' } },
  });
  const made = generate({ pods: Number(values.pods), seed: Number(values.seed), dir: resolve(values.out) });
  console.error(`wrote ${made.nodes} nodes, ${made.workloads} workloads, ${made.pods} pods to ${values.out}`);
}
