import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closest } from '../../src/didYouMean.js';
import { InputError } from '../../src/errors.js';
import { csvReader, readCsvInventory, type CsvInputs } from '../../src/inventory/csv/index.js';
import { Warnings, formatWarning } from '../../src/inventory/types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
/** writes a temp CSV and returns its path */
async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, `${n++}-${name}`);
  await writeFile(path, content);
  return path;
}

const NODES = `cluster,environment,node,zone,instance_type,capacity_type,vcpu,memory,hourly_price
prd,production,n1,us-east-1a,m5.xlarge,on-demand,4,16Gi,0.192
prd,production,n2,us-east-1b,m5.xlarge,spot,3920m,15.5Gi,
stg,,s1,us-east-1a,,,2,8G,
`;

async function read(inputs: CsvInputs) {
  const warnings = new Warnings();
  const inventory = await readCsvInventory(inputs, { warnings });
  return { inventory, warnings: warnings.list().map(formatWarning) };
}

/** the InputError a read throws */
async function fail(inputs: CsvInputs): Promise<InputError> {
  try {
    await readCsvInventory(inputs, { warnings: new Warnings() });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('csv reader: happy path', () => {
  it('reads nodes, workloads and pods, with placement from pods', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file(
      'workloads.csv',
      `cluster,namespace,workload,kind,replicas,rps,bytes_per_request,waypoint,canary,host_network
prd,shop,cart,,3,1e3,4Ki,true,no,
prd,shop,web,Deployment,2,250,,yes,1,false
stg,shop,cart,statefulset,1,0,,,,
`,
    );
    const pods = await file(
      'pods.csv',
      `cluster,namespace,pod,node,owner_kind,owner_name,host_network
prd,shop,cart-1,n1,Deployment,cart,
prd,shop,cart-2,n2,Deployment,cart,
prd,shop,cart-3,n2,Deployment,cart,
prd,shop,cart-4,n2,Deployment,cart,
prd,shop,web-1,n1,Deployment,web,true
`,
    );
    const { inventory, warnings } = await read({ nodes, workloads, pods });
    expect(warnings).toEqual([]);
    expect(inventory.sources).toEqual([nodes, workloads, pods]);
    expect(inventory.pods).toBe(5);
    expect(inventory.nodes).toEqual([
      { cluster: 'prd', environment: 'production', name: 'n1', zone: 'us-east-1a', instanceType: 'm5.xlarge', capacityType: 'on-demand', vcpu: 4, memoryGiB: 16, hourlyPrice: 0.192 },
      { cluster: 'prd', environment: 'production', name: 'n2', zone: 'us-east-1b', instanceType: 'm5.xlarge', capacityType: 'spot', vcpu: 3.92, memoryGiB: 15.5 },
      { cluster: 'stg', environment: 'stg', name: 's1', zone: 'us-east-1a', capacityType: 'on-demand', vcpu: 2, memoryGiB: 8e9 / 2 ** 30 },
    ]);
    const [cart, web, stgCart] = inventory.workloads;
    // pods override replicas (3 → 4) and give placement
    expect(cart).toEqual({
      cluster: 'prd', environment: 'production', namespace: 'shop', name: 'cart', kind: 'Deployment',
      replicas: 4, rps: 1000, bytesPerRequest: 4096, waypoint: true, canary: false, hostNetwork: false,
      placement: new Map([['n1', 1], ['n2', 3]]), origin: { file: workloads, line: 2 },
    });
    expect(web).toMatchObject({ replicas: 1, waypoint: true, canary: true, hostNetwork: true, placement: new Map([['n1', 1]]) });
    // no pods: keeps its replicas, no placement; kind normalized; environment from its cluster's nodes
    expect(stgCart).toMatchObject({ kind: 'StatefulSet', replicas: 1, environment: 'stg', origin: { file: workloads, line: 4 } });
    expect(stgCart!.placement).toBeUndefined();
  });

  it('is the csv entry of the reader registry', async () => {
    const nodes = await file('nodes.csv', NODES);
    const inventory = await csvReader.read({ nodes }, { warnings: new Warnings() });
    expect(csvReader.name).toBe('csv');
    expect(inventory).toMatchObject({ sources: [nodes], workloads: [], pods: 0 });
  });

  it('sums replicas as the pod count when there is no pods.csv', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas\nprd,a,x,3\nprd,a,y,0\nstg,b,z,2\n');
    const { inventory } = await read({ nodes, workloads });
    expect(inventory.pods).toBe(5);
    expect(inventory.workloads.map((w) => [w.environment, w.kind, w.rps, w.waypoint])).toEqual([
      ['production', 'Deployment', 0, false],
      ['production', 'Deployment', 0, false],
      ['stg', 'Deployment', 0, false],
    ]);
  });

  it('takes an explicit workload environment over the nodes one', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,environment,namespace,workload,replicas\nprd,canary-env,a,x,1\nprd,,a,y,1\n');
    const { inventory } = await read({ nodes, workloads });
    expect(inventory.workloads.map((w) => w.environment)).toEqual(['canary-env', 'production']);
  });

  it('builds workloads from pods alone, without warning', async () => {
    const nodes = await file('nodes.csv', NODES);
    const pods = await file(
      'pods.csv',
      'cluster,namespace,pod,node,owner_kind,owner_name\nprd,a,x-1,n1,StatefulSet,x\nprd,a,x-2,n1,StatefulSet,x\nstg,kube-system,static,s1,,\n',
    );
    const { inventory, warnings } = await read({ nodes, pods });
    expect(warnings).toEqual([]);
    expect(inventory.pods).toBe(3);
    expect(inventory.workloads).toEqual([
      { cluster: 'prd', environment: 'production', namespace: 'a', name: 'x', kind: 'StatefulSet', replicas: 2, rps: 0, waypoint: false, canary: false, hostNetwork: false, placement: new Map([['n1', 2]]), origin: { file: pods, line: 2 } },
      // a pod without owner is its own workload
      expect.objectContaining({ name: 'static', kind: 'Pod', environment: 'stg', replicas: 1 }),
    ]);
  });

  it('counts pods whose owner is absent from workloads.csv in one warning', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas\nprd,a,x,1\n');
    const pods = await file(
      'pods.csv',
      'cluster,namespace,pod,node,owner_kind,owner_name\nprd,a,x-1,n1,Deployment,x\nprd,a,y-1,n1,Deployment,y\nprd,a,y-2,n2,Deployment,y\nprd,b,z-1,n2,DaemonSet,z\n',
    );
    const { inventory, warnings } = await read({ nodes, workloads, pods });
    expect(warnings).toEqual([`3 pods reference workloads absent from workloads.csv (first: ${pods}:3: Deployment a/y in cluster prd)`]);
    expect(inventory.workloads.map((w) => [w.name, w.kind, w.replicas])).toEqual([['x', 'Deployment', 1], ['y', 'Deployment', 2], ['z', 'DaemonSet', 1]]);
  });
});

