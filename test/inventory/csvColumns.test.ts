/**
 * The CSV columns and joins of issue 15: pods' own requests (cpu_request,
 * memory_request), owner_kind over workloads.csv's kind, and a pod on a node nodes.csv
 * does not list (kept, priced at the cluster average, as --kube and --newrelic do).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readCsvInventory, type CsvInputs } from '../../src/inventory/csv/index.js';
import { Warnings, formatWarning } from '../../src/inventory/types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-csv-columns-'));
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

async function read(inputs: CsvInputs) {
  const warnings = new Warnings();
  const inventory = await readCsvInventory(inputs, { warnings });
  return { inventory, warnings: warnings.list().map(formatWarning) };
}

const NODES = 'cluster,node,zone,vcpu,memory\nprd,n1,z1,4,16Gi\nprd,n2,z2,4,16Gi\n';

describe("pods' own requests in CSV", () => {
  it("reads workloads.csv's one-pod requests, either alone counting the other as 0", async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas,cpu_request,memory_request\nprd,a,web,3,250m,512Mi\nprd,a,job,1,,1Gi\nprd,a,bare,1,,\n');
    const { inventory } = await read({ nodes, workloads });
    const w = Object.fromEntries(inventory.workloads.map((x) => [x.name, x]));
    expect(w.web!.podRequests).toEqual({ cpu: 0.25, memoryMiB: 512 });
    expect(w.job!.podRequests).toEqual({ cpu: 0, memoryMiB: 1024 });
    expect(w.bare).not.toHaveProperty('podRequests');
  });

  it("takes the mean over pods.csv's pods that give requests, counts those that do not, and wins over workloads.csv", async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas,cpu_request,memory_request\nprd,a,web,3,1,1Gi\n');
    const pods = await file(
      'pods.csv',
      'cluster,namespace,pod,node,owner_kind,owner_name,cpu_request,memory_request\nprd,a,web-1,n1,Deployment,web,100m,128Mi\nprd,a,web-2,n2,Deployment,web,300m,384Mi\nprd,a,web-3,n2,Deployment,web,,\n',
    );
    const { inventory } = await read({ nodes, workloads, pods });
    // (100m + 300m) / 2 = 0.2 vCPU; (128 + 384) / 2 = 256 MiB; web-3 gives none
    expect(inventory.workloads[0]).toMatchObject({ podRequests: { cpu: 0.2, memoryMiB: 256 }, podsWithoutRequests: 1 });
  });

  it('rejects a request that is not a quantity, at file:line:column', async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,replicas,cpu_request\nprd,a,web,3,lots\n');
    const e = await readCsvInventory({ nodes, workloads }, { warnings: new Warnings() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe(`${workloads}:2:5: cpu_request: expected a cpu quantity up to 10000 (e.g. 250m or 0.5), found "lots"`);
  });
});

describe('pods.csv and workloads.csv together', () => {
  it("uses owner_kind over workloads.csv's kind, with a counted warning naming both", async () => {
    const nodes = await file('nodes.csv', NODES);
    const workloads = await file('workloads.csv', 'cluster,namespace,workload,kind,replicas\nprd,a,db,Deployment,1\nprd,a,web,,1\n');
    const pods = await file('pods.csv', 'cluster,namespace,pod,node,owner_kind,owner_name\nprd,a,db-0,n1,StatefulSet,db\nprd,a,web-0,n1,StatefulSet,web\n');
    const { inventory, warnings } = await read({ nodes, workloads, pods });
    expect(inventory.workloads.map((w) => [w.name, w.kind])).toEqual([
      ['db', 'StatefulSet'],
      ['web', 'StatefulSet'],
    ]);
    // web wrote no kind (the Deployment default): nothing to disagree with
    expect(warnings).toEqual([
      `1 workload has a kind in ${workloads} that its pods' owner_kind contradicts: owner_kind is used (first: prd/a/db: Deployment in ${workloads}, StatefulSet in ${pods})`,
    ]);
  });

  it('keeps a pod on a node absent from nodes.csv, priced at the cluster average, with a counted warning', async () => {
    const nodes = await file('nodes.csv', NODES);
    const pods = await file('pods.csv', 'cluster,namespace,pod,node,owner_kind,owner_name\nprd,a,x-1,n1,Deployment,x\nprd,a,x-2,gone,Deployment,x\nprd,a,x-3,gone,Deployment,x\n');
    const { inventory, warnings } = await read({ nodes, pods });
    expect(inventory.workloads[0]).toMatchObject({ replicas: 3, placement: new Map([['n1', 1], ['gone', 2]]) });
    expect(warnings).toEqual([`2 pods of ${pods} run on nodes absent from ${nodes}: they are priced at the cluster average (first: ${pods}:3: prd/gone)`]);
  });

  it('still rejects a pod of a cluster with no nodes at all: nothing to price it at', async () => {
    const nodes = await file('nodes.csv', NODES);
    const pods = await file('pods.csv', 'cluster,namespace,pod,node,owner_kind,owner_name\nqa,a,x-1,q1,Deployment,x\n');
    const e = await readCsvInventory({ nodes, pods }, { warnings: new Warnings() }).catch((x: unknown) => x);
    expect((e as InputError).message).toBe(`${pods}:2:1: cluster: expected a cluster with nodes in ${nodes}, found "qa"`);
  });
});
