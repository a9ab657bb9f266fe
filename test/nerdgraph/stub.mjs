/**
 * A local NerdGraph stand-in (node:http on 127.0.0.1): answers the NRQL query field in
 * NerdGraph's response shapes (data.actor.account.nrql.{results, otherResult,
 * metadata}, errors[].extensions.errorClass) from a generated account, and can inject
 * 429s, 500s, slow answers, dropped connections and GraphQL errors.
 *
 * In tests: `startNerdGraphStub({ events: generateAccount(spec), ... })`.
 * By hand:  `npm run nerdgraph-stub -- --pods 12000 --port 8787` prints the flags to use.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { NrqlError, runNrql } from './nrdb.mjs';

const DAY = 86_400_000;
const MIB = 2 ** 20;

/** Istio-like usage samples, cycled: sidecar avg 0.25 vCPU / 60 MiB, ztunnel 0.05 / 12 MiB, waypoint 0.4 / 80 MiB. */
export const DEFAULT_USAGE = {
  sidecar: { cpu: [0.1, 0.2, 0.3, 0.4], memoryBytes: [50 * MIB, 60 * MIB, 70 * MIB, 60 * MIB] },
  ztunnel: { cpu: [0.04, 0.06], memoryBytes: [10 * MIB, 14 * MIB] },
  waypoint: { cpu: [0.3, 0.5], memoryBytes: [70 * MIB, 90 * MIB] },
};

const MESH_NAMESPACES = new Set(['kube-system', 'istio-system']);

/**
 * The cluster attributes a metric data point carries, as each New Relic Prometheus
 * integration sends them: nri-prometheus adds `clusterName` and `k8s.cluster.name`
 * (nri-prometheus internal/cmd/scraper/scraper.go), the Prometheus agent remote-writes
 * its external label `cluster_name` (newrelic-prometheus-agent chart, _helpers.tpl).
 */
/** How each kind of node pool marks spot capacity and, where it does, on-demand: [label, spot, on-demand]. */
const SPOT_MARKS = {
  karpenter: ['karpenter.sh/capacity-type', 'spot', 'on-demand'],
  eks: ['eks.amazonaws.com/capacityType', 'SPOT', 'ON_DEMAND'],
  gke: ['cloud.google.com/gke-spot', 'true', undefined],
  aks: ['kubernetes.azure.com/scalesetpriority', 'spot', undefined],
};
const capacityLabel = (kind, spot) => {
  const [label, yes, no] = SPOT_MARKS[kind];
  const value = spot ? yes : no;
  return value === undefined ? {} : { [`label.${label}`]: value };
};

const metricCluster = (c) => (c.prometheus === 'agent' ? { cluster_name: c.name } : { clusterName: c.name, 'k8s.cluster.name': c.name });

/**
 * Events of a made-up account. Each cluster: `nodes` nodes across `zones`; each
 * workload: `replicas` running pods spread round-robin over the cluster's nodes, an
 * istio-proxy container on every pod outside kube-system/istio-system (DaemonSets
 * excepted), `rps` requests/s in istio_requests_total, and `churn` pods that ended
 * minutes ago (a rollout's old pods). `ambient` adds a ztunnel per node; `waypoints`
 * adds waypoint pods. A cluster's `prometheus` says which integration sent its Istio
 * metrics: 'nri-prometheus' (the default) or 'agent'; its `spotLabels` which cloud's
 * label marks every `spotEvery`-th node spot (default 'karpenter').
 *
 * `containers: true` adds what K8sContainerSample says of each running pod now: its
 * containers (the workload's own, named after it, with `requests: {cpu, memoryBytes}`
 * when given, and istio-proxy at 100m / 128 MiB where meshed), as the scope and the
 * pods' own requests are read from. A workload's `optOut` labels its pods
 * `sidecar.istio.io/inject=false` (no proxy); `sidecars: true` injects a DaemonSet's
 * pods anyway. A namespace's `labels` become a K8sNamespaceSample (label names as
 * kube-state-metrics sanitises them). `gateways: [{cluster, namespace, name, replicas,
 * istio}]` adds gateway-chart pods: `app`/`istio` labels, istio-proxy their only container.
 */
