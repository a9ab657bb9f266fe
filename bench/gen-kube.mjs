#!/usr/bin/env node
/**
 * Writes a seeded, realistic `kubectl get nodes,pods -A -o json` List: nodes across
 * three zones (some spot), Deployments (most with istio-proxy sidecars), StatefulSets,
 * DaemonSets on every node (one on the host network), CronJob pods (some Succeeded).
 * Pods are shaped and indented like kubectl's own output (trimmed to ~5-6 KB each), so
 * the default 100,000 pods make a file of several hundred MB, written as it is generated.
 *
 *   node bench/gen-kube.mjs [--pods 100000] [--nodes 1000] [--seed 1] [--out FILE]
 *
 * The same arguments always give the same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prng } from './lib/prng.mjs';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    nodes: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const POD_TARGET = Number(args.pods);
const NODE_COUNT = Number(args.nodes);

const random = prng(Number(args.seed));
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
// the alphabet Kubernetes uses for generated name suffixes and pod-template-hash
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (n) => Array.from({ length: n }, () => SAFE[Math.floor(random() * SAFE.length)]).join('');
const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
const used = new Set();
/** a generated pod name, as unique as the API server makes them */
function podNamed(prefix) {
  let name;
  do name = `${prefix}-${suffix(5)}`;
  while (used.has(name));
  used.add(name);
  return name;
}
const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

const fd = args.out ? openSync(args.out, 'w') : 1;
let pending = '';
function write(text) {
  pending += text;
  if (pending.length > 1 << 20) flush();
}
function flush() {
  writeSync(fd, pending);
  pending = '';
}

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const TYPES = [
  { type: 'm5.2xlarge', cpu: '7910m', memory: '31482420Ki' },
  { type: 'm5.4xlarge', cpu: '15890m', memory: '63941428Ki' },
  { type: 'c5.4xlarge', cpu: '15890m', memory: '30349244Ki' },
];
const STAMP = '2025-01-15T08:00:00Z';

function node(i) {
  const zone = ZONES[i % ZONES.length];
  const t = pick(TYPES);
  const name = `ip-10-${(i >> 8) & 255}-${i & 255}-${int(1, 254)}.eu-west-1.compute.internal`;
  const spot = random() < 0.3;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      creationTimestamp: STAMP,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': t.type,
        'beta.kubernetes.io/os': 'linux',
        'eks.amazonaws.com/capacityType': spot ? 'SPOT' : 'ON_DEMAND',
        'eks.amazonaws.com/nodegroup': spot ? 'spot-general' : 'general',
        'failure-domain.beta.kubernetes.io/region': 'eu-west-1',
        'failure-domain.beta.kubernetes.io/zone': zone,
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': t.type,
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': zone,
      },
      name,
      resourceVersion: String(int(1e6, 9e6)),
      uid: uid(),
    },
    spec: { providerID: `aws:///${zone}/i-0${hex(16)}` },
    status: {
      addresses: [
        { address: `10.${(i >> 8) & 255}.${i & 255}.${int(1, 254)}`, type: 'InternalIP' },
        { address: name, type: 'Hostname' },
      ],
      allocatable: { cpu: t.cpu, 'ephemeral-storage': '95551679124', memory: t.memory, pods: '110' },
      capacity: { cpu: String(Math.ceil(parseInt(t.cpu) / 1000)), 'ephemeral-storage': '104845292Ki', memory: t.memory, pods: '110' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
        lastHeartbeatTime: STAMP,
        lastTransitionTime: STAMP,
        message: `kubelet reports ${type}`,
        reason: `Kubelet${type}`,
        status: type === 'Ready' ? 'True' : 'False',
        type,
      })),
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.22',
        kernelVersion: '5.10.226-214.880.amzn2.x86_64',
        kubeletVersion: 'v1.30.4-eks-a737599',
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2',
      },
    },
  };
}

const nodes = Array.from({ length: NODE_COUNT }, (_, i) => node(i));
const nodeNames = nodes.map((n) => n.metadata.name);

function istioProxy(cpu, memory) {
  return {
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
    env: ['PILOT_CERT_PROVIDER', 'CA_ADDR', 'ISTIO_META_CLUSTER_ID', 'ISTIO_META_WORKLOAD_NAME'].map((name) => ({ name, value: suffix(8) })),
    image: 'docker.io/istio/proxyv2:1.24.2',
    imagePullPolicy: 'IfNotPresent',
    name: 'istio-proxy',
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu, memory } },
    securityContext: { runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
    volumeMounts: ['istio-envoy', 'istio-token'].map((n) => ({ mountPath: `/var/run/${n}`, name: n })),
  };
}