describe('csv reader: quantities', () => {
  it('reads cpu and memory quantities and capacity type spellings', async () => {
    const nodes = await file(
      'nodes.csv',
      `cluster,node,zone,vcpu,memory,capacity_type
c,a,z,250m,512Mi,ON_DEMAND
c,b,z,1e1,64G,SPOT
c,c,z,.5,1Ti,ondemand
c,d,z,+2,1073741824,Spot
`,
    );
    const { inventory, warnings } = await read({ nodes });
    expect(inventory.nodes.map((x) => [x.vcpu, x.memoryGiB, x.capacityType])).toEqual([
      [0.25, 0.5, 'on-demand'],
      [10, 64e9 / 2 ** 30, 'spot'],
      [0.5, 1024, 'on-demand'],
      [2, 1, 'spot'],
    ]);
    expect(warnings).toHaveLength(1); // 512Mi is below 1 GiB
  });

  it('warns once, with a count, about memory that looks like bytes meant as Gi', async () => {
    const nodes = await file('nodes.csv', 'cluster,node,zone,vcpu,memory\nc,a,z,4,16\nc,b,z,4,32\nc,c,z,4,16Gi\n');
    const { warnings } = await read({ nodes });
    expect(warnings).toEqual([
      `2 nodes have less than 1 GiB of memory; a bare number is bytes, as in Kubernetes: did you mean Gi (e.g. "16Gi")? (first: ${nodes}:2:5: memory "16")`,
    ]);
  });
});