export function generateAccount({
  now = Date.now(),
  clusters,
  usage = DEFAULT_USAGE,
  ambient = false,
  waypoints = [],
  sampleDays = 90,
  samplesPerProxy = 2,
  traffic = true,
  containers = false,
  gateways = [],
}) {
  const events = { K8sNodeSample: [], K8sPodSample: [], K8sContainerSample: [], K8sNamespaceSample: [], Metric: [] };
  const running = (pod, containerName, requests) => {
    if (!containers) return;
    events.K8sContainerSample.push({
      ...pod,
      containerName,
      status: 'Running',
      ...(requests?.cpu !== undefined ? { cpuRequestedCores: requests.cpu } : {}),
      ...(requests?.memoryBytes !== undefined ? { memoryRequestedBytes: requests.memoryBytes } : {}),
      timestamp: now - 30_000,
    });
  };
  const PROXY_REQUESTS = { cpu: 0.1, memoryBytes: 128 * MIB };
  const seen = { sidecar: 0, ztunnel: 0, waypoint: 0 };
  const proxy = (kind, pod) => {
    for (let s = 0; s < samplesPerProxy; s++) {
      const i = seen[kind]++;
      const values = usage[kind];
      events.K8sContainerSample.push({
        ...pod,
        containerName: 'istio-proxy',
        cpuUsedCores: values.cpu[i % values.cpu.length],
        memoryWorkingSetBytes: values.memoryBytes[i % values.memoryBytes.length],
        // spread over the window, never on its edges
        timestamp: now - sampleDays * DAY + DAY / 2 + ((i * 7919) % (sampleDays - 1)) * DAY,
      });
    }
  };
  const podSample = (pod, timestamp) => events.K8sPodSample.push({ ...pod, status: 'Running', timestamp });

  for (const c of clusters) {
    const zones = c.zones ?? ['zone-a', 'zone-b', 'zone-c'];
    const nodes = [];
    for (let n = 0; n < c.nodes; n++) {
      const name = `${c.name}-node-${n}`;
      nodes.push(name);
      events.K8sNodeSample.push({
        clusterName: c.name,
        nodeName: name,
        allocatableCpuCores: c.nodeCpu ?? 7.91,
        allocatableMemoryBytes: c.nodeMemoryBytes ?? 28458 * MIB,
        'label.topology.kubernetes.io/zone': zones[n % zones.length],
        'label.node.kubernetes.io/instance-type': c.instanceType ?? 'm5.2xlarge',
        ...capacityLabel(c.spotLabels ?? 'karpenter', Boolean(c.spotEvery && n % c.spotEvery === 0)),
        timestamp: now - 30_000,
      });
      if (ambient) {
        const pod = { clusterName: c.name, namespaceName: 'istio-system', podName: `ztunnel-${n}`, nodeName: name, daemonsetName: 'ztunnel', createdKind: 'DaemonSet', createdBy: 'ztunnel', 'label.app': 'ztunnel' };
        podSample(pod, now - 30_000);
        proxy('ztunnel', pod);
        running(pod, 'istio-proxy', { cpu: 0.2, memoryBytes: 512 * MIB });
      }
    }
    let placed = 0;
    const nextNode = () => nodes[placed++ % nodes.length];
    for (const ns of c.namespaces) {
      if (ns.labels) {
        const labels = Object.fromEntries(Object.entries(ns.labels).map(([k, v]) => [`label.${k.replace(/[^A-Za-z0-9_]/g, '_')}`, v]));
        events.K8sNamespaceSample.push({ clusterName: c.name, namespaceName: ns.name, ...labels, timestamp: now - 30_000 });
      }
      for (const w of ns.workloads) {
        const kind = w.kind ?? 'Deployment';
        const owner = kind === 'Deployment' ? { deploymentName: w.name, createdKind: 'ReplicaSet', createdBy: `${w.name}-5d9f7` } : kind === 'StatefulSet' ? { statefulsetName: w.name, createdKind: 'StatefulSet', createdBy: w.name } : kind === 'DaemonSet' ? { daemonsetName: w.name, createdKind: 'DaemonSet', createdBy: w.name } : { createdKind: kind, createdBy: w.name };
        const ambientNs = ns.labels?.['istio.io/dataplane-mode'] === 'ambient';
        const meshed = !w.optOut && !ambientNs && !MESH_NAMESPACES.has(ns.name) && (kind !== 'DaemonSet' || w.sidecars === true);
        for (let r = 0; r < w.replicas; r++) {
          const pod = { clusterName: c.name, namespaceName: ns.name, podName: `${w.name}-5d9f7-${r}`, nodeName: nextNode(), ...owner, 'label.app': w.name, ...(w.optOut ? { 'label.sidecar.istio.io/inject': 'false' } : {}) };
          podSample(pod, now - 5 * 60_000);
          podSample(pod, now - 30_000);
          if (meshed) proxy('sidecar', pod);
          running(pod, w.name, w.requests);
          if (meshed) running(pod, 'istio-proxy', PROXY_REQUESTS);
        }
        for (let r = 0; r < (w.churn ?? 0); r++) {
          // gone: last seen 3 to 9 minutes before now
          podSample({ clusterName: c.name, namespaceName: ns.name, podName: `${w.name}-old-${r}`, nodeName: nodes[r % nodes.length], ...owner, 'label.app': w.name }, now - 3 * 60_000 - ((r * 104729) % (6 * 60_000)));
        }
        if (traffic && w.rps) {
          const windowSeconds = (sampleDays * DAY) / 1000;
          for (let k = 0; k < 4; k++) {
            const at = now - sampleDays * DAY + DAY / 2 + k * ((sampleDays - 1) * DAY) / 4;
            const series = { ...metricCluster(c), destination_workload: w.name, destination_workload_namespace: ns.name, timestamp: at };
            events.Metric.push({ ...series, reporter: 'destination', istio_requests_total: (w.rps * windowSeconds) / 4 });
            // the client side reports the same requests again: counting it would double them
            events.Metric.push({ ...series, reporter: 'source', istio_requests_total: (w.rps * windowSeconds) / 4 });
          }
        }
      }
    }
  }
  for (const wp of waypoints) {
    const c = clusters.find((x) => x.name === wp.cluster);
    for (let r = 0; r < wp.replicas; r++) {
      const pod = { clusterName: wp.cluster, namespaceName: wp.namespace, podName: `waypoint-7c4d-${r}`, nodeName: `${c.name}-node-${r % c.nodes}`, deploymentName: 'waypoint', createdKind: 'ReplicaSet', createdBy: 'waypoint-7c4d', 'label.gateway.istio.io/managed': 'istio.io-mesh-controller' };
      podSample(pod, now - 30_000);
      proxy('waypoint', pod);
      running(pod, 'istio-proxy', PROXY_REQUESTS);
    }
  }
  for (const gw of gateways) {
    const c = clusters.find((x) => x.name === gw.cluster);
    for (let r = 0; r < gw.replicas; r++) {
      const pod = { clusterName: gw.cluster, namespaceName: gw.namespace, podName: `${gw.name}-6b8d-${r}`, nodeName: `${c.name}-node-${r % c.nodes}`, deploymentName: gw.name, createdKind: 'ReplicaSet', createdBy: `${gw.name}-6b8d`, 'label.app': gw.name, 'label.istio': gw.istio };
      podSample(pod, now - 30_000);
      running(pod, 'istio-proxy', PROXY_REQUESTS);
    }
  }
  return events;
}