function appContainer(name, cpu, memory) {
  return {
    env: Array.from({ length: int(1, 4) }, (_, i) => ({ name: `APP_SETTING_${i}`, value: suffix(int(4, 16)) })),
    image: `registry.example.com/${name}:v${int(1, 9)}.${int(0, 40)}.${int(0, 9)}`,
    imagePullPolicy: 'IfNotPresent',
    name,
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    resources: { limits: { memory }, requests: { cpu, memory } },
    volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${suffix(5)}`, readOnly: true }],
  };
}

/** One pod of a workload; `owner` is the pod's direct controller as the API server writes it. */
function pod({ namespace, app, owner, podName, nodeName, sidecar, hostNetwork, phase, labels }) {
  const containers = [appContainer(app, pick(['100m', '250m', '500m', '1']), pick(['256Mi', '512Mi', '1Gi']))];
  const annotations = { 'kubectl.kubernetes.io/default-container': app, 'prometheus.io/scrape': 'true' };
  const podLabels = { app, ...labels };
  if (sidecar) {
    containers.push(istioProxy(sidecar.cpu, sidecar.memory));
    annotations['sidecar.istio.io/status'] = JSON.stringify({ initContainers: ['istio-init'], containers: ['istio-proxy'], volumes: ['workload-socket', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'], revision: 'default' });
    podLabels['security.istio.io/tlsMode'] = 'istio';
    podLabels['service.istio.io/canonical-name'] = app;
  }
  const ready = phase === 'Running' ? 'True' : 'False';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      annotations,
      creationTimestamp: STAMP,
      ...(owner ? { generateName: `${owner.name}-` } : {}),
      labels: podLabels,
      name: podName,
      namespace,
      ...(owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, blockOwnerDeletion: true, controller: true, kind: owner.kind, name: owner.name, uid: uid() }] } : {}),
      resourceVersion: String(int(1e6, 9e6)),
      uid: uid(),
    },
    spec: {
      containers,
      dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      enableServiceLinks: true,
      ...(hostNetwork ? { hostNetwork: true } : {}),
      ...(sidecar ? { initContainers: [{ image: 'docker.io/istio/proxyv2:1.24.2', name: 'istio-init', resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } } }] } : {}),
      nodeName,
      restartPolicy: phase === 'Running' ? 'Always' : 'OnFailure',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: app,
      serviceAccountName: app,
      terminationGracePeriodSeconds: 30,
      tolerations: [{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }],
      volumes: [{ name: `kube-api-access-${suffix(5)}`, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    },
    status: {
      conditions: ['Ready', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: STAMP, status: type === 'PodScheduled' ? 'True' : ready, type })),
      containerStatuses: containers.map((c) => ({
        containerID: `containerd://${hex(32)}`,
        image: c.image,
        name: c.name,
        ready: phase === 'Running',
        restartCount: int(0, 2),
        state: phase === 'Running' ? { running: { startedAt: STAMP } } : { terminated: { exitCode: 0, reason: 'Completed', finishedAt: STAMP, startedAt: STAMP } },
      })),
      hostIP: '10.0.0.1',
      phase,
      podIP: `100.64.${int(0, 255)}.${int(0, 255)}`,
      qosClass: 'Burstable',
      startTime: STAMP,
    },
  };
}

const INDENT = ' '.repeat(8);
let first = true;
function item(obj) {
  write(first ? '\n' : ',\n');
  first = false;
  write(INDENT + JSON.stringify(obj, null, 4).replaceAll('\n', `\n${INDENT}`));
}

write('{\n    "apiVersion": "v1",\n    "items": [');
for (const n of nodes) item(n);

let pods = 0;
// DaemonSets first: one pod per node each; node-exporter runs on the host network.
const daemonSets = [
  { namespace: 'kube-system', app: 'aws-node', hostNetwork: true },
  { namespace: 'kube-system', app: 'kube-proxy', hostNetwork: true },
  { namespace: 'monitoring', app: 'node-exporter', hostNetwork: true },
  { namespace: 'logging', app: 'fluent-bit', hostNetwork: false },
];
for (const ds of daemonSets) {
  for (const nodeName of nodeNames) {
    if (pods >= POD_TARGET) break;
    item(pod({ ...ds, owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.app }, podName: podNamed(ds.app), nodeName, phase: 'Running', labels: { 'controller-revision-hash': suffix(9) } }));
    pods++;
  }
}

// Application workloads until the target: mostly Deployments, some StatefulSets and CronJobs.
const namespaces = Array.from({ length: 120 }, (_, i) => `team-${i}`);
let w = 0;
while (pods < POD_TARGET) {
  const namespace = pick(namespaces);
  const app = `svc-${w++}-${suffix(4)}`;
  const roll = random();
  const sidecar = random() < 0.8 ? { cpu: pick(['100m', '100m', '200m', '50m']), memory: pick(['128Mi', '128Mi', '256Mi']) } : undefined;
  const replicas = Math.min(POD_TARGET - pods, int(1, 40));
  for (let r = 0; r < replicas; r++) {
    const nodeName = pick(nodeNames);
    let spec;
    if (roll < 0.85) {
      const hash = suffix(10);
      spec = { owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}` }, podName: podNamed(`${app}-${hash}`), phase: 'Running', labels: { 'pod-template-hash': hash } };
    } else if (roll < 0.95) {
      spec = { owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: app }, podName: `${app}-${r}`, phase: 'Running', labels: {} };
    } else {
      const job = `${app}-${29000000 + int(0, 99999)}`;
      spec = { owner: { apiVersion: 'batch/v1', kind: 'Job', name: job }, podName: podNamed(job), phase: random() < 0.5 ? 'Succeeded' : 'Running', labels: { 'job-name': job } };
    }
    item(pod({ namespace, app, nodeName, sidecar, hostNetwork: false, ...spec }));
    pods++;
  }
}

write('\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
flush();
if (fd !== 1) closeSync(fd);
