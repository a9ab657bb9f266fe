/**
 * The whole pipeline on generated inventories: CSV text → readCsvInventory → estimate →
 * every renderer. The pure model's own properties live in test/model; these check what
 * joins the parts: the reader gives back exactly the inventory that was written, however
 * the CSV is formatted; nothing throws; and the report's totals are the sums of the rows
 * of its CSV export, whose names are the inventory's own.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvInventory } from '../../src/inventory/csv/index.js';
import { Warnings, formatWarning, type Inventory } from '../../src/inventory/types.js';
import { estimate } from '../../src/model/estimate.js';
import { BASES, LOCALITIES, DEFAULT_EXCLUDED_NAMESPACES } from '../../src/model/types.js';
import type { Report } from '../../src/model/types.js';
import { loadPriceSheet, loadProfile } from '../../src/profiles/load.js';
import type { PriceSheet, ProxyProfile } from '../../src/profiles/schema.js';
import { FORMATS, GROUP_BYS, render } from '../../src/report/index.js';
import { inventorySpec, toCsv, toInventory, type CsvFiles } from './inventoryCsv.js';

let dir: string;
let profiles: ProxyProfile[];
let sheets: PriceSheet[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-pipeline-'));
  profiles = await Promise.all(['istio-1.24', 'olx-india'].map(loadProfile));
  sheets = await Promise.all(['opencost-default', 'olx-india'].map(loadPriceSheet));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let run = 0;
/** writes the CSV files of one run and reads them back */
async function readBack(files: CsvFiles): Promise<{ inventory: Inventory; warnings: Warnings }> {
  const paths: Record<string, string> = {};
  for (const [key, text] of Object.entries(files)) {
    paths[key] = join(dir, `${run}-${key}.csv`);
    await writeFile(paths[key], text);
  }
  run++;
  const warnings = new Warnings();
  const inventory = await readCsvInventory(paths, { warnings });
  return { inventory, warnings };
}

const withoutOrigins = (inv: Inventory): Inventory => ({
  ...inv,
  sources: [],
  workloads: inv.workloads.map(({ origin: _, ...w }) => w),
});

const cents = (x: number) => Math.round(x * 100);
const sumCents = (xs: number[]) => xs.reduce((s, x) => s + cents(x), 0);

const options = fc.record({
  basis: fc.constantFrom(...BASES),
  locality: fc.constantFrom(...LOCALITIES),
  excludedNamespaces: fc.constantFrom(DEFAULT_EXCLUDED_NAMESPACES, [], ['shop']),
  profile: fc.nat(1),
  prices: fc.nat(1),
});

