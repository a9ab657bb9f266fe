/**
 * A seeded generator of OpenMetrics text whose series are named and labelled as
 * kube-state-metrics v2 (docs/metrics/*.md: kube_node_*, kube_pod_*, kube_replicaset_owner,
 * kube_job_owner, kube_namespace_labels), cAdvisor (container_cpu_usage_seconds_total,
 * container_memory_working_set_bytes) and Istio's standard metrics (istio_requests_total,
 * istio_request_bytes, istio_response_bytes, reported by the destination's proxy and
 * scraped with the pod's `namespace` and `pod` labels) emit them, for
 * `promtool tsdb create-blocks-from openmetrics`. Plain JavaScript, so the bench runs it
 * without a build. Lines are written to the file as they are made: a 20,000-pod cluster
 * never sits in memory as one string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { prng } from '../../bench/lib/prng.mjs';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
/** KSM's label names: `label_` and every character outside [a-zA-Z0-9_] made `_` */
const labelName = (key) => `label_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;
const SPOT = { karpenter: ['karpenter.sh/capacity-type', 'spot'], eks: ['eks.amazonaws.com/capacityType', 'SPOT'] };
const ON_DEMAND = { karpenter: ['karpenter.sh/capacity-type', 'on-demand'], eks: ['eks.amazonaws.com/capacityType', 'ON_DEMAND'] };

function escape(value) {
  return String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

class Writer {
  constructor(file) {
    this.fd = openSync(file, 'w');
    this.buffer = [];
    this.size = 0;
    this.series = 0;
    this.samples = 0;
  }

  /** One series: its samples at the given times (seconds), value(t) each. */
  series_(name, labels, times, value) {
    const text = Object.entries(labels)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}="${escape(v)}"`)
      .join(',');
    this.series++;
    for (const t of times) {
      this.push(`${name}{${text}} ${value(t)} ${t}\n`);
      this.samples++;
    }
  }

  push(line) {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush() {
    if (this.buffer.length) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close() {
    this.push('# EOF\n');
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes the clusters' series to `file`. Samples of state series (kube-state-metrics)
 * are at the last `stateSamples` times, windowed series (Istio, cAdvisor) at every
 * time from end − steps·step to end, so a `[steps·step]` window at `end` covers them
 * exactly and rate() is the counter's slope.
 */
export function writeOpenMetrics(spec, file) {
  const { end, step = 900, steps = 4, clusterLabel = 'cluster', nodeLabels = true, istio = true, cadvisor = true, allPhases = true, stateSamples = 2, reporters = ['destination', 'source'], buckets = true, ksmReplicas = 1, seed = 1 } = spec;
  const random = prng(seed);
  const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const suffix = () => Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(random() * 27)]).join('');
  const all = Array.from({ length: steps + 1 }, (_, i) => end - (steps - i) * step);
  const state = all.slice(-stateSamples);
  const start = all[0];
  const out = new Writer(file);
  // kube-state-metrics' series, from each of its replicas (an HA install exports everything twice)
  const gauge = (name, labels, v) => {
    for (let r = 0; r < ksmReplicas; r++) out.series_(name, r === 0 ? labels : { ...labels, instance: `10.0.0.${10 + r}:8080` }, state, () => v);
  };

  for (const cluster of spec.clusters) {
    const c = clusterLabel ? { [clusterLabel]: cluster.name } : {};
    const ksm = { ...c, job: 'kube-state-metrics', instance: '10.0.0.10:8080' };
    for (const n of cluster.nodes) {
      gauge('kube_node_info', { ...ksm, node: n.name, kernel_version: '6.1.0-18-cloud-amd64', os_image: 'Bottlerocket OS 1.19.2', container_runtime_version: 'containerd://1.6.28', kubelet_version: 'v1.29.1', kubeproxy_version: 'deprecated', provider_id: `aws:///${n.zone ?? 'unknown'}/i-${hex(17)}`, pod_cidr: '', system_uuid: uid(), internal_ip: `10.0.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}` }, 1);
      if (nodeLabels) {
        const labels = { ...c, job: ksm.job, instance: ksm.instance, node: n.name };
        const put = (k, v) => { if (v !== undefined) labels[labelName(k)] = v; };
        if (n.labels) for (const [k, v] of Object.entries(n.labels)) put(k, v);
        else {
          put('topology.kubernetes.io/zone', n.zone);
          put('node.kubernetes.io/instance-type', n.instanceType);
          const [spotKey, spotValue] = (n.spot ? SPOT : ON_DEMAND)[n.spotLabel ?? 'karpenter'];
          put(spotKey, spotValue);
          put('kubernetes.io/os', n.os ?? 'linux');
        }
        gauge('kube_node_labels', labels, 1);
      }
      gauge('kube_node_status_allocatable', { ...ksm, node: n.name, resource: 'cpu', unit: 'core' }, n.cpu);
      gauge('kube_node_status_allocatable', { ...ksm, node: n.name, resource: 'memory', unit: 'byte' }, n.memoryBytes);
      gauge('kube_node_status_allocatable', { ...ksm, node: n.name, resource: 'pods', unit: 'integer' }, 110);
    }
    const nodeNames = cluster.nodes.map((n) => n.name);
    for (const ns of cluster.namespaces) {
      const nsLabels = Object.fromEntries(Object.entries({ 'kubernetes.io/metadata.name': ns.name, ...ns.labels }).map(([k, v]) => [labelName(k), v]));
      gauge('kube_namespace_labels', { ...ksm, namespace: ns.name, ...nsLabels }, 1);
      for (const w of ns.workloads) writeWorkload(cluster, c, ksm, ns.name, w, nodeNames);
    }
  }
  out.close();
  return { series: out.series, samples: out.samples, start, end };

  function writeWorkload(cluster, c, ksm, namespace, w, nodeNames) {
    const kind = w.kind ?? 'Deployment';
    const pods = [];
    const replicas = kind === 'DaemonSet' ? nodeNames.length : w.replicas;
    const rsHash = hex(10).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)]);
    const jobName = `${w.name}-29147520`;
    if (kind === 'Deployment') gauge('kube_replicaset_owner', { ...ksm, namespace, replicaset: `${w.name}-${rsHash}`, owner_kind: 'Deployment', owner_name: w.name, owner_is_controller: 'true' }, 1);
    if (kind === 'CronJob') gauge('kube_job_owner', { ...ksm, namespace, job_name: jobName, owner_kind: 'CronJob', owner_name: w.name, owner_is_controller: 'true' }, 1);
    for (let i = 0; i < replicas; i++) {
      const node = kind === 'DaemonSet' ? nodeNames[i] : w.nodes ? w.nodes[i % w.nodes.length] : nodeNames[Math.floor(random() * nodeNames.length)];
      const [name, ownerKind, ownerName] = {
        Deployment: [w.podNames?.[i] ?? `${w.name}-${rsHash}-${suffix()}`, 'ReplicaSet', `${w.name}-${rsHash}`],
        StatefulSet: [`${w.name}-${i}`, 'StatefulSet', w.name],
        DaemonSet: [`${w.name}-${suffix()}`, 'DaemonSet', w.name],
        CronJob: [`${jobName}-${suffix()}`, 'Job', jobName],
        Pod: [w.name, '<none>', '<none>'],
      }[kind];
      pods.push({ name, node, uid: uid(), ownerKind, ownerName });
    }
    const pending = w.pending ?? 0;
    for (let i = 0; i < replicas + pending; i++) {
      const running = i < replicas;
      const p = running ? pods[i] : { name: `${w.name}-${rsHash}-${suffix()}`, node: '', uid: uid(), ownerKind: 'ReplicaSet', ownerName: `${w.name}-${rsHash}` };
      const pod = { ...ksm, namespace, pod: p.name, uid: p.uid };
      gauge('kube_pod_info', { ...ksm, namespace, pod: p.name, uid: p.uid, host_ip: '10.0.1.1', pod_ip: '10.1.0.1', node: p.node, created_by_kind: p.ownerKind, created_by_name: p.ownerName, priority_class: '', host_network: w.hostNetwork ? 'true' : 'false' }, 1);
      gauge('kube_pod_owner', { ...pod, owner_kind: p.ownerKind, owner_name: p.ownerName, owner_is_controller: p.ownerKind === '<none>' ? '<none>' : 'true' }, 1);
      const phase = running ? 'Running' : 'Pending';
      for (const ph of allPhases ? PHASES : [phase]) gauge('kube_pod_status_phase', { ...pod, phase: ph }, ph === phase ? 1 : 0);
      const labels = Object.fromEntries(Object.entries({ app: w.name, ...w.labels }).map(([k, v]) => [labelName(k), v]));
      gauge('kube_pod_labels', { ...pod, ...labels }, 1);
      const containers = [...(w.proxyOnly ? [] : [['app', w.requests]]), ...(w.sidecar || w.proxyOnly ? [['istio-proxy', w.proxyRequests ?? { cpu: 0.1, memoryBytes: 128 * 2 ** 20 }]] : [])];
      for (const [container, requests] of containers) {
        gauge('kube_pod_container_info', { ...pod, container, image_spec: `docker.io/library/${container}:1`, image: `docker.io/library/${container}:1`, image_id: `sha256:${hex(64)}`, container_id: `containerd://${hex(64)}` }, 1);
        if (requests) {
          gauge('kube_pod_container_resource_requests', { ...pod, container, node: p.node, resource: 'cpu', unit: 'core' }, requests.cpu);
          gauge('kube_pod_container_resource_requests', { ...pod, container, node: p.node, resource: 'memory', unit: 'byte' }, requests.memoryBytes);
        }
      }
      const inits = [...(w.sidecar ? [['istio-init', { cpu: 0.01, memoryBytes: 40 * 2 ** 20 }]] : []), ...(w.init ? [['migrate', w.init]] : [])];
      for (const [container, requests] of inits) {
        gauge('kube_pod_init_container_info', { ...pod, container, image_spec: `docker.io/library/${container}:1`, image: `docker.io/library/${container}:1`, image_id: `sha256:${hex(64)}`, container_id: `containerd://${hex(64)}`, restart_policy: 'Never' }, 1);
        gauge('kube_pod_init_container_resource_requests', { ...pod, container, node: p.node, resource: 'cpu', unit: 'core' }, requests.cpu);
        gauge('kube_pod_init_container_resource_requests', { ...pod, container, node: p.node, resource: 'memory', unit: 'byte' }, requests.memoryBytes);
      }
      if (!running) continue;
      if (cadvisor && w.proxy && (w.sidecar || w.proxyOnly)) {
        const cgroup = { ...c, job: 'kubelet', metrics_path: '/metrics/cadvisor', instance: p.node, node: p.node, namespace, pod: p.name, container: 'istio-proxy', id: `/kubepods/burstable/pod${p.uid}/${hex(64)}`, image: 'docker.io/istio/proxyv2:1.24.2', name: hex(64) };
        out.series_('container_cpu_usage_seconds_total', { ...cgroup, cpu: 'total' }, all, (t) => w.proxy.cpu * (t - start) + 1000);
        out.series_('container_memory_working_set_bytes', cgroup, all, () => w.proxy.memoryBytes);
      }
      if (istio && w.rps) {
        // each pod serves an equal share; its own proxy reports what it served (reporter="destination")
        const rps = w.rps / replicas;
        const common = { ...c, job: 'kubernetes-pods', instance: `10.1.0.1:15020`, namespace, pod: p.name, source_workload: 'frontend', source_workload_namespace: namespace, source_principal: `spiffe://cluster.local/ns/${namespace}/sa/frontend`, source_app: 'frontend', source_version: 'unknown', source_canonical_service: 'frontend', source_canonical_revision: 'latest', source_cluster: 'Kubernetes', destination_workload: w.name, destination_workload_namespace: namespace, destination_principal: `spiffe://cluster.local/ns/${namespace}/sa/${w.name}`, destination_app: w.name, destination_version: 'unknown', destination_service: `${w.name}.${namespace}.svc.cluster.local`, destination_service_name: w.name, destination_service_namespace: namespace, destination_canonical_service: w.name, destination_canonical_revision: 'latest', destination_cluster: 'Kubernetes', request_protocol: 'http', response_code: '200', grpc_response_status: '', response_flags: '-', connection_security_policy: 'mutual_tls' };
        for (const reporter of reporters) {
          const labels = { ...common, reporter, connection_security_policy: reporter === 'source' ? 'unknown' : 'mutual_tls' };
          out.series_('istio_requests_total', labels, all, (t) => rps * (t - start));
          if (reporter !== 'destination') continue;
          for (const [metric, perRequest] of [['istio_request_bytes', w.requestBytes ?? 0], ['istio_response_bytes', w.responseBytes ?? 0]]) {
            out.series_(`${metric}_sum`, labels, all, (t) => perRequest * rps * (t - start));
            out.series_(`${metric}_count`, labels, all, (t) => rps * (t - start));
            if (buckets) out.series_(`${metric}_bucket`, { ...labels, le: '+Inf' }, all, (t) => rps * (t - start));
          }
        }
      }
    }
  }
}
