/**
 * An exported snapshot holds the scope the live source showed: CSV has no namespace
 * labels nor istio-proxy facts, so the offline run prices whatever the files hold.
 */
import { describe, expect, it } from 'vitest';
import { snapshotCsv } from '../../src/cli/snapshotCsv.js';
import type { PodRow } from '../../src/inventory/csv/write.js';
import { Warnings, type Inventory } from '../../src/inventory/types.js';
import { inventory, node, workload } from '../model/builders.js';

const pod = (namespace: string, owner: string, n: number, facts: Pick<PodRow, 'sidecar' | 'optedOut'> = {}): PodRow => ({
  cluster: 'c1', namespace, pod: `${owner}-${n}`, node: 'n1', ownerKind: 'Deployment', ownerName: owner, ...facts,
});

/** the exported profile's sidecar requests: 100m, 128 MiB */
const profileRequests = { cpu: 0.1, memory: 128 };
const rows = (csv: string) => csv.trim().split('\n').slice(1);

describe('the CSV files of an exported snapshot', () => {
  // shop is labelled for sidecars: web's 3 pods are in, but one opted out; tools is not
  // labelled: only its one pod injected by hand (running istio-proxy) is in; batch has none
  const pods = [
    pod('shop', 'web', 1, { sidecar: true }), pod('shop', 'web', 2, { sidecar: true }), pod('shop', 'web', 3, { optedOut: true }),
    pod('tools', 'debug', 1, { sidecar: true }), pod('tools', 'debug', 2),
    pod('batch', 'report', 1),
  ];
  const facts: Inventory = {
    ...inventory([node('n1')], [
      workload('web', { replicas: 3, sidecarsToday: 2, optedOut: 1, podRequests: { cpu: 0.25, memoryMiB: 256 } }),
      workload('debug', { namespace: 'tools', replicas: 2, sidecarsToday: 1 }),
      workload('report', { namespace: 'batch', replicas: 1, sidecarsToday: 0 }),
    ]),
    namespaces: [{ cluster: 'c1', name: 'shop', dataPlane: 'sidecar', label: 'istio-injection=enabled' }, { cluster: 'c1', name: 'tools' }, { cluster: 'c1', name: 'batch' }],
  };

  it("keeps only the scope's workloads, with the replicas and pods in it, when the source shows today's mesh", () => {
    const warnings = new Warnings();
    const s = snapshotCsv(facts, pods, 'auto', profileRequests, warnings);
    expect(warnings.list()).toEqual([]);
    expect(s).toMatchObject({ scope: 'mesh', workloads: 2, pods: 3 });
    const [, workloads, podsCsv] = s.files.map((f) => rows(f.text));
    // web: 3 − 1 opted out = 2, with one pod's own requests (256 MiB = 268435456 bytes); debug: its 1 sidecar
    expect(workloads).toEqual(['c1,c1,shop,web,Deployment,2,0,,false,false,false,0.25,268435456', 'c1,c1,tools,debug,Deployment,1,0,,false,false,false,,']);
    expect(podsCsv).toEqual(['c1,shop,web-1,n1,Deployment,web', 'c1,shop,web-2,n1,Deployment,web', 'c1,tools,debug-1,n1,Deployment,debug']);
  });

  it('keeps everything with --scope all, as estimate --scope all prices it', () => {
    expect(snapshotCsv(facts, pods, 'all', profileRequests, new Warnings())).toMatchObject({ scope: 'all', workloads: 3, pods: 6 });
  });

  it('keeps everything when the source shows nothing of the mesh (the offline run then reads it the same way)', () => {
    const bare = inventory([node('n1')], [workload('web', { replicas: 3 }), workload('report', { namespace: 'batch', replicas: 1 })]);
    const plain = pods.filter((p) => p.namespace !== 'tools').map(({ sidecar, optedOut, ...p }) => p);
    expect(snapshotCsv(bare, plain, 'auto', profileRequests, new Warnings())).toMatchObject({ scope: 'all', workloads: 2, pods: 4 });
  });

  it('says which facts that change figures the files cannot hold', () => {
    const warnings = new Warnings();
    const live: Inventory = {
      ...facts,
      nodes: [node('n1'), node('win-1', { noZtunnel: 'windows' })],
      workloads: [
        // 500m where the profile asks 100m; cart's proxies ask the profile's own: no change offline
        workload('web', { replicas: 2, sidecarsToday: 2, sidecarRequests: { cpu: 0.5 } }),
        workload('cart', { replicas: 1, sidecarsToday: 1, sidecarRequests: { cpu: 0.1, memoryMiB: 128 } }),
        workload('agent', { kind: 'DaemonSet', replicas: 1, sidecarsToday: 1 }),
      ],
    };
    snapshotCsv(live, [pod('shop', 'web', 1, { sidecar: true }), pod('shop', 'web', 2, { sidecar: true }), pod('shop', 'cart', 1, { sidecar: true }), pod('shop', 'agent', 1, { sidecar: true })], 'auto', profileRequests, warnings);
    expect(warnings.list().map((w) => [w.code, w.count, w.example])).toEqual([
      ['snapshot-sidecar-requests', 1, 'c1/shop/web'],
      ['snapshot-meshed-node-agents', 1, 'c1/shop/agent'],
      ['snapshot-no-ztunnel-nodes', 1, 'c1/win-1: windows'],
    ]);
  });
});
