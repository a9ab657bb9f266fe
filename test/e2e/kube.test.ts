import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const FIXTURE = ['--kube', 'fixtures/kube/cluster.json', '--kube', 'fixtures/kube/namespaces.json', '--workloads', 'fixtures/kube/workloads.csv', '--cluster', 'shop-prod'];

// The same cluster written twice: as kubectl JSON (with a finished pod, pod-template-hash
// suffixes, a CronJob's Job, beta and GKE labels to resolve) and as the three CSV files.
const EQ = 'test/fixtures/kube-equivalence';
const asCsv = ['--nodes', `${EQ}/nodes.csv`, '--workloads', `${EQ}/workloads.csv`, '--pods', `${EQ}/pods.csv`];
const asKube = ['--kube', `${EQ}/cluster.json`, '--workloads', `${EQ}/workloads.csv`, '--cluster', 'eq', '--environment', 'production'];

/** the report without what names the run rather than the cluster */
function comparable(stdout: string) {
  const { generatedAt, inputs, ...rest } = JSON.parse(stdout);
  expect(Date.parse(generatedAt)).not.toBeNaN();
  const { sources, ...counts } = inputs;
  expect(sources.length).toBeGreaterThan(0);
  return { ...rest, inputs: counts };
}

describe('mesh-cost estimate --kube (built CLI)', () => {
  it('gives the same report for the same cluster as CSV and as kubectl JSON', async () => {
    const [csv, kube] = await Promise.all([runCli(['estimate', ...asCsv, '-f', 'json']), runCli(['estimate', ...asKube, '-f', 'json'])]);
    expect(csv.code).toBe(0);
    expect(kube.code).toBe(0);
    const report = comparable(kube.stdout);
    expect(report).toEqual(comparable(csv.stdout));
    // and it is a report worth comparing: placement, spot nodes, waypoints and cross-zone traffic
    expect(report.inputs).toMatchObject({ nodes: 4, workloads: 8, pods: 17, meshedPods: 12 });
    expect(report.ambient.waypoints).toBe(2);
    expect(report.crossZone.variants.none.extraMonthlyCost).toBeGreaterThan(0);
    expect(kube.stderr).toBe(csv.stderr);

    const [csvTable, kubeTable] = await Promise.all([runCli(['estimate', ...asCsv]), runCli(['estimate', ...asKube])]);
    // the same table but for the line that names the input files
    const withoutInputs = (text: string) => text.replace(/^Inputs: .*\n(  .*\n)*/m, '');
    expect(withoutInputs(kubeTable.stdout)).toBe(withoutInputs(csvTable.stdout));
  });

  it('prices the bundled cluster and says what mesh runs today', async () => {
    const r = await runCli(['estimate', ...FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        "Mesh today: 12 istio-proxy sidecars running; their requests replace the profile's.",
        'Namespaces labelled for the mesh:',
        '  istio.io/dataplane-mode=ambient: ambient-demo',
        '  istio-injection=enabled: batch, shop',
        '  istio.io/rev=1-24-2: payments',
      ].join('\n'),
    );
    // the scope is today's mesh: the 4 labelled namespaces hold 14 pods, 12 of them with a sidecar today
    // (shop 9, payments 2, batch 1) and the 2 of ambient-demo, priced as sidecars in the sidecar column
    expect(r.stdout).toMatch(/Proxies\s+│\s+14 │ 6 ztunnel \+ 6 waypoint/);
    const json = JSON.parse((await runCli(['estimate', ...FIXTURE, '-f', 'json'])).stdout);
    expect(json.mesh.sidecarsSeen).toBe(12);
    expect(json.inputs.scope).toMatchObject({ mode: 'mesh', namespaces: 4 });
    expect(json.today).toMatchObject({ sidecars: 12, ambientNamespaces: 1 });
    expect(json.lineItems.every((i: { cluster: string }) => i.cluster === 'shop-prod')).toBe(true);
  });

  it("names the scope, today's mix and the mesh infrastructure left out in table, markdown and html; the CSV stays the line items", async () => {
    const json = JSON.parse((await runCli(['estimate', ...FIXTURE, '-f', 'json'])).stdout);
    const cents = (n: number) => Math.round(n * 100);
    // still to save is today − ambient, to the cent
    expect(cents(json.today.stillToSave)).toBe(cents(json.today.monthlyCost) - cents(json.ambient.monthlyCost));
    const dollars = (n: number) => `$${n.toFixed(2)}`;
    const today = `Today's mix (12 sidecars, 1 namespace already ambient) costs ${dollars(json.today.monthlyCost)}/month; still to save with ambient: ${dollars(json.today.stillToSave)}/month.`;
    const scope = 'mesh (4 namespaces) — the inventory shows the mesh today (4 namespaces labelled for the mesh, 12 pods running istio-proxy): those namespaces, less the pods opted out';
    // the bundled cluster runs istiod in istio-system: seen, never priced as a workload
    const infrastructure = 'Mesh infrastructure seen and left out of the workloads: 1 istiod pod.';
    for (const format of ['table', 'markdown', 'html']) {
      const r = await runCli(['estimate', ...FIXTURE, '-f', format]);
      expect(r.code).toBe(0);
      const text = r.stdout.replace(/\s+/g, ' ').replaceAll('\\$', '$').replaceAll('&#39;', "'");
      expect(text, format).toContain(scope);
      expect(text, format).toContain(today);
      expect(text, format).toContain(infrastructure);
      // no node of the bundled cluster is Windows, Fargate or virtual-kubelet
      expect(text, format).not.toContain('no ztunnel can serve');
    }
    const csv = (await runCli(['estimate', ...FIXTURE, '-f', 'csv'])).stdout.trim().split('\n');
    // a header, then one row per line item: today's figures are no line items
    expect(csv).toHaveLength(1 + json.lineItems.length);
  });

  it('takes the cluster and environment from the config file, flags overriding them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-kube-'));
    const config = join(dir, 'mesh-cost.yaml');
    await writeFile(config, `version: 1\ninputs:\n  kube: [${join(process.cwd(), 'fixtures/kube/cluster.json')}]\n  cluster: prd-eks\n  environment: PRD\n`);
    const keys = async (args: string[]) => {
      const r = await runCli(['estimate', '-c', config, '-f', 'json', ...args]);
      expect(r.code).toBe(0);
      return new Set(JSON.parse(r.stdout).lineItems.map((i: { cluster: string; environment: string }) => `${i.cluster}/${i.environment}`));
    };
    expect(await keys([])).toEqual(new Set(['prd-eks/PRD']));
    expect(await keys(['--environment', 'prod'])).toEqual(new Set(['prd-eks/prod']));
  });

  it('reads stdin with --kube -', async () => {
    const input = await readFile(`${EQ}/cluster.json`);
    const args = (kube: string) => ['estimate', '--kube', kube, '--workloads', `${EQ}/workloads.csv`, '--cluster', 'eq', '--environment', 'production', '-f', 'json'];
    const [piped, file] = await Promise.all([runCli(args('-'), { input }), runCli(args(`${EQ}/cluster.json`))]);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).inputs.sources).toEqual(['<stdin>', `${EQ}/workloads.csv`]);
    expect(comparable(piped.stdout)).toEqual(comparable(file.stdout));
  });

  it('stops at a bad document with one line and exit 2', async () => {
    const r = await runCli(['estimate', '--kube', '-'], { input: '{"kind": "List", "items": [{"kind": "Node", "metadata": {"name": "n1"}, "status": {}}]}' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('mesh-cost: <stdin>: items[0] (Node n1): expected status.allocatable.cpu and status.allocatable.memory, found none\n');

    const yaml = await runCli(['estimate', '--kube', 'fixtures/olx-india/mesh-cost.yaml']);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr.trim().split('\n')).toHaveLength(1);
    expect(yaml.stderr).toMatch(/mesh-cost\.yaml: expected the JSON output of `kubectl get nodes,pods -A -o json`, found text starting/);
  });

  it('warns with a count about traffic rows that join nothing', async () => {
    const r = await runCli(['estimate', '--kube', `${EQ}/cluster.json`, '--workloads', `${EQ}/workloads.csv`, '-f', 'json']);
    expect(r.code).toBe(0);
    // the rows name cluster "eq"; without --cluster eq the cluster is "default"
    expect(r.stderr).toContain(`warning: 8 rows of ${EQ}/workloads.csv join no workload of the kubectl input (on cluster, namespace, workload): their traffic is not counted (first: ${EQ}/workloads.csv:2: eq/kube-system/kube-proxy)`);
  });

  it('does not mix --kube with --nodes or --pods', async () => {
    const r = await runCli(['estimate', '--kube', `${EQ}/cluster.json`, '--nodes', `${EQ}/nodes.csv`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mesh-cost: --kube reads nodes and pods from the cluster: drop --nodes/--pods (--workloads still adds traffic)\n');
  });
});
