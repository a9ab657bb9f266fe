import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readKubeInventory, type KubeInputs } from '../../../src/inventory/kube/index.js';
import { Warnings, formatWarning, type InventoryWorkload } from '../../../src/inventory/types.js';
import { app, deploymentPod, list, node, pod, proxy } from './objects.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-kube-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function file(name: string, content: string): Promise<string> {
  const path = join(dir, `${n++}-${name}`);
  await writeFile(path, content);
  return path;
}

async function read(inputs: KubeInputs) {
  const warnings = new Warnings();
  const inventory = await readKubeInventory(inputs, { warnings });
  return { inventory, warnings: warnings.list().map(formatWarning) };
}

async function failure(inputs: KubeInputs): Promise<InputError> {
  try {
    await read(inputs);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const byName = (ws: InventoryWorkload[]) => Object.fromEntries(ws.map((w) => [`${w.namespace}/${w.name}`, w]));
const FIXTURE = ['fixtures/kube/cluster.json', 'fixtures/kube/namespaces.json'];

describe('kube reader: the bundled cluster', () => {
  it('reads its nodes with zone, instance type and capacity type', async () => {
    const { inventory, warnings } = await read({ files: FIXTURE, cluster: 'shop-prod', environment: 'production' });
    expect(warnings).toEqual([]);
    expect(inventory.sources).toEqual(FIXTURE);
    expect(inventory.nodes.map((x) => [x.name.split('.')[0], x.zone, x.instanceType, x.capacityType, x.vcpu])).toEqual([
      ['ip-10-20-1-17', 'eu-west-1a', 'm5.xlarge', 'on-demand', 3.92],
      ['ip-10-20-2-41', 'eu-west-1b', 'm5.xlarge', 'on-demand', 3.92],
      ['ip-10-20-3-9', 'eu-west-1c', 'm5.xlarge', 'on-demand', 3.92],
      ['ip-10-20-1-88', 'eu-west-1a', 'c6i.2xlarge', 'spot', 7.91],
      ['ip-10-20-2-130', 'eu-west-1b', 'c6i.2xlarge', 'spot', 7.91],
      ['ip-10-20-3-201', 'eu-west-1c', 'm4.xlarge', 'on-demand', 3.92],
    ]);
    expect(inventory.nodes.every((x) => x.cluster === 'shop-prod' && x.environment === 'production')).toBe(true);
  });

  it('folds its pods into top-level workloads with placement, host network and sidecar requests', async () => {
    const { inventory } = await read({ files: FIXTURE });
    // 6 nodes × 4 DaemonSets + 22 other pods, less last night's finished CronJob run
    expect(inventory.pods).toBe(24 + 22 - 1);
    const w = byName(inventory.workloads);
    // istiod is mesh infrastructure, never a workload
    expect(Object.keys(w)).toHaveLength(15);
    expect(inventory.infrastructure).toEqual([{ cluster: 'default', namespace: 'istio-system', name: 'istiod', component: 'istiod', pods: 1 }]);
    expect(w['kube-system/aws-node']).toMatchObject({ kind: 'DaemonSet', replicas: 6, hostNetwork: true });
    expect(w['logging/fluent-bit']).toMatchObject({ kind: 'DaemonSet', replicas: 6, hostNetwork: false });
    expect(w['shop/frontend']).toMatchObject({ kind: 'Deployment', replicas: 3, sidecarRequests: { cpu: 0.1, memoryMiB: 128 }, rps: 0, waypoint: false });
    expect([...w['shop/frontend']!.placement!.values()]).toEqual([1, 1, 1]);
    expect(w['shop/cart']!.sidecarRequests).toEqual({ cpu: 0.2, memoryMiB: 256 });
    expect(w['payments/payments-api']).toMatchObject({ kind: 'Deployment', replicas: 2, sidecarRequests: { cpu: 0.15, memoryMiB: 192 } });
    expect(w['shop/redis']).toMatchObject({ kind: 'StatefulSet', replicas: 1 });
    expect(w['batch/nightly-report']).toMatchObject({ kind: 'CronJob', replicas: 1 });
    expect(w['default/debug-shell']).toMatchObject({ kind: 'Pod', replicas: 1 });
    // the ingress gateway's istio-proxy is the gateway itself, not a sidecar
    expect(w['istio-system/istio-ingressgateway']).not.toHaveProperty('sidecarRequests');
    expect(w['istio-system/istio-ingressgateway']!.replicas).toBe(2);
    for (const x of inventory.workloads) expect(x).toMatchObject({ cluster: 'default', environment: 'default' });
  });

  it('reports the sidecars running and the namespaces labelled for the mesh', async () => {
    const { inventory } = await read({ files: FIXTURE, cluster: 'shop-prod' });
    expect(inventory.mesh).toEqual({
      sidecarsSeen: 12,
      labelledNamespaces: [
        { cluster: 'shop-prod', namespace: 'ambient-demo', label: 'istio.io/dataplane-mode=ambient' },
        { cluster: 'shop-prod', namespace: 'batch', label: 'istio-injection=enabled' },
        { cluster: 'shop-prod', namespace: 'payments', label: 'istio.io/rev=1-24-2' },
        { cluster: 'shop-prod', namespace: 'shop', label: 'istio-injection=enabled' },
      ],
    });
  });
});

describe('kube reader: several dumps', () => {
  it('joins separate pod and node dumps given in any order, and ReplicaSets given last', async () => {
    const pods = await file('pods.json', list([deploymentPod('shop', 'web', 'a1', 'n1'), deploymentPod('shop', 'web', 'b2', 'n2'), deploymentPod('shop', 'web', 'c3', 'n2')]));
    const nodes = await file('nodes.json', list([node('n1'), node('n2')], 'NodeList'));
    const rs = await file('rs.json', JSON.stringify({ kind: 'ReplicaSet', metadata: { namespace: 'shop', name: 'web-7d4b9c6f58', ownerReferences: [{ kind: 'Rollout', name: 'web', controller: true }] } }));
    const { inventory, warnings } = await read({ files: [pods, nodes, rs] });
    expect(warnings).toEqual([]);
    expect(inventory.nodes.map((x) => x.name)).toEqual(['n1', 'n2']);
    expect(inventory.workloads).toEqual([
      {
        cluster: 'default',
        environment: 'default',
        namespace: 'shop',
        name: 'web',
        kind: 'Rollout',
        replicas: 3,
        rps: 0,
        waypoint: false,
        canary: false,
        hostNetwork: false,
        placement: new Map([['n1', 1], ['n2', 2]]),
        sidecarsToday: 0,
        optedOut: 0,
        podsWithoutRequests: 3,
        origin: { file: pods },
      },
    ]);
  });

  it('merges the ReplicaSets of one Deployment mid-rollout, averaging their sidecar requests', async () => {
    const old = pod('shop', 'web-5d9-x', { owner: { kind: 'ReplicaSet', name: 'web-5d9' }, hash: '5d9', node: 'n1', containers: [{ name: 'web' }, proxy('100m', '128Mi')] });
    const next = pod('shop', 'web-6e1-y', { owner: { kind: 'ReplicaSet', name: 'web-6e1' }, hash: '6e1', node: 'n1', containers: [{ name: 'web' }, proxy('300m', '256Mi')] });
    const { inventory } = await read({ files: [await file('c.json', list([node('n1'), old, next]))] });
    expect(inventory.workloads).toHaveLength(1);
    expect(inventory.workloads[0]).toMatchObject({ name: 'web', kind: 'Deployment', replicas: 2, sidecarRequests: { cpu: 0.2, memoryMiB: 192 } });
    expect(inventory.workloads[0]!.placement).toEqual(new Map([['n1', 2]]));
  });

  it('warns, with a count, about what is still usable', async () => {
    const c = await file(
      'c.json',
      list([
        node('n1'),
        node('n1'),
        deploymentPod('shop', 'web', 'a1', 'n1'),
        deploymentPod('shop', 'web', 'a1', 'n1'),
        deploymentPod('shop', 'web', 'b2', 'gone-1'),
        deploymentPod('shop', 'api', 'c3', 'gone-2'),
        deploymentPod('shop', 'api', 'd4', ''),
        pod('shop', 'odd', { node: 'n1', containers: [{ name: 'odd' }, proxy('a lot', '1Gi')] }),
        { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'shop', name: 'web' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'shop', name: 'cfg' } },
      ]),
    );
    const { inventory, warnings } = await read({ files: [c] });
    expect(inventory.nodes).toHaveLength(1);
    expect(inventory.pods).toBe(5);
    expect(warnings).toEqual([
      `1 nodes were given more than once: the first is kept (first: ${c}: items[1] (Node n1))`,
      `1 pods were given more than once: they are counted once (first: ${c}: items[3] (Pod shop/web-7d4b9c6f58-a1))`,
      `1 istio-proxy requests or sidecar.istio.io annotations are not Kubernetes quantities: they are ignored (first: ${c}: items[7] (Pod shop/odd): "a lot")`,
      `2 objects of kinds mesh-cost does not read (only Node, Pod, Namespace, ReplicaSet, Job) were skipped (first: ${c}: items[8] (Service shop/web))`,
      '2 pods run on nodes absent from the input: they are priced at the cluster average (first: shop/web on gone-1)',
      '1 pods are not scheduled on a node yet: they are priced at the cluster average',
    ]);
  });

  it('needs nodes, and stdin at most once', async () => {
    const pods = await file('pods.json', list([deploymentPod('shop', 'web', 'a1', 'n1')]));
    expect((await failure({ files: [pods] })).message).toBe(`no Node objects in ${pods}: pass the output of \`kubectl get nodes,pods -A -o json\` (or add \`kubectl get nodes -o json\`)`);
    expect((await failure({ files: ['-', pods, '-'] })).message).toMatch(/^--kube - \(stdin\) can be given only once/);
  });

  it('refuses a single object of a kind it does not read', async () => {
    const svc = await file('svc.json', JSON.stringify({ kind: 'Service', metadata: { name: 'web' } }));
    expect((await failure({ files: [svc] })).message).toBe(`${svc}: expected a List of Nodes and Pods (\`kubectl get nodes,pods -A -o json\`), found a single Service`);
  });
});

describe('kube reader: traffic from --workloads', () => {
  const cluster = async () => file('c.json', list([node('n1'), deploymentPod('shop', 'web', 'a1', 'n1'), deploymentPod('shop', 'api', 'b2', 'n1')]));

  it('adds rps, bytes per request, waypoint and canary by (cluster, namespace, workload)', async () => {
    const traffic = await file(
      'workloads.csv',
      `cluster,namespace,workload,kind,replicas,rps,bytes_per_request,waypoint,canary
prd,shop,web,StatefulSet,40,1e3,4Ki,true,yes
prd,shop,api,,,250,,,
prd,shop,gone,,,10,,,
stg,shop,web,,,5,,,
`,
    );
    const c = await cluster();
    const { inventory, warnings } = await read({ files: [c], cluster: 'prd', workloads: traffic });
    const w = byName(inventory.workloads);
    // replicas and kind come from the pods, not from the file
    expect(w['shop/web']).toMatchObject({ kind: 'Deployment', replicas: 1, rps: 1000, bytesPerRequest: 4096, waypoint: true, canary: true });
    expect(w['shop/api']).toMatchObject({ rps: 250, waypoint: false, canary: false });
    expect(w['shop/api']).not.toHaveProperty('bytesPerRequest');
    expect(inventory.sources).toEqual([c, traffic]);
    expect(warnings).toEqual([
      `2 rows of ${traffic} join no workload of the kubectl input (on cluster, namespace, workload): their traffic is not counted (first: ${traffic}:4: prd/shop/gone)`,
    ]);
  });

  it('rejects bad cells and duplicate rows at file:line:column', async () => {
    const traffic = await file(
      'workloads.csv',
      `cluster,namespace,workload,rps
default,shop,web,fast
default,shop,api,1
default,shop,api,2
`,
    );
    const e = await failure({ files: [await cluster()], workloads: traffic });
    expect(e.message).toBe(`${traffic}:2:4: rps: expected requests/s from 0 to 1e9 (e.g. 250 or 1e3), found "fast"`);
    expect(e.more).toEqual([`${traffic}:4: duplicate workload: cluster "default", namespace "shop", workload "api" is also on line 3`]);
  });
});

describe('kube reader: the scope facts', () => {
  const ns = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

  it("lists namespaces with today's data plane from their labels", async () => {
    const c = await file(
      'c.json',
      list([
        node('n1'),
        ns('shop', { 'istio-injection': 'enabled' }),
        ns('pay', { 'istio.io/rev': 'prod-stable' }),
        ns('edge', { 'istio.io/dataplane-mode': 'ambient' }),
        // disabled injection wins over a revision label: not meshed
        ns('legacy', { 'istio-injection': 'disabled', 'istio.io/rev': 'prod-stable' }),
        ns('default', {}),
      ]),
    );
    const { inventory } = await read({ files: [c] });
    expect(inventory.namespaces).toEqual([
      { cluster: 'default', name: 'default' },
      { cluster: 'default', name: 'edge', dataPlane: 'ambient', label: 'istio.io/dataplane-mode=ambient' },
      { cluster: 'default', name: 'legacy' },
      { cluster: 'default', name: 'pay', dataPlane: 'sidecar', label: 'istio.io/rev=prod-stable' },
      { cluster: 'default', name: 'shop', dataPlane: 'sidecar', label: 'istio-injection=enabled' },
    ]);
  });

  it('leaves a waypoint and an ingress gateway out of the workloads: 3 sidecars run, 3 are counted', async () => {
    const gwHash = '5f9c7d8b6';
    const c = await file(
      'c.json',
      list([
        node('n1'),
        deploymentPod('shop', 'web', 'a1', 'n1', { containers: [{ name: 'web' }, proxy('100m', '128Mi')] }),
        deploymentPod('shop', 'cart', 'b2', 'n1', { containers: [{ name: 'cart' }, proxy('100m', '128Mi')] }),
        deploymentPod('shop', 'api', 'c3', 'n1', { containers: [{ name: 'api' }, proxy('100m', '128Mi')] }),
        deploymentPod('shop', 'waypoint', 'd4', 'n1', {
          labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint', 'gateway.istio.io/managed': 'istio.io-mesh-controller', 'istio.io/dataplane-mode': 'none' },
          containers: [proxy('100m', '128Mi')],
        }),
        pod('istio-ingress', `istio-ingress-${gwHash}-x1`, {
          owner: { kind: 'ReplicaSet', name: `istio-ingress-${gwHash}` },
          hash: gwHash,
          node: 'n1',
          labels: { app: 'istio-ingress', istio: 'ingress' },
          annotations: { 'inject.istio.io/templates': 'gateway' },
          containers: [proxy('100m', '128Mi')],
        }),
        pod('istio-system', 'ztunnel-abcde', { owner: { kind: 'DaemonSet', name: 'ztunnel' }, node: 'n1', labels: { app: 'ztunnel' }, containers: [proxy('200m', '512Mi')] }),
      ]),
    );
    const { inventory } = await read({ files: [c] });
    expect(inventory.workloads.map((w) => [w.name, w.sidecarsToday])).toEqual([
      ['web', 1],
      ['cart', 1],
      ['api', 1],
    ]);
    expect(inventory.mesh?.sidecarsSeen).toBe(3);
    expect(inventory.infrastructure).toEqual([
      { cluster: 'default', namespace: 'shop', name: 'waypoint', component: 'waypoint', pods: 1 },
      { cluster: 'default', namespace: 'istio-ingress', name: 'istio-ingress', component: 'gateway', pods: 1 },
      { cluster: 'default', namespace: 'istio-system', name: 'ztunnel', component: 'ztunnel', pods: 1 },
    ]);
    // the pods are still pods of the cluster
    expect(inventory.pods).toBe(6);
  });

  it('keeps the kind of a DaemonSet that runs sidecars, counts opt-outs, and reads the pods own requests', async () => {
    const c = await file(
      'c.json',
      list([
        node('n1'),
        node('n2'),
        pod('logging', 'agent-1', { owner: { kind: 'DaemonSet', name: 'agent' }, node: 'n1', containers: [app('agent', '100m', '200Mi'), proxy('100m', '128Mi')] }),
        pod('logging', 'agent-2', { owner: { kind: 'DaemonSet', name: 'agent' }, node: 'n2', containers: [app('agent', '300m', '100Mi'), proxy('100m', '128Mi')] }),
        deploymentPod('shop', 'batch', 'a1', 'n1', { labels: { 'sidecar.istio.io/inject': 'false' } }),
        deploymentPod('shop', 'batch', 'b2', 'n2', { containers: [app('batch', '1', '1Gi')] }),
      ]),
    );
    const w = byName((await read({ files: [c] })).inventory.workloads);
    // mean of (100m, 200Mi) and (300m, 100Mi): 0.2 vCPU, 150 MiB
    expect(w['logging/agent']).toMatchObject({ kind: 'DaemonSet', replicas: 2, sidecarsToday: 2, optedOut: 0, podRequests: { cpu: 0.2, memoryMiB: 150 }, podsWithoutRequests: 0 });
    // one pod opted out and declares nothing; the other asks 1 vCPU / 1 GiB
    expect(w['shop/batch']).toMatchObject({ replicas: 2, sidecarsToday: 0, optedOut: 1, podRequests: { cpu: 1, memoryMiB: 1024 }, podsWithoutRequests: 1 });
  });

  it('marks nodes no ztunnel can serve', async () => {
    const c = await file(
      'c.json',
      list([
        node('linux'),
        node('win', { 'kubernetes.io/os': 'windows' }),
        node('fargate-ip-10-0-1-2', { 'eks.amazonaws.com/compute-type': 'fargate' }),
        node('virtual-node-aci-linux', { type: 'virtual-kubelet' }),
      ]),
    );
    const { inventory } = await read({ files: [c] });
    expect(inventory.nodes.map((x) => [x.name, x.noZtunnel])).toEqual([
      ['linux', undefined],
      ['win', 'windows'],
      ['fargate-ip-10-0-1-2', 'fargate'],
      ['virtual-node-aci-linux', 'virtual-kubelet'],
    ]);
  });
});
