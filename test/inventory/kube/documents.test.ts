import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readObjects, readStream, type Place } from '../../../src/inventory/kube/documents.js';
import type { KubeObject } from '../../../src/inventory/kube/objects.js';
import { list, node, pod } from './objects.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-kube-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** every object read from `chunks`, with where it was */
async function objects(chunks: (string | Buffer)[]): Promise<{ obj: KubeObject; place: Place }[]> {
  const out: { obj: KubeObject; place: Place }[] = [];
  await readStream(Readable.from(chunks), 'in.json', (obj, place) => out.push({ obj, place }));
  return out;
}

async function failure(chunks: string[]): Promise<string> {
  try {
    await objects(chunks);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('kubectl documents', () => {
  it('hands over each item of a List, in order, with its index', async () => {
    const items = [node('n1'), pod('shop', 'web-1'), pod('shop', 'web-2')];
    const got = await objects([list(items)]);
    expect(got.map((g) => g.obj)).toEqual(items);
    expect(got.map((g) => g.place)).toEqual([0, 1, 2].map((i) => ({ file: 'in.json', item: `items[${i}]` })));
  });

  it('takes the kind of kind-less items from a NodeList/PodList (the API server leaves it off)', async () => {
    const raw = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'a', namespace: 'x' } }] });
    const [only] = await objects([raw]);
    expect(only!.obj.kind).toBe('Pod');
  });

  it('reads a single object, and documents that follow one another', async () => {
    const got = await objects([`${JSON.stringify(node('n1'))}\n${list([pod('a', 'p')])}\n`]);
    expect(got.map((g) => [g.obj.kind, g.place.item])).toEqual([
      ['Node', undefined],
      ['Pod', 'items[0]'],
    ]);
  });

  it('skips a byte-order mark and leading blank lines', async () => {
    const got = await objects(['\uFEFF', '\n\n  ', list([node('n1')])]);
    expect(got).toHaveLength(1);
  });

  it('gives the same objects however the input is cut into chunks (UTF-8 split mid-character too)', async () => {
    const items = [node('nœud-1'), pod('café', 'pod-✓', { node: 'nœud-1', annotations: { note: 'ünïcödé "quoted" \\ back' } })];
    const bytes = Buffer.from(list(items));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = at.slice(1).map((end, i) => bytes.subarray(at[i], end));
        expect((await objects(chunks)).map((g) => g.obj)).toEqual(items);
      }),
      { numRuns: 60 },
    );
  });

  it('reads what kubectl really prints: "items": null, sorted keys, a kind-less typed list', async () => {
    // kubectl cluster-info dump --output-directory writes an empty namespace's pods so (Go's nil slice)
    expect(await objects(['{"apiVersion": "v1", "items": null, "kind": "PodList", "metadata": {}}'])).toEqual([]);
    // jq -S: `items` before `kind`, items without kind (a PodList from the API server)
    const sorted = '{"apiVersion": "v1", "items": [{"metadata": {"name": "a", "namespace": "x"}}, {"metadata": {"name": "b", "namespace": "x"}}], "kind": "PodList", "metadata": {}}';
    const got = await objects([sorted]);
    expect(got.map((g) => [g.obj.kind, g.obj.metadata?.name, g.place.item])).toEqual([
      ['Pod', 'a', 'items[0]'],
      ['Pod', 'b', 'items[1]'],
    ]);
    // a List keeps its items' own kinds, whatever the order of keys
    expect((await objects([JSON.stringify({ items: [node('n1')], kind: 'List' })])).map((g) => g.obj.kind)).toEqual(['Node']);
    expect(await failure(['{"items": [{"metadata": {}}], "kind": "List"}'])).toMatch(/items\[0\]: expected a Kubernetes object with a "kind", found none$/);
  });

  it('says what the stdout of `kubectl cluster-info dump` is, and what to run instead', async () => {
    const dump = `${list([node('n1')], 'NodeList')}\n${list([], 'EventList')}\n==== START logs for container istio-proxy of pod shop/web-1 ====\n2025-06-02T09:14:27Z info envoy\n`;
    const message = 'in.json: found the stdout of `kubectl cluster-info dump` (JSON documents followed by containers\' logs), which mesh-cost cannot read as one input: run `kubectl get nodes,pods -A -o json` instead, or pass the nodes.json and */pods.json that `kubectl cluster-info dump --output-directory DIR` writes';
    expect(await failure([dump])).toBe(message);
    // the marker cut between two chunks
    const cut = dump.indexOf('START logs') + 3;
    expect(await failure([dump.slice(0, cut), dump.slice(cut)])).toBe(message);
  });

  it("says when kubectl's own error text was piped in", async () => {
    for (const text of [
      'error: You must be logged in to the server (Unauthorized)\n',
      'Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout\n',
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      'E1201 09:14:27.123456   4242 memcache.go:265] couldn\'t get current server API group list\n',
    ]) {
      const line = text.trimEnd();
      expect(await failure([text])).toBe(`in.json: found kubectl's own error message instead of its JSON ("${line.slice(0, 100)}"): fix kubectl's access to the cluster, then run \`kubectl get nodes,pods -A -o json\` again`);
    }
  });

  it('rejects what is not a List or an object, with what it found', async () => {
    expect(await failure(['[1, 2]'])).toMatch(/^in\.json: expected the JSON output of `kubectl get nodes,pods -A -o json` \(a List or a Kubernetes object\), found a JSON array$/);
    expect(await failure(['{"metadata": {}}'])).toMatch(/found a JSON object without "kind"$/);
    expect(await failure(['{"kind": "ConfigMap", "items": []}'])).toMatch(/expected a List \(kind List, NodeList, PodList, …\), found kind ConfigMap with items$/);
    expect(await failure(['{"kind": "PodList"}'])).toMatch(/expected a PodList with an "items" array, found none$/);
    expect(await failure(['{"kind": "List", "items": [{"metadata": {}}]}'])).toMatch(/items\[0\]: expected a Kubernetes object with a "kind", found none$/);
    expect(await failure(['{"kind": "List", "items": [{"kind": "Node"}, "x"]}'])).toMatch(/items\[1\]: expected a Kubernetes object, found a JSON string$/);
  });

  it('says when the input is YAML, empty, or cut short', async () => {
    expect(await failure(['apiVersion: v1\nkind: List\n'])).toBe('in.json: expected the JSON output of `kubectl get nodes,pods -A -o json`, found text starting "apiVersion: v1" (YAML? run kubectl with -o json)');
    expect(await failure(['No resources found\n'])).toMatch(/found text starting "No resources found"$/);
    expect(await failure([' \n'])).toMatch(/found an empty input$/);
    expect(await failure(['{"kind": "List", "items": [{"kind": "No'])).toMatch(/found invalid JSON: the input ends inside a JSON value \(cut short\?\)$/);
  });

  it('locates a syntax error in a file at line:column', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "kind": "List",\n  "items": [\n    {"kind": "Node"},,\n  ]\n}\n');
    const error = await readObjects(file, () => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${file}:4:22: expected the JSON output of \`kubectl get nodes,pods -A -o json\`, found invalid JSON: expected a value`);
  });

  it('reports a missing file in one line, and lets errors of the caller through as they are', async () => {
    await expect(readObjects(join(dir, 'absent.json'), () => {})).rejects.toThrow(/absent\.json: cannot read: no such file$/);
    const bug = new TypeError('a bug in the caller');
    await expect(
      readStream(Readable.from([list([node('n1')])]), 'in.json', () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
