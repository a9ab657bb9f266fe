/**
 * The model end to end on small in-memory inventories, every expected number worked
 * out by hand in the comment next to it.
 *
 * Common fixture (H = 100 h/month so the arithmetic stays readable; CPU 0.04, RAM 0.005):
 *   cluster c1: n1 zone a, 4 vCPU / 16 GiB, hourly_price 0.48 → cpu 0.08, ram 0.01 (r = 8: 0.48/(32+16))
 *               n2 zone b, 4 vCPU / 16 GiB, no price        → cpu 0.04, ram 0.005
 *   c1 average: cpu (4·0.08 + 4·0.04)/8 = 0.06; ram (16·0.01 + 16·0.005)/32 = 0.0075
 * Money in line items is rounded to cents once, so each expectation is the hand value
 * rounded to cents (none of them sits on a half cent).
 */
import { describe, expect, it } from 'vitest';
import { item, items, node, placement, prices, profile, run, workload, inventory, cents, sumItemCents } from './builders.js';

const H100 = prices({ hoursPerMonth: 100 });
const n1 = node('n1', { zone: 'a', hourlyPrice: 0.48 });
const n2 = node('n2', { zone: 'b' });

// sidecar usage: cpu 0.2 per 1k rps, memory 96 MiB flat; requests 100m / 128Mi
const sidecarOnly = profile({
  sidecar: {
    usage: { cpu: { per1kRps: 0.2 }, memoryMiB: { base: 96 } },
    requests: { cpu: '100m', memory: '128Mi' },
  },
});