/** A fleet of about `pods` pods over two clusters, for trying the CLI by hand. */
export function demoAccount(pods = 3000, now = Date.now()) {
  const perWorkload = 20;
  const workloads = Math.max(1, Math.round(pods / perWorkload));
  const cluster = (name, share, nodes, prometheus) => ({
    name,
    nodes,
    prometheus,
    namespaces: Array.from({ length: 10 }, (_, n) => ({
      name: `team-${n}`,
      workloads: Array.from({ length: Math.max(1, Math.round((workloads * share) / 10)) }, (_, w) => ({ name: `svc-${n}-${w}`, replicas: perWorkload, rps: 50 + ((n * 31 + w * 17) % 400) })),
    })),
  });
  return generateAccount({ now, clusters: [cluster('prd', 0.75, Math.ceil(pods / 40), 'nri-prometheus'), cluster('stg', 0.25, Math.ceil(pods / 120), 'agent')] });
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * Starts the stand-in. `fault({ n, nrql })` may return, for request number n (from 1):
 * `{ status, headers?, body? }` to answer with, `{ graphqlErrors }` (HTTP 200),
 * `{ notices }` (errors[] sent beside the complete data, as New Relic's deprecation
 * notices are), `{ delayMs }` to answer late, or `{ destroy: true }` to drop the connection.
 * `badKey: 'http'` answers a wrong key with HTTP 401, `'graphql'` with BAD_API_KEY.
 */
export async function startNerdGraphStub({ events, apiKey, accountId, facetLimit = 5000, fault, badKey = 'http', port = 0 }) {
  const requests = [];
  const stats = { inFlight: 0, maxInFlight: 0 };
  const timers = new Set();
  const server = createServer((req, res) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => stats.inFlight--);
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'Not found' }] });
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, { errors: [{ message: 'Body is not JSON' }] });
      }
      const nrql = body?.variables?.nrql;
      const record = { n: requests.length + 1, nrql, apiKey: req.headers['api-key'], variables: body?.variables, query: body?.query };
      requests.push(record);
      const f = fault?.(record);
      const answer = () => respond(res, record, body, f?.notices);
      if (f?.destroy) return req.socket.destroy();
      if (f?.delayMs !== undefined) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) answer();
        }, f.delayMs);
        timers.add(t);
        return;
      }
      if (f?.status !== undefined) return send(res, f.status, f.body ?? { errors: [{ message: `injected HTTP ${f.status}` }] }, f.headers);
      if (f?.graphqlErrors) return send(res, 200, { data: null, errors: f.graphqlErrors }, f.headers);
      answer();
    });
  });

  function respond(res, record, body, notices) {
    if (record.apiKey !== apiKey) {
      if (badKey === 'graphql') return send(res, 200, { data: { actor: { account: null } }, errors: [{ message: 'Invalid API key', extensions: { errorClass: 'UNAUTHORIZED', error_code: 'BAD_API_KEY' } }] });
      return send(res, 401, { errors: [{ message: 'Unauthorized' }] });
    }
    if (typeof body.query !== 'string' || !/nrql\(query: \$nrql/.test(body.query) || typeof record.nrql !== 'string') {
      return send(res, 200, { errors: [{ message: 'Expected a query with nrql(query: $nrql) and a $nrql variable', extensions: { errorClass: 'INVALID_INPUT' } }] });
    }
    if (record.variables.accountId !== accountId) {
      return send(res, 200, { data: { actor: { account: null } }, errors: [{ message: `Account ${record.variables.accountId} is not accessible with this key`, extensions: { errorClass: 'FORBIDDEN' } }] });
    }
    let result;
    try {
      result = runNrql(record.nrql, events, { facetLimit });
    } catch (e) {
      if (!(e instanceof NrqlError)) throw e;
      return send(res, 200, { data: { actor: { account: { nrql: null } } }, errors: [{ message: e.message, extensions: { errorClass: 'INVALID_INPUT' } }] });
    }
    send(res, 200, { data: { actor: { account: { nrql: { results: result.results, otherResult: result.otherResult, metadata: { facets: result.facets } } } } }, ...(notices ? { errors: notices } : {}) });
  }

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    requests,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const apiKey = process.env.NEW_RELIC_API_KEY || 'NRAK-STUBKEY00000000000000000';
  const accountId = Number(arg('account', '1234567'));
  const stub = await startNerdGraphStub({ events: demoAccount(Number(arg('pods', '3000'))), apiKey, accountId, port: Number(arg('port', '0')) });
  process.stdout.write(
    `NerdGraph stand-in on ${stub.url} (account ${accountId}). Try:\n` +
      `  NEW_RELIC_API_KEY=${apiKey} npx mesh-cost estimate --newrelic --nr-account ${accountId} --nr-endpoint ${stub.url}\n`,
  );
}