describe('CSV → inventory → report → renderers, on generated inventories', () => {
  it('reads back exactly the inventory that was written, whatever the CSV formatting', async () => {
    await fc.assert(
      fc.asyncProperty(inventorySpec, fc.integer(), async (spec, seed) => {
        const { inventory } = await readBack(toCsv(spec, seed));
        expect(withoutOrigins(inventory)).toEqual(toInventory(spec, []));
      }),
      { numRuns: 150 },
    );
  });

  it('counts pods of owners absent from workloads.csv in one one-line warning', async () => {
    await fc.assert(
      fc.asyncProperty(inventorySpec, fc.integer(), async (spec, seed) => {
        const files = toCsv(spec, seed);
        const { warnings } = await readBack(files);
        const orphans = spec.flatMap((c) => c.workloads.filter((w) => w.podsOnly)).reduce((s, w) => s + w.replicas, 0);
        const warned = warnings.list().filter((w) => w.code === 'csv-pods-without-workload');
        expect(warned.map((w) => w.count)).toEqual(files.workloads && orphans > 0 ? [orphans] : []);
        // each warning is one line, whatever the names it quotes hold
        for (const w of warnings.list()) expect(formatWarning(w)).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws, renders every format, and keeps every total equal to its line items', async () => {
    await fc.assert(
      fc.asyncProperty(inventorySpec, fc.integer(), options, async (spec, seed, opts) => {
        const { inventory, warnings } = await readBack(toCsv(spec, seed));
        const excluded = new Set(opts.excludedNamespaces);
        const meshed = inventory.workloads.filter((w) => !excluded.has(w.namespace) && w.kind !== 'DaemonSet' && !w.hostNetwork && w.replicas > 0);
        const input = { inventory, profile: profiles[opts.profile]!, prices: sheets[opts.prices]!, options: opts, generatedAt: '2025-01-01T00:00:00.000Z' };
        // nothing meshed is bad input (exit 2), never an all-zero report
        if (meshed.length === 0) {
          expect(() => estimate(input)).toThrow(/^nothing to price: read /);
          return;
        }
        const plan = estimate({
          inventory,
          profile: profiles[opts.profile]!,
          prices: sheets[opts.prices]!,
          options: opts,
          generatedAt: '2025-01-01T00:00:00.000Z',
          warnings: warnings.list(),
        });
        const report = plan.report;
        // the reader adds nothing the model can see: the written truth prices the same
        const direct = estimate({ inventory: toInventory(spec, inventory.sources), profile: profiles[opts.profile]!, prices: sheets[opts.prices]!, options: opts, generatedAt: report.generatedAt });
        expect({ ...direct.report, warnings: [] }).toEqual({ ...report, warnings: [] });

        for (const format of FORMATS) {
          for (const groupBy of GROUP_BYS) {
            const text = await render(format, report, { groupBy, color: false });
            expect(text.endsWith('\n')).toBe(true);
            expect(text).not.toMatch(/NaN|Infinity|undefined/);
          }
        }
        // JSON carries every number as it is: NaN or Infinity would come back as null
        const parsed = JSON.parse(await render('json', report, { groupBy: 'environment', color: false })) as Report;
        expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
        expect(parsed.lineItems).toEqual(report.lineItems);

        // CSV → report → CSV: the export a spreadsheet sums gives the report's totals, and its
        // text cells give back the inventory's names (formula starts kept as text by a ')
        const rows = parse(await render('csv', report, { groupBy: 'environment', color: false })) as string[][];
        const [head, ...cells] = rows;
        const exported = cells.map((r) => Object.fromEntries(head!.map((h, k) => [h, r[k]!])));
        const of = (mode: string) => exported.filter((r) => r.mode === mode).map((r) => Number(r.monthly_cost));
        expect(cents(report.sidecar.monthlyCost)).toBe(sumCents(of('sidecar')));
        expect(cents(report.ambient.monthlyCost)).toBe(sumCents(of('ambient')));
        expect(cents(report.ambient.crossZoneMonthlyCost)).toBe(sumCents(exported.filter((r) => r.component === 'crossZone').map((r) => Number(r.monthly_cost))));
        expect(cents(report.savings.monthlyCost)).toBe(cents(report.sidecar.monthlyCost) - cents(report.ambient.monthlyCost));
        const unformula = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
        expect(exported.map((r) => [r.cluster, r.namespace, r.environment].map((c) => unformula(c!)))).toEqual(
          report.lineItems.map((i) => [i.cluster, i.namespace, i.environment]),
        );
        for (const i of parsed.lineItems) {
          for (const v of [i.count, i.vcpu, i.memoryGiB, i.monthlyCost]) expect(Number.isFinite(v) && v >= 0).toBe(true);
          expect(Math.abs(i.monthlyCost * 100 - cents(i.monthlyCost))).toBeLessThan(1e-6); // whole cents
        }

        // what was read is what was counted
        const meshedClusters = new Set(meshed.map((w) => w.cluster));
        expect(parsed.inputs).toMatchObject({ nodes: inventory.nodes.length, workloads: inventory.workloads.length, pods: inventory.pods });
        expect(parsed.sidecar.proxies).toBe(meshed.reduce((s, w) => s + w.replicas, 0));
        expect(parsed.ambient.ztunnels).toBe(inventory.nodes.filter((n) => meshedClusters.has(n.cluster)).length);
      }),
      { numRuns: 120 },
    );
  });
});