describe('csv reader: headers and encoding', () => {
  it('matches headers case-insensitively, trimmed, with - or space for _', async () => {
    const nodes = await file('nodes.csv', ' Cluster ,NODE,Zone,Instance-Type,capacity type,VCPU,Memory\nc,a,z,m5.large,spot,2,8Gi\n');
    const { inventory } = await read({ nodes });
    expect(inventory.nodes[0]).toMatchObject({ instanceType: 'm5.large', capacityType: 'spot', vcpu: 2 });
  });

  it('handles a BOM, CRLF, quoted commas and newlines, blank lines, and counts lines truly', async () => {
    const nodes = await file('nodes.csv', '\uFEFFcluster,node,zone,vcpu,memory\r\nc,n1,z,4,16Gi\r\n');
    const workloads = await file(
      'workloads.csv',
      '\uFEFFcluster,namespace,workload,kind,replicas\r\n' +
        'c,ns,"a,b","multi\r\nline\r\nkind",1\r\n' +
        '\r\n' +
        ',,,,\r\n' +
        'c,ns,x,,2\r\n' +
        'c,ns,bad,,many\r\n',
    );
    const e = await fail({ nodes, workloads });
    // the CRLFs inside the quoted field count once each, the blank rows count too
    expect(e.message).toBe(`${workloads}:8:5: replicas: expected a whole number of replicas from 0 to 1000000, found "many"`);

    const fixed = await file('workloads.csv', '\uFEFFcluster,namespace,workload,kind,replicas\r\nc,ns,"a,b","multi\r\nline",1\r\n\r\nc,ns,"x ""quoted""",,2\r\n');
    const { inventory } = await read({ nodes, workloads: fixed });
    expect(inventory.workloads.map((w) => [w.name, w.kind, w.origin?.line])).toEqual([
      ['a,b', 'multi\r\nline', 2],
      ['x "quoted"', 'Deployment', 5],
    ]);
  });

  it('warns about unknown columns with a did-you-mean hint', async () => {
    const nodes = await file('nodes.csv', 'cluster,node,zone,vcpu,memory,hourly-prices,colour,\nc,a,z,2,4Gi,0.1,red,\n');
    const { inventory, warnings } = await read({ nodes });
    expect(inventory.nodes[0]).not.toHaveProperty('hourlyPrice');
    // one warning for the whole header, each column named with its hint
    expect(warnings).toEqual([
      `${nodes}:1: 3 unknown columns ignored: "hourly-prices" (column 6, did you mean "hourly_price"?), "colour" (column 7), a column without a name (column 8); columns this file also takes: environment, instance_type, capacity_type, hourly_price`,
    ]);
  });

  it('does not suggest a column the header already has', async () => {
    const nodes = await file('nodes.csv', NODES);
    const pods = await file('pods.csv', 'cluster,namespace,pod,pod_ip,node,owner_kind,owner_name\nprd,a,x-1,10.0.0.1,n1,Deployment,x\n');
    const { warnings } = await read({ nodes, pods });
    expect(warnings).toEqual([`${pods}:1:4: unknown column "pod_ip" ignored; columns this file also takes: host_network, cpu_request, memory_request`]);
  });

  it('suggests columns by containment too', () => {
    const known = ['cluster', 'node', 'zone', 'vcpu', 'memory'];
    expect(closest('node_name', known)).toBe('node');
    expect(closest('cpu', known)).toBe('vcpu');
    expect(closest('mem', known)).toBe('memory');
    expect(closest('clutser', known)).toBe('cluster');
    expect(closest('colour', known)).toBeUndefined();
  });

  it('warns about header-only workloads and pods files', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas\n');
    const pods = await file('pods.csv', 'cluster,namespace,pod,node,owner_kind,owner_name\n\n');
    const { inventory, warnings } = await read({ nodes, workloads, pods });
    expect(inventory.workloads).toEqual([]);
    expect(inventory.pods).toBe(0);
    expect(warnings).toEqual([`${workloads}: no workloads below the header`, `${pods}: no pods below the header`]);
  });
});