describe('who is meshed', () => {
  const wls = [
    workload('api', { replicas: 2 }),
    workload('dns', { namespace: 'kube-system', replicas: 2 }),
    workload('pilot', { namespace: 'istio-system', replicas: 1 }),
    workload('pub', { namespace: 'kube-public', replicas: 1 }),
    workload('lease', { namespace: 'kube-node-lease', replicas: 1 }),
    workload('agent', { kind: 'DaemonSet', replicas: 3 }),
    workload('hostnet', { hostNetwork: true, replicas: 1 }),
    workload('batch', { kind: 'Job', replicas: 1 }),
    workload('cron', { kind: 'CronJob', replicas: 2 }),
  ];

  it('excludes the default namespaces, DaemonSets and host-network pods; counts Jobs and flags them', () => {
    const { report } = run(inventory([n1, n2], wls), sidecarOnly, H100);
    // meshed: api 2 + batch 1 + cron 2 = 5
    expect(report.inputs.meshedPods).toBe(5);
    expect(report.sidecar.proxies).toBe(5);
    expect(report.inputs.workloads).toBe(9);
    const jobs = report.warnings.find((w) => w.code === 'meshed-jobs');
    expect(jobs).toMatchObject({ count: 2, example: 'shop/batch' });
  });

  it('honours a custom excluded-namespace list', () => {
    const { report } = run(inventory([n1, n2], wls), sidecarOnly, H100, { excludedNamespaces: ['shop'] });
    // shop excluded; now meshed: dns 2 + pilot 1 + pub 1 + lease 1 = 5 (DaemonSet/hostNetwork are in shop anyway)
    expect(report.inputs.meshedPods).toBe(5);
    expect(items(report, 'sidecar', 'sidecar').map((i) => i.namespace).sort()).toEqual([
      'istio-system',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(report.warnings.find((w) => w.code === 'meshed-jobs')).toBeUndefined();
  });
});

describe('sidecar mode', () => {
  it('r sidecars at L = 2R/r, priced at the cluster average without placement (usage basis)', () => {
    const { report } = run(inventory([n1, n2], [workload('w', { replicas: 4, rps: 1000 })]), sidecarOnly, H100);
    // L = 2·1000/4 = 500 → cpu 0.2·0.5 = 0.1 vCPU, memory 96 MiB = 0.09375 GiB
    // per pod-hour at average: 0.1·0.06 + 0.09375·0.0075 = 0.006 + 0.000703125 = 0.006703125
    // ×100 h ×4 pods = 2.68125 → 2.68
    const s = item(report, 'sidecar', 'sidecar');
    expect(s).toMatchObject({ count: 4, environment: 'c1', cluster: 'c1', namespace: 'shop' });
    expect(s.vcpu).toBeCloseTo(0.4, 12); // 4·0.1
    expect(s.memoryGiB).toBeCloseTo(0.375, 12); // 4·0.09375
    expect(s.monthlyCost).toBe(2.68);
  });

  it.each([
    // replicas 3, rps 1500 → L = 1000: usage cpu 0.2, memory 96 MiB (0.09375 GiB); requests 0.1, 128 MiB (0.125 GiB)
    // usage:    0.2·0.06 + 0.09375·0.0075 = 0.012 + 0.000703125 = 0.012703125; ×300 pod-h = 3.8109375 → 3.81
    ['usage', 0.6, 0.28125, 3.81],
    // requests: 0.1·0.06 + 0.125·0.0075 = 0.006 + 0.0009375 = 0.0069375; ×300 = 2.08125 → 2.08
    ['requests', 0.3, 0.375, 2.08],
    // max:      cpu max(0.2, 0.1) = 0.2, memory max(96, 128) = 128 MiB: 0.012 + 0.0009375 = 0.0129375; ×300 = 3.88125 → 3.88
    ['max', 0.6, 0.375, 3.88],
  ] as const)('basis %s, per resource', (basis, vcpu, mem, cost) => {
    const { report } = run(inventory([n1, n2], [workload('w', { replicas: 3, rps: 1500 })]), sidecarOnly, H100, { basis });
    const s = item(report, 'sidecar', 'sidecar');
    expect(s.vcpu).toBeCloseTo(vcpu, 12);
    expect(s.memoryGiB).toBeCloseTo(mem, 12);
    expect(s.monthlyCost).toBe(cost);
    expect(report.basis).toBe(basis);
  });

  it('uses the requests really running in the cluster when the inventory has them', () => {
    const w = workload('w', { replicas: 3, rps: 1500, sidecarRequests: { cpu: 0.05, memoryMiB: 64 } });
    const { report } = run(inventory([n1, n2], [w]), sidecarOnly, H100, { basis: 'requests' });
    // 0.05·0.06 + 0.0625·0.0075 = 0.003 + 0.00046875 = 0.00346875; ×300 = 1.040625 → 1.04
    expect(item(report, 'sidecar', 'sidecar').monthlyCost).toBe(1.04);
  });

  it('prices placed pods at their node rates', () => {
    const w = workload('w', { replicas: 3, rps: 1500, placement: placement({ n1: 2, n2: 1 }) });
    const { report } = run(inventory([n1, n2], [w]), sidecarOnly, H100);
    // L = 1000 → 0.2 vCPU, 0.09375 GiB per pod
    // n1 pod-hour: 0.2·0.08 + 0.09375·0.01  = 0.016 + 0.0009375   = 0.0169375
    // n2 pod-hour: 0.2·0.04 + 0.09375·0.005 = 0.008 + 0.00046875  = 0.00846875
    // (2·0.0169375 + 0.00846875)·100 = 4.234375 → 4.23
    expect(item(report, 'sidecar', 'sidecar').monthlyCost).toBe(4.23);
  });

  it('prices pods of unknown node (partial placement, or a node not in the inventory) at the average', () => {
    const partial = workload('w', { replicas: 3, rps: 1500, placement: placement({ n2: 2 }) });
    // 2 on n2 + 1 at average: (2·0.00846875 + 0.012703125)·100 = (0.0169375 + 0.012703125)·100 = 2.9640625 → 2.96
    expect(item(run(inventory([n1, n2], [partial]), sidecarOnly, H100).report, 'sidecar', 'sidecar').monthlyCost).toBe(2.96);
    const ghost = workload('w', { replicas: 3, rps: 1500, placement: placement({ n1: 2, ghost: 1 }) });
    // 2 on n1 + 1 at average: (2·0.0169375 + 0.012703125)·100 = 4.6578125 → 4.66
    expect(item(run(inventory([n1, n2], [ghost]), sidecarOnly, H100).report, 'sidecar', 'sidecar').monthlyCost).toBe(4.66);
  });

  it('with placement, an added pod on a cheaper node can LOWER the sidecar cost (why the monotonicity property excludes placement)', () => {
    const cpuOnly = profile({ sidecar: { usage: { cpu: { per1kRps: 0.2 } } } });
    const one = workload('w', { replicas: 1, rps: 500, placement: placement({ n1: 1 }) });
    // L = 1000 → 0.2 vCPU on n1: 0.2·0.08·100 = 1.60
    expect(run(inventory([n1, n2], [one]), cpuOnly, H100).report.sidecar.monthlyCost).toBe(1.6);
    const two = workload('w', { replicas: 2, rps: 500, placement: placement({ n1: 1, n2: 1 }) });
    // L = 500 → 0.1 vCPU each: (0.1·0.08 + 0.1·0.04)·100 = 1.20 < 1.60
    expect(run(inventory([n1, n2], [two]), cpuOnly, H100).report.sidecar.monthlyCost).toBe(1.2);
  });

  it('workloads with 0 replicas carry no sidecar', () => {
    const inv = inventory([n1, n2], [workload('w', { replicas: 0, rps: 1000 }), workload('x', { namespace: 'pay', replicas: 1 })]);
    const { report } = run(inv, sidecarOnly, H100);
    expect(report.sidecar.proxies).toBe(1);
    expect(items(report, 'sidecar', 'sidecar').map((i) => i.namespace)).toEqual(['pay']);
  });
});

describe('control planes', () => {
  const withCp = profile({
    controlPlane: { sidecar: { cpu: '500m', memory: '2Gi' }, ambient: { cpu: '250m', memory: '1Gi' } },
  });

  it('once per cluster with meshed workloads, at the cluster average; none for clusters without', () => {
    const inv = inventory(
      [n1, n2, node('m1', { cluster: 'c2' })],
      [
        workload('a', { replicas: 2 }),
        workload('b', { namespace: 'pay', replicas: 1 }),
        workload('dns', { cluster: 'c2', namespace: 'kube-system' }), // c2 has nothing meshed
        workload('x', { cluster: 'c3' }), // c3 has no nodes: sheet list rates
      ],
    );
    const { report } = run(inv, withCp, H100);
    // c1 sidecar: (0.5·0.06 + 2·0.0075)·100 = (0.03 + 0.015)·100 = 4.50
    expect(item(report, 'sidecar', 'controlPlane', { cluster: 'c1' })).toMatchObject({ count: 1, vcpu: 0.5, memoryGiB: 2, monthlyCost: 4.5 });
    // c1 ambient: (0.25·0.06 + 1·0.0075)·100 = (0.015 + 0.0075)·100 = 2.25
    expect(item(report, 'ambient', 'controlPlane', { cluster: 'c1' })).toMatchObject({ count: 1, vcpu: 0.25, memoryGiB: 1, monthlyCost: 2.25 });
    // c3 (no nodes → 0.04 / 0.005): sidecar (0.5·0.04 + 2·0.005)·100 = 3.00; ambient (0.25·0.04 + 0.005)·100 = 1.50
    expect(item(report, 'sidecar', 'controlPlane', { cluster: 'c3' }).monthlyCost).toBe(3);
    expect(item(report, 'ambient', 'controlPlane', { cluster: 'c3' }).monthlyCost).toBe(1.5);
    expect(items(report, 'sidecar', 'controlPlane', { cluster: 'c2' })).toEqual([]);
    expect(items(report, 'ambient', 'controlPlane', { cluster: 'c2' })).toEqual([]);
    // sidecar total = 4.50 + 3.00 (no sidecar profile); ambient = 2.25 + 1.50 (no ztunnel/cni profile)
    expect(report.sidecar.monthlyCost).toBe(7.5);
    expect(report.ambient.monthlyCost).toBe(3.75);
  });
});

// ztunnel usage: cpu 0.06 per 1k rps, memory 16 MiB flat (= 0.015625 GiB)
const ztunnelProfile = profile({ ztunnel: { usage: { cpu: { per1kRps: 0.06 }, memoryMiB: { base: 16 } } } });

describe('ztunnel', () => {
  it('one per node of clusters with meshed workloads; placement-aware load plus the even spread of the rest', () => {
    const inv = inventory(
      [n1, n2, node('m1', { cluster: 'c2' })],
      [
        workload('p', { replicas: 3, rps: 300, placement: placement({ n1: 2, n2: 1 }) }),
        workload('q', { replicas: 5, rps: 500 }),
        workload('dns', { namespace: 'kube-system', replicas: 2, rps: 10_000 }), // not meshed: no load
        workload('dns', { cluster: 'c2', namespace: 'kube-system', replicas: 2 }),
      ],
    );
    const { report } = run(inv, ztunnelProfile, H100);
    // p: 2R/r = 600/3 = 200 per pod → n1 400, n2 200; q: 2·500 = 1000 spread over 2 nodes → 500 each
    // n1 load 900 → cpu 0.054; n2 load 700 → cpu 0.042
    // n1: (0.054·0.08 + 0.015625·0.01)·100  = (0.00432 + 0.00015625)·100  = 0.447625
    // n2: (0.042·0.04 + 0.015625·0.005)·100 = (0.00168 + 0.000078125)·100 = 0.1758125
    // one line item for c1: 0.6234375 → 0.62
    expect(report.ambient.ztunnels).toBe(2); // c2's node carries none
    const z = item(report, 'ambient', 'ztunnel');
    expect(z.cluster).toBe('c1');
    expect(z.count).toBe(2);
    expect(z.vcpu).toBeCloseTo(0.096, 12); // 0.054 + 0.042
    expect(z.memoryGiB).toBeCloseTo(0.03125, 12); // 2·0.015625
    expect(z.monthlyCost).toBe(0.62);
  });

  it('spreads the load evenly over the nodes without placement', () => {
    const { report } = run(inventory([n1, n2], [workload('q', { replicas: 5, rps: 500 })]), ztunnelProfile, H100);
    // 2·500 = 1000 → 500 per node → cpu 0.03 each
    // n1: 0.03·0.08 + 0.015625·0.01 = 0.0024 + 0.00015625 = 0.00255625
    // n2: 0.03·0.04 + 0.015625·0.005 = 0.0012 + 0.000078125 = 0.001278125
    // (0.00255625 + 0.001278125)·100 = 0.3834375 → 0.38
    const z = item(report, 'ambient', 'ztunnel');
    expect(z.vcpu).toBeCloseTo(0.06, 12);
    expect(z.monthlyCost).toBe(0.38);
  });

  it('placement on a node outside the cluster joins the even spread', () => {
    const w = workload('p', { replicas: 2, rps: 500, placement: placement({ n1: 1, ghost: 1 }) });
    const { report } = run(inventory([n1, n2], [w]), ztunnelProfile, H100);
    // 2R/r = 500 per pod: n1 gets 500, the ghost pod's 500 is spread 250/250 → n1 750, n2 250
    // vcpu 0.06·(0.75 + 0.25) = 0.06
    // n1: 0.045·0.08 + 0.00015625 = 0.00375625; n2: 0.015·0.04 + 0.000078125 = 0.000678125
    // (0.00375625 + 0.000678125)·100 = 0.4434375 → 0.44
    const z = item(report, 'ambient', 'ztunnel');
    expect(z.vcpu).toBeCloseTo(0.06, 12);
    expect(z.monthlyCost).toBe(0.44);
  });
});

describe('cni', () => {
  // a load coefficient that must NOT be used: the cni has no load term
  const cniProfile = profile({ cni: { usage: { cpu: { per1kRps: 1 } }, requests: { cpu: '100m', memory: '100Mi' } } });

  it('one per node, no load term', () => {
    for (const rps of [0, 100_000]) {
      const { report } = run(inventory([n1, n2], [workload('q', { replicas: 5, rps })]), cniProfile, H100, { basis: 'max' });
      // max(usage at load 0 = 0, requests) = 0.1 vCPU, 100 MiB = 0.09765625 GiB
      // n1: 0.1·0.08 + 0.09765625·0.01  = 0.008 + 0.0009765625   = 0.0089765625
      // n2: 0.1·0.04 + 0.09765625·0.005 = 0.004 + 0.00048828125  = 0.00448828125
      // (0.0089765625 + 0.00448828125)·100 = 1.346484375 → 1.35
      const c = item(report, 'ambient', 'cni');
      expect(c.count).toBe(2);
      expect(c.vcpu).toBeCloseTo(0.2, 12);
      expect(c.memoryGiB).toBeCloseTo(0.1953125, 12);
      expect(c.monthlyCost).toBe(1.35);
    }
  });

  it('is skipped when the profile omits it', () => {
    const { report } = run(inventory([n1, n2], [workload('q', { replicas: 5, rps: 500 })]), ztunnelProfile, H100);
    expect(items(report, 'ambient', 'cni')).toEqual([]);
    expect(items(report, 'ambient', 'ztunnel')).toHaveLength(1);
  });
});

// waypoint usage: cpu 0.25 per 1k rps, memory 64 MiB (0.0625 GiB) flat; default scaling 50k rpm, 0.6, min 2
const waypointProfile = profile({ waypoint: { usage: { cpu: { per1kRps: 0.25 }, memoryMiB: { base: 64 } } } });

describe('waypoints', () => {
  it('one per (cluster, namespace) with L7 workloads, sized from Σ R and priced at the cluster average', () => {
    const inv = inventory(
      [n1, n2],
      [
        workload('a', { rps: 10_000, waypoint: true }),
        workload('b', { rps: 850_000 / 60 - 10_000, waypoint: true }), // shop: R_g = 850,000/60 = 14,166.67 rps
        workload('plain', { rps: 50_000 }), // no waypoint: not in R_g
        workload('pay', { namespace: 'pay', rps: 100, waypoint: true }),
        workload('dns', { namespace: 'kube-system', rps: 100, waypoint: true }), // not meshed
      ],
    );
    const { report, waypoints } = run(inv, waypointProfile, H100);
    expect(report.ambient.waypoints).toBe(2);
    // shop: 850,000 rpm ×1.6 / 50,000 = 27.2 → 28; pay: 2 (min); total 30
    expect(report.ambient.waypointReplicas).toBe(30);
    const shop = item(report, 'ambient', 'waypoint', { namespace: 'shop' });
    // each replica at R_g/28 → total vCPU 0.25·R_g/1000 = 0.25·14.1667 = 3.541667; memory 28·0.0625 = 1.75 GiB
    // (3.541667·0.06 + 1.75·0.0075)·100 = (0.2125 + 0.013125)·100 = 22.5625 → 22.56
    expect(shop.count).toBe(28);
    expect(shop.vcpu).toBeCloseTo(3.5416667, 6);
    expect(shop.memoryGiB).toBeCloseTo(1.75, 12);
    expect(shop.monthlyCost).toBe(22.56);
    const pay = item(report, 'ambient', 'waypoint', { namespace: 'pay' });
    // 60·100·1.6 = 9,600 / 50,000 → 1 → 2 replicas at 50 rps: vcpu 2·0.0125 = 0.025, memory 0.125
    // (0.025·0.06 + 0.125·0.0075)·100 = (0.0015 + 0.0009375)·100 = 0.24375 → 0.24
    expect(pay.count).toBe(2);
    expect(pay.vcpu).toBeCloseTo(0.025, 12);
    expect(pay.monthlyCost).toBe(0.24);
    // two zones (a, b): floor f = max(2, 2) = 2
    expect(waypoints.map((w) => [w.namespace, w.replicas, w.floor, w.replicasForLoad, w.workloads.map((x) => x.name)])).toEqual([
      ['pay', 2, 2, 1, ['pay']],
      ['shop', 28, 2, 28, ['a', 'b']],
    ]);
    expect(waypoints[1]!.rps).toBeCloseTo(850_000 / 60, 9);
    expect(waypoints[1]!.zones).toEqual(['a', 'b']);
  });
});

describe('cross-zone transfer through waypoints (three hops: clients c, waypoint replicas v, servers s)', () => {
  // cluster z: zone a 2 nodes, b 1, c 1 → unplaced pods spread by nodes: weights (2, 1, 1)/4; Z = 3
  const zNodes = [
    node('za1', { cluster: 'z', zone: 'a' }),
    node('za2', { cluster: 'z', zone: 'a' }),
    node('zb', { cluster: 'z', zone: 'b' }),
    node('zc', { cluster: 'z', zone: 'c' }),
  ];
  const H730 = prices(); // H = 730, zoneNetworkEgress 0.01, billBothDirections
  const wp = (over: Parameters<typeof workload>[1] = {}) =>
    workload('w', { cluster: 'z', replicas: 4, rps: 100, waypoint: true, ...over });
  // B = 100·2048·3600·730 = 538,214,400,000 B = 501.2512207 GiB
  // default scaling: k = max(minReplicas 2, zoneSpread → Z = 3, load 1) = 3 → v = (1, 1, 1)/3

  it('clients and servers spread by nodes, replicas evenly; preferClose 0 (a replica in every zone)', () => {
    const { report, waypoints } = run(inventory(zNodes, [wp()]), profile(), H730);
    expect(waypoints[0]).toMatchObject({ replicas: 3, floor: 3, spread: [1, 1, 1] });
    // c = s = (.5, .25, .25): Σc·v = Σv·s = 1/3; Σc·s = .25 + .0625 + .0625 = .375
    // none: (1 − 1/3) + (1 − 1/3) − (1 − .375) = 4/3 − .625 = 0.7083333
    //   501.2512207·0.7083333 = 355.0529480 GiB; ·0.01·2 = 7.1010590 → 7.10
    expect(report.crossZone.variants.none.extraGiB).toBeCloseTo(355.052948, 5);
    expect(report.crossZone.variants.none.extraMonthlyCost).toBe(7.1);
    // preferClose: every zone has a replica (hop1 = 0) and a server (hop2 = 0, direct = 0) → 0
    expect(report.crossZone.variants.preferClose).toEqual({ extraGiB: 0, extraMonthlyCost: 0 });
    expect(report.crossZone).toMatchObject({ locality: 'preferClose', extraMonthlyCost: 0 });
    expect(item(report, 'ambient', 'crossZone')).toMatchObject({ cluster: 'z', namespace: 'shop', count: 1, vcpu: 0, memoryGiB: 0, monthlyCost: 0 });
  });

  it('a single-zone server in 3 zones under none still crosses: the waypoint replicas are in every zone', () => {
    // server w: 4 pods all on za1 (zone a); clients: the cluster's meshed pods, w's 4 in a plus web's 4 unplaced (2, 1, 1)
    const inv = inventory(zNodes, [wp({ placement: placement({ za1: 4 }) }), workload('web', { cluster: 'z', replicas: 4 })]);
    const { report } = run(inv, profile(), H730, { locality: 'none' });
    // c = (6, 1, 1)/8, v = (1, 1, 1)/3, s = (1, 0, 0)
    // Σc·v = 1/3; Σv·s = 1/3; Σc·s = 6/8 = .75
    // none: 2/3 + 2/3 − (1 − .75) = 4/3 − 1/4 = 1.0833333 (v1, looking at s alone, said 1 − Σs² = 0)
    //   501.2512207·1.0833333 = 543.0221558 GiB; ·0.02 = 10.8604431 → 10.86
    expect(report.crossZone.variants.none.extraGiB).toBeCloseTo(543.0221558, 5);
    expect(report.crossZone.extraMonthlyCost).toBe(10.86);
    expect(report.ambient.crossZoneMonthlyCost).toBe(10.86);
    // preferClose: hop1 = 0 (a replica everywhere), q = c; hop2 = Σ q_y·[s_y = 0] = (1 + 1)/8 = .25;
    // direct = Σ c_z·[s_z = 0] = .25 → extra = hop1 + hop2 − direct = 0 + .25 − .25 = 0
    expect(report.crossZone.variants.preferClose).toEqual({ extraGiB: 0, extraMonthlyCost: 0 });
  });

  it('replicas in 2 of 3 zones under preferClose: the clients of the zone without one cross', () => {
    const two = profile({ waypoint: { scaling: { rpmPerReplica: 50_000, headroom: 0.6, minReplicas: 2, zoneSpread: false } } });
    const { report, waypoints } = run(inventory(zNodes, [wp()]), two, H730);
    // k = max(2, 1, 1) = 2, spread over a, b, c in name order → [1, 1, 0]; floor f = max(2, 1) = 2
    expect(waypoints[0]).toMatchObject({ replicas: 2, floor: 2, spread: [1, 1, 0], zoneSpread: false });
    // c = s = (.5, .25, .25), v = (.5, .5, 0)
    // hop1 = c_c·[v_c = 0] = .25; every zone has a server → hop2 = 0, direct = 0; extra = .25
    //   501.2512207·.25 = 125.3128052 GiB; ·0.02 = 2.5062561 → 2.51
    expect(report.crossZone.variants.preferClose.extraGiB).toBeCloseTo(125.3128052, 5);
    expect(report.crossZone.variants.preferClose.extraMonthlyCost).toBe(2.51);
    expect(report.ambient.crossZoneMonthlyCost).toBe(2.51);
    // none: Σc·v = (.5·.5 + .25·.5) = .375 = Σv·s; Σc·s = .375 → .625 + .625 − .625 = .625
    //   501.2512207·.625 = 313.2820129 GiB; ·0.02 = 6.2656403 → 6.27 (reported, not counted)
    expect(report.crossZone.variants.none.extraMonthlyCost).toBe(6.27);
  });

  it('one direction when billBothDirections is false', () => {
    const two = profile({ waypoint: { scaling: { rpmPerReplica: 50_000, headroom: 0.6, minReplicas: 2, zoneSpread: false } } });
    const { report } = run(inventory(zNodes, [wp()]), two, prices({ billBothDirections: false }));
    // the figures above once: none 313.2820129·0.01 = 3.1328201 → 3.13; preferClose 125.3128052·0.01 = 1.2531281 → 1.25
    expect(report.crossZone.variants.none.extraMonthlyCost).toBe(3.13);
    expect(report.crossZone.variants.preferClose.extraMonthlyCost).toBe(1.25);
  });

  it('zone weights from placement when known', () => {
    const { report } = run(inventory(zNodes, [wp({ placement: placement({ za1: 3, zb: 1 }) })]), profile(), H730);
    // c = s = (3, 1, 0)/4, v = (1, 1, 1)/3: Σc·v = Σv·s = 1/3; Σc·s = .5625 + .0625 = .625
    // none: 2/3 + 2/3 − .375 = 0.9583333 → 501.2512207·0.9583333 = 480.3657532 GiB; ·0.02 = 9.6073151 → 9.61
    expect(report.crossZone.variants.none.extraGiB).toBeCloseTo(480.3657532, 5);
    expect(report.crossZone.variants.none.extraMonthlyCost).toBe(9.61);
    // preferClose: zone c has neither clients nor servers: 0
    expect(report.crossZone.variants.preferClose.extraMonthlyCost).toBe(0);
  });

  it('bytes_per_request overrides the 2,048 default', () => {
    const { report } = run(inventory(zNodes, [wp({ bytesPerRequest: 4096 })]), profile(), H730, { locality: 'none' });
    // twice the bytes of the first case: 2·355.0529480 = 710.1058960 GiB ·0.02 = 14.2021179 → 14.20
    expect(report.crossZone.extraMonthlyCost).toBe(14.2);
  });

  it('sums the workloads of one waypoint into one crossZone item; no waypoint, no cross-zone', () => {
    const { report } = run(
      inventory(zNodes, [wp(), workload('v', { cluster: 'z', replicas: 2, rps: 100, waypoint: true }), workload('plain', { cluster: 'z', rps: 1e6 })]),
      profile(),
      H730,
      { locality: 'none' },
    );
    // all unplaced: c = s = (.5, .25, .25) for both; R_g = 200 → k = max(2, 3, 1) = 3, v even: share 0.7083333 each
    // two workloads of 100 rps: 2·7.1010590 = 14.2021179 → 14.20
    expect(item(report, 'ambient', 'crossZone')).toMatchObject({ count: 2, monthlyCost: 14.2 });
  });

  it('a 0-replica waypoint workload adds nothing anywhere, and is counted in a warning', () => {
    const idle = workload('idle', { cluster: 'z', namespace: 'pay', replicas: 0, rps: 20_000, waypoint: true });
    const full = profile({
      sidecar: { usage: { cpu: { per1kRps: 0.2 } } },
      ztunnel: { usage: { cpu: { base: 0.06 } } },
      waypoint: { usage: { cpu: { per1kRps: 0.25 } } },
      controlPlane: { sidecar: { cpu: '500m' }, ambient: { cpu: '500m' } },
    });
    const without = run(inventory(zNodes, [wp()]), full, H730, { locality: 'none' });
    const withIdle = run(inventory(zNodes, [wp(), idle]), full, H730, { locality: 'none' });
    // no pay waypoint (20,000 rps would have asked for ceil(60·20,000·1.6/50,000) = 39 replicas), no pay sidecars, same totals
    expect(withIdle.waypoints.map((w) => w.namespace)).toEqual(['shop']);
    expect(withIdle.report.lineItems).toEqual(without.report.lineItems);
    expect(withIdle.report.inputs.meshedPods).toBe(4);
    expect(withIdle.report.warnings.find((w) => w.code === 'zero-replicas')).toMatchObject({ count: 1, example: 'z/pay/idle' });
  });
});

describe('totals, savings and the report', () => {
  // full profile, basis usage; cni usage = its requests so that the usage basis charges it
  const full = profile(
    {
      sidecar: { usage: { cpu: { per1kRps: 0.2 }, memoryMiB: { base: 96 } }, requests: { cpu: '100m', memory: '128Mi' } },
      ztunnel: { usage: { cpu: { per1kRps: 0.06 }, memoryMiB: { base: 16 } } },
      cni: { usage: { cpu: { base: 0.1 }, memoryMiB: { base: 100 } }, requests: { cpu: '100m', memory: '100Mi' } },
      waypoint: { usage: { cpu: { per1kRps: 0.25 }, memoryMiB: { base: 64 } } },
      controlPlane: { sidecar: { cpu: '500m', memory: '2Gi' }, ambient: { cpu: '250m', memory: '1Gi' } },
    },
    'full',
  );
  const inv = inventory(
    [n1, n2],
    [workload('p', { replicas: 3, rps: 300, waypoint: true, placement: placement({ n1: 2, n2: 1 }) }), workload('q', { replicas: 5, rps: 500 })],
  );

  it('sidecar and ambient totals, savings and percent (preferClose)', () => {
    const { report } = run(inv, full, H100);
    // SIDECAR
    //  p: L = 600/3 = 200 → 0.04 vCPU, 0.09375 GiB; n1 pod-h 0.0032 + 0.0009375 = 0.0041375, n2 0.0016 + 0.00046875 = 0.00206875
    //     (2·0.0041375 + 0.00206875)·100 = 1.034375
    //  q: L = 1000/5 = 200 → same footprint at average: 0.0024 + 0.000703125 = 0.003103125; ·5·100 = 1.5515625
    //  one item (c1/shop): 2.5859375 → 2.59; count 8; vcpu 8·0.04 = 0.32; memory 8·0.09375 = 0.75
    expect(item(report, 'sidecar', 'sidecar')).toMatchObject({ count: 8, monthlyCost: 2.59 });
    //  control plane 4.50 (see above) → sidecar total 7.09
    expect(report.sidecar.monthlyCost).toBe(7.09);
    expect(report.sidecar.proxies).toBe(8);
    expect(report.sidecar.vcpu).toBeCloseTo(0.82, 12); // 0.32 + 0.5
    expect(report.sidecar.memoryGiB).toBeCloseTo(2.75, 12); // 0.75 + 2
    // AMBIENT
    //  ztunnel 0.6234375 → 0.62 (same loads as the ztunnel test); cni 1.346484375 → 1.35
    //  waypoint shop: R = 300 → 60·300·1.6/50,000 = 0.576 → 1 → 2 replicas at 150 rps: vcpu 2·0.0375 = 0.075, memory 0.125
    //     (0.075·0.06 + 0.125·0.0075)·100 = (0.0045 + 0.0009375)·100 = 0.54375 → 0.54
    //  control plane 2.25
    //  cross-zone: preferClose with a waypoint replica in both zones (k = 2, Z = 2) → 0
    //  ambient total = 0.62 + 1.35 + 0.54 + 2.25 + 0 = 4.76
    expect(item(report, 'ambient', 'ztunnel').monthlyCost).toBe(0.62);
    expect(item(report, 'ambient', 'cni').monthlyCost).toBe(1.35);
    expect(item(report, 'ambient', 'waypoint').monthlyCost).toBe(0.54);
    expect(item(report, 'ambient', 'controlPlane').monthlyCost).toBe(2.25);
    expect(item(report, 'ambient', 'crossZone').monthlyCost).toBe(0);
    expect(report.ambient.monthlyCost).toBe(4.76);
    expect(report.ambient.vcpu).toBeCloseTo(0.621, 12); // 0.096 + 0.2 + 0.075 + 0.25
    expect(report.ambient.memoryGiB).toBeCloseTo(1.3515625, 12); // 0.03125 + 0.1953125 + 0.125 + 1
    // savings 7.09 − 4.76 = 2.33; percent 100·2.33/7.09 = 32.8632
    expect(report.savings.monthlyCost).toBe(2.33);
    expect(report.savings.percent).toBeCloseTo(32.86318758815233, 9);
  });

  it('locality none adds the three-hop extra to the ambient total', () => {
    const { report } = run(inv, full, H100, { locality: 'none' });
    // clients: p placed (n1 a 2, n2 b 1) + q's 5 unplaced spread by nodes (2.5, 2.5) → (4.5, 3.5)/8
    // servers p: (2, 1)/3; waypoint k = max(2, Z = 2, 1) = 2 → v = (.5, .5)
    // Σc·v = .5; Σv·s = .5; Σc·s = (4.5·2 + 3.5·1)/24 = 12.5/24 = .5208333
    // extra share (1 − .5) + (1 − .5) − (1 − .5208333) = .5208333
    // B = 300·2048·3600·100 B = 205.99365234375 GiB; ×.5208333 = 107.2883606 GiB
    // ·0.01·2 = 2.1457672 → 2.15; ambient 4.76 + 2.15 = 6.91; savings 7.09 − 6.91 = 0.18; 100·0.18/7.09 = 2.538787
    expect(report.crossZone.variants.none.extraGiB).toBeCloseTo(107.2883606, 6);
    expect(report.ambient.crossZoneMonthlyCost).toBe(2.15);
    expect(report.ambient.monthlyCost).toBe(6.91);
    expect(report.savings.monthlyCost).toBe(0.18);
    expect(report.savings.percent).toBeCloseTo(2.538787023977433, 9);
  });

  it('every total is the sum of its line items, to the cent', () => {
    for (const locality of ['none', 'preferClose'] as const) {
      const { report } = run(inv, full, H100, { locality });
      const side = report.lineItems.filter((i) => i.mode === 'sidecar');
      const amb = report.lineItems.filter((i) => i.mode === 'ambient');
      expect(cents(report.sidecar.monthlyCost)).toBe(sumItemCents(side));
      expect(cents(report.ambient.monthlyCost)).toBe(sumItemCents(amb));
      expect(cents(report.ambient.crossZoneMonthlyCost)).toBe(sumItemCents(amb.filter((i) => i.component === 'crossZone')));
      expect(cents(report.savings.monthlyCost)).toBe(cents(report.sidecar.monthlyCost) - cents(report.ambient.monthlyCost));
    }
  });

  it('savings percent is null when the sidecar total is 0', () => {
    const { report } = run(inv, ztunnelProfile, H100);
    // no sidecar component and no control plane: sidecar total 0; ambient = ztunnel 0.62
    expect(report.sidecar.monthlyCost).toBe(0);
    expect(report.ambient.monthlyCost).toBe(0.62);
    expect(report.savings).toEqual({ monthlyCost: -0.62, percent: null });
  });

  it('has every field of DESIGN section 4', () => {
    const readerWarning = { code: 'reader', message: '{count} odd rows', count: 3, example: 'nodes.csv:2' };
    const { report } = run(inv, full, H100, {}, { warnings: [readerWarning] });
    expect(Object.keys(report).sort()).toEqual(
      ['schemaVersion', 'generatedAt', 'currency', 'hoursPerMonth', 'basis', 'inputs', 'sidecar', 'ambient', 'crossZone', 'savings', 'lineItems', 'waypoints', 'warnings'].sort(),
    );
    expect(report.waypoints).toEqual([{ cluster: 'c1', namespace: 'shop', rps: 300, replicas: 2, floor: 2, zones: 2 }]);
    expect(report).toMatchObject({ schemaVersion: 'mesh-cost/v1', generatedAt: '2025-01-01T00:00:00.000Z', currency: 'USD', hoursPerMonth: 100, basis: 'usage' });
    expect(report.inputs).toEqual({
      sources: ['memory'],
      profile: 'full',
      prices: 'test-prices',
      clusters: 1,
      nodes: 2,
      workloads: 2,
      pods: 8,
      meshedPods: 8,
      scope: { mode: 'all', reason: expect.stringContaining('every namespace outside the excluded ones'), namespaces: 1 },
    });
    expect(Object.keys(report.sidecar).sort()).toEqual(['memoryGiB', 'monthlyCost', 'proxies', 'vcpu']);
    expect(Object.keys(report.ambient).sort()).toEqual(['crossZoneMonthlyCost', 'memoryGiB', 'monthlyCost', 'sidecarsKept', 'vcpu', 'waypointReplicas', 'waypoints', 'ztunnels']);
    expect(report.ambient).toMatchObject({ ztunnels: 2, waypoints: 1, waypointReplicas: 2, sidecarsKept: 0 });
    expect(Object.keys(report.crossZone).sort()).toEqual(['extraGiB', 'extraMonthlyCost', 'locality', 'variants']);
    expect(Object.keys(report.crossZone.variants).sort()).toEqual(['none', 'preferClose']);
    for (const v of Object.values(report.crossZone.variants)) expect(Object.keys(v).sort()).toEqual(['extraGiB', 'extraMonthlyCost']);
    expect(Object.keys(report.savings).sort()).toEqual(['monthlyCost', 'percent']);
    for (const i of report.lineItems) {
      expect(Object.keys(i).sort()).toEqual(['cluster', 'component', 'count', 'environment', 'memoryGiB', 'mode', 'monthlyCost', 'namespace', 'vcpu']);
    }
    // the components in the order DESIGN section 4 lists them per mode
    expect(report.lineItems.map((i) => `${i.mode}/${i.component}`)).toEqual([
      'sidecar/sidecar',
      'sidecar/controlPlane',
      'ambient/ztunnel',
      'ambient/cni',
      'ambient/waypoint',
      'ambient/controlPlane',
      'ambient/crossZone',
    ]);
    expect(report.warnings).toEqual([readerWarning]);
  });

  it('warns when no workload has traffic (not on the requests basis)', () => {
    const idle = inventory([n1, n2], [workload('q', { replicas: 2 })]);
    expect(run(idle, full, H100).report.warnings.map((w) => w.code)).toEqual(['no-traffic']);
    expect(run(idle, full, H100, { basis: 'requests' }).report.warnings).toEqual([]);
  });
});