describe('csv reader: errors', () => {
  const nodesHeader = 'cluster,node,zone,vcpu,memory\n';

  it.each([
    ['12x', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "12x"', 'vcpu'],
    ['-100m', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "-100m"', 'vcpu'],
    ['NaN', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "NaN"', 'vcpu'],
    ['Infinity', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "Infinity"', 'vcpu'],
    ['0', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "0"', 'vcpu'],
    ['20000', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "20000"', 'vcpu'],
    ['', 'vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found ""', 'vcpu'],
  ])('rejects vcpu %j at the cell', async (value, message) => {
    const nodes = await file('nodes.csv', `${nodesHeader}c,a,z,4,16Gi\nc,b,z,${value},16Gi\n`);
    const e = await fail({ nodes });
    expect(e.message).toBe(`${nodes}:3:4: ${message}`);
    expect(e.location).toEqual({ file: nodes, line: 3, column: 4 });
  });

  it('rejects a bad memory quantity and a missing zone', async () => {
    const nodes = await file('nodes.csv', `${nodesHeader}c,a,z,4,1.5.0Gi\nc,b,,4,16Gi\n`);
    const e = await fail({ nodes });
    expect(e.message).toBe(`${nodes}:2:5: memory: expected a positive memory quantity up to 1Pi (e.g. 16Gi), found "1.5.0Gi"`);
    expect(e.more).toEqual([`${nodes}:3:3: zone: expected a value, found ""`]);
  });

  it('rejects a bad capacity type and a bad hourly price', async () => {
    const nodes = await file('nodes.csv', 'cluster,node,zone,vcpu,memory,capacity_type,hourly_price\nc,a,z,4,16Gi,preemptible,-1\n');
    const e = await fail({ nodes });
    expect(e.message).toBe(`${nodes}:2:6: capacity_type: expected on-demand or spot, found "preemptible"`);
    expect(e.more).toEqual([`${nodes}:2:7: hourly_price: expected a price per hour, 0 to 10000 (e.g. 0.192), found "-1"`]);
  });

  it('rejects bad workload cells', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file(
      'workloads.csv',
      `cluster,namespace,workload,replicas,rps,bytes_per_request,waypoint
prd,a,x,2.5,1,,
prd,a,y,2000000,-5,0,maybe
prd,,z,1,,,
`,
    );
    const e = await fail({ nodes, workloads });
    expect([e.message, ...e.more]).toEqual([
      `${workloads}:2:4: replicas: expected a whole number of replicas from 0 to 1000000, found "2.5"`,
      `${workloads}:3:4: replicas: expected a whole number of replicas from 0 to 1000000, found "2000000"`,
      `${workloads}:3:5: rps: expected requests/s from 0 to 1e9 (e.g. 250 or 1e3), found "-5"`,
      `${workloads}:3:6: bytes_per_request: expected a positive number of bytes up to 1Gi (e.g. 2048 or 2Ki), found "0"`,
      `${workloads}:3:7: waypoint: expected true or false (or yes/no, 1/0), found "maybe"`,
      `${workloads}:4:2: namespace: expected a value, found ""`,
    ]);
  });

  it('collects 20 problems in detail and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `c,n${i},z,x,16Gi`).join('\n');
    const nodes = await file('nodes.csv', `${nodesHeader}${rows}\n`);
    const e = await fail({ nodes });
    expect(e.message).toMatch(/:2:4: vcpu: /);
    expect(e.more).toHaveLength(19);
    expect(e.more[18]).toMatch(/:21:4: vcpu: /);
    expect(e.unlisted).toBe(5);
  });

  it('shows the problem that stopped reading even when 20 are already listed, and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `c,n${i},z,x,16Gi`).join('\n');
    const nodes = await file('nodes.csv', `${nodesHeader}${rows}\n`);
    const missing = join(dir, 'nope.csv');
    const e = await fail({ nodes, workloads: missing });
    expect(e.more).toHaveLength(19);
    expect(e.more[18]).toBe(`${missing}: cannot read: no such file`);
    expect(e.unlisted).toBe(6); // 25 bad cells + the missing file = 26 problems, 20 listed
  });

  it('names both lines of a duplicate node and of a duplicate workload', async () => {
    const nodes = await file('nodes.csv', `${nodesHeader}c,a,z,4,16Gi\nc,b,z,4,16Gi\nc,a,z,4,16Gi\nd,a,z,4,16Gi\n`);
    expect((await fail({ nodes })).message).toBe(`${nodes}:4: duplicate node: cluster "c", node "a" is also on line 2`);

    const ok = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas\nprd,a,x,1\nprd,b,x,1\nprd,a,x,2\n');
    expect((await fail({ nodes: ok, workloads })).message).toBe(
      `${workloads}:4: duplicate workload: cluster "prd", namespace "a", workload "x" is also on line 2`,
    );
  });

  it('rejects a workload in a cluster without nodes', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas\nprd,a,x,1\nqa,a,x,1\n');
    expect((await fail({ nodes, workloads })).message).toBe(
      `${workloads}:3:1: cluster: expected a cluster with nodes in ${nodes} (prd, stg), found "qa"`,
    );
  });

  it('requires nodes.csv with workloads or pods, and some input', async () => {
    expect((await fail({ workloads: 'w.csv' })).message).toBe(
      "--workloads needs the clusters' nodes too: pass --nodes FILE (a nodes.csv with cluster, node, zone, vcpu, memory)",
    );
    expect((await fail({ pods: 'p.csv' })).message).toMatch(/^--pods needs .*pass --nodes FILE/);
    expect((await fail({})).message).toMatch(/^no CSV input: pass --nodes FILE/);
  });

  it('rejects missing and duplicate columns at line 1', async () => {
    const missing = await file('nodes.csv', 'cluster,node,vcpu,memory\nc,a,4,16Gi\n');
    expect((await fail({ nodes: missing })).message).toBe(
      `${missing}:1: missing required column "zone": expected a header with cluster, node, zone, vcpu, memory, found "cluster, node, vcpu, memory"`,
    );
    const twice = await file('nodes.csv', 'cluster,node,zone,vcpu,Node,memory\nc,a,z,4,a,16Gi\n');
    expect((await fail({ nodes: twice })).message).toBe(`${twice}:1:5: duplicate column "node": it is also column 2`);
  });

  it('rejects an empty nodes.csv and one with no rows', async () => {
    const empty = await file('nodes.csv', '');
    expect((await fail({ nodes: empty })).message).toBe(`${empty}: expected a header row (cluster, node, zone, vcpu, memory), found an empty file`);
    const headerOnly = await file('nodes.csv', nodesHeader);
    expect((await fail({ nodes: headerOnly })).message).toBe(`${headerOnly}: expected at least one node below the header, found only the header`);
  });

  it('reports files it cannot read', async () => {
    const missing = join(dir, 'nope.csv');
    expect((await fail({ nodes: missing })).message).toBe(`${missing}: cannot read: no such file`);
    const folder = join(dir, 'folder.csv');
    await mkdir(folder);
    expect((await fail({ nodes: folder })).message).toBe(`${folder}: cannot read: is a directory, expected a CSV file`);
  });

  it('keeps problems found before a file that cannot be read', async () => {
    const nodes = await file('nodes.csv', `${nodesHeader}c,a,z,x,16Gi\n`);
    const e = await fail({ nodes, workloads: join(dir, 'nope.csv') });
    expect(e.message).toMatch(/:2:4: vcpu: /);
    expect(e.more).toEqual([`${join(dir, 'nope.csv')}: cannot read: no such file`]);
  });

  it('reports invalid UTF-8 at its line and field', async () => {
    const nodes = await file('nodes.csv', Buffer.concat([Buffer.from(`${nodesHeader}c,a,z,4,16Gi\nc,b,z`), Buffer.from([0xe9]), Buffer.from(',4,16Gi\n')]));
    expect((await fail({ nodes })).message).toBe(`${nodes}:3:3: expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)`);
  });

  it('turns syntax errors into plain messages at file:line:field', async () => {
    const unterminated = await file('nodes.csv', `${nodesHeader}c,a,z,4,16Gi\nc,"b,z,4,16Gi\nc,x,z,4,16Gi\n`);
    expect((await fail({ nodes: unterminated })).message).toBe(
      `${unterminated}:3:2: unterminated quoted field: expected a closing quote ("), found the end of the file`,
    );
    const closing = await file('nodes.csv', `${nodesHeader}c,"a"b,z,4,16Gi\n`);
    expect((await fail({ nodes: closing })).message).toBe(
      `${closing}:2:2: invalid closing quote: expected a comma or the end of the line after a closing quote, found "b"`,
    );
    // an unterminated quote must not swallow a huge file into memory
    const runaway = await file('nodes.csv', `${nodesHeader}c,a,z,4,16Gi\nc,b,"z,4,16Gi\n${'c,x,z,4,16Gi\n'.repeat(100_000)}`);
    expect((await fail({ nodes: runaway })).message).toBe(
      `${runaway}:3:3: row too long: expected a row under 1 MiB, found more than 1 MiB without a line break outside quotes (an unterminated quoted field, or not a CSV file?)`,
    );
    const opening = await file('nodes.csv', `${nodesHeader}c,a"b,z,4,16Gi\n`);
    expect((await fail({ nodes: opening })).message).toMatch(new RegExp(`^${opening}:2:2: unexpected quote: expected a field either wholly in quotes`));
  });

  it('rejects a row with the wrong number of fields and goes on', async () => {
    const nodes = await file('nodes.csv', `${nodesHeader}c,a,z,4\nc,b,z,4,16Gi,extra\nc,c,z,x,16Gi\n`);
    const e = await fail({ nodes });
    expect([e.message, ...e.more]).toEqual([
      `${nodes}:2: expected 5 fields as in the header, found 4`,
      `${nodes}:3: expected 5 fields as in the header, found 6`,
      `${nodes}:4:4: vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "x"`,
    ]);
  });
});

describe('csv reader: stdin', () => {
  it('reads - from stdin, calls it <stdin>, and refuses to read it a second time', async () => {
    const real = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(NODES)]), configurable: true });
    try {
      const { inventory } = await read({ nodes: '-' });
      expect(inventory.sources).toEqual(['<stdin>']);
      expect(inventory.nodes).toHaveLength(3);
      // a second pass (usage.csv's replay) would find stdin empty: an error, not an empty result
      expect((await fail({ nodes: '-' })).message).toBe('<stdin>: cannot read stdin a second time: pass a file instead of "-"');
    } finally {
      Object.defineProperty(process, 'stdin', real);
    }
  });
});

describe('csv reader: scale', () => {
  it('streams many pod rows into per-owner counts, reporting progress', async () => {
    const rows = 120_000;
    const lines = ['cluster,namespace,pod,node,owner_kind,owner_name'];
    for (let i = 0; i < rows; i++) lines.push(`prd,ns${i % 10},p${i},n${(i % 2) + 1},Deployment,w${i % 100}`);
    const nodes = await file('nodes.csv', NODES);
    const pods = await file('pods.csv', `${lines.join('\n')}\n`);
    const progress: number[] = [];
    const inventory = await readCsvInventory({ nodes, pods }, { warnings: new Warnings(), progress: (done) => progress.push(done) });
    expect(inventory.pods).toBe(rows);
    expect(inventory.workloads).toHaveLength(100);
    expect(inventory.workloads.reduce((s, w) => s + w.replicas, 0)).toBe(rows);
    expect(inventory.workloads[0]!.placement).toEqual(new Map([['n1', 1200]]));
    expect(progress).toEqual([50_000, 100_000]);
  });
});
