/// <reference lib="dom" />
/**
 * The HTML report in a real browser: Debian's chromium, driven by puppeteer-core (which
 * downloads no browser of its own). At 420 px wide the page must not scroll sideways
 * (wide tables scroll inside their own box, the chart scales) and every section must
 * render; at 1400 px the same. Screenshots of both widths are taken on every run; set
 * MESH_COST_SCREENSHOTS=DIR to keep them there for a person to look at.
 * Without chromium the tests are skipped, and the run says so plainly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/run.js';
import { bookinfoCluster } from '../real/istio-config/corpus.js';

function findChromium(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const chromium = findChromium();
if (!chromium) {
  console.warn('browser tests skipped: no `chromium` on PATH (Debian: apt-get install chromium; .ci/run installs it)');
}

const SECTIONS = ['gates', 'comparison', 'cross-zone', 'breakdown', 'components', 'line-items'];

let scratch: string;
let browser: Browser;
let report: string;
/** a kubectl inventory: the mesh running today and a warning */
let kubeReport: string;
/** bookinfo with --istio-config: what ambient does not carry over */
let readinessReport: string;
/** the webshop example (pods' own requests) with --sensitivity: the Nodes table and the tornado */
let analysesReport: string;

describe.skipIf(!chromium)('the html report in chromium', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'mesh-cost-browser-'));
    report = join(scratch, 'report.html');
    // the reference case by namespace (14 namespaces: the top 10 and "others"), with a gate
    const r = await runCli(['estimate', '--example', 'olx-india', '--group-by', 'namespace', '--budget', '700', '-o', report]);
    expect(r.code).toBe(0);
    kubeReport = join(scratch, 'kube.html');
    // the bundled cluster with its namespaces: scope, today's mix and the istiod left out
    const kube = ['--kube', 'fixtures/kube/cluster.json', '--kube', 'fixtures/kube/namespaces.json', '--workloads', 'fixtures/kube/workloads.csv', '--cluster', 'shop-prod'];
    expect((await runCli(['estimate', ...kube, '-o', kubeReport])).code).toBe(0);
    // bookinfo with its Istio configuration: the readiness findings
    const bookinfo = bookinfoCluster();
    await writeFile(join(scratch, 'bookinfo.json'), bookinfo.kube);
    await writeFile(join(scratch, 'istio.json'), bookinfo.istio);
    readinessReport = join(scratch, 'readiness.html');
    expect((await runCli(['estimate', '--kube', join(scratch, 'bookinfo.json'), '--istio-config', join(scratch, 'istio.json'), '-o', readinessReport])).code).toBe(0);
    analysesReport = join(scratch, 'analyses.html');
    expect((await runCli(['estimate', '--example', 'webshop', '--sensitivity', '-o', analysesReport])).code).toBe(0);
    const { launch } = await import('puppeteer-core');
    browser = await launch({
      executablePath: chromium!,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        `--user-data-dir=${join(scratch, 'profile')}`,
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  for (const width of [420, 1400]) {
    it(`renders every section at ${width} px without scrolling sideways`, async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.setViewport({ width, height: 900 });
      await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
      const layout = await page.evaluate((ids: string[]) => {
        // DOMRect does not cross back from the page: plain numbers do
        const box = (el: Element | null) => {
          const r = el?.getBoundingClientRect();
          return r ? { width: r.width, height: r.height, right: r.right } : undefined;
        };
        return {
          scrollWidth: document.documentElement.scrollWidth,
          sections: ids.map((id) => {
            const b = box(document.getElementById(id));
            return { id, height: b?.height ?? 0, width: b?.width ?? 0, right: b?.right ?? Infinity };
          }),
          chart: box(document.querySelector('svg.chart')),
          bars: document.querySelectorAll('svg.chart rect[height="14"]').length,
          heading: document.querySelector('h1')?.textContent,
        };
      }, SECTIONS);
      await page.screenshot({ path: join(process.env.MESH_COST_SCREENSHOTS ?? scratch, `report-${width}.png`), fullPage: true });
      await page.close();

      expect(layout.scrollWidth).toBeLessThanOrEqual(width);
      for (const s of layout.sections) {
        expect(s.height, `section #${s.id}`).toBeGreaterThan(20);
        expect(s.right, `section #${s.id}`).toBeLessThanOrEqual(width);
      }
      // 11 groups (10 namespaces and "others"), two bars each, the chart within the page
      expect(layout.bars).toBe(22);
      expect(layout.chart!.width).toBeGreaterThan(width === 420 ? 300 : 600);
      expect(layout.chart!.right).toBeLessThanOrEqual(width);
      expect(layout.heading).toMatch(/^Ambient would save \$[\d,.]+\/month/);
      // self-contained: the page itself is the one request
      expect(requests).toEqual([pathToFileURL(report).href]);
    }, 60_000);
  }

  it("renders the mesh today, today's mix and the warnings of a kubectl inventory at 420 px", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(pathToFileURL(kubeReport).href, { waitUntil: 'load' });
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      mesh: document.getElementById('mesh-today')?.getBoundingClientRect().height ?? 0,
      today: document.querySelectorAll('#today p').length,
      scope: Array.from(document.querySelectorAll('dl.used dt')).some((dt) => dt.textContent === 'Scope'),
      warnings: document.querySelectorAll('#warnings li').length,
    }));
    await page.screenshot({ path: join(process.env.MESH_COST_SCREENSHOTS ?? scratch, 'kube-420.png'), fullPage: true });
    await page.close();
    expect(layout.scrollWidth).toBeLessThanOrEqual(420);
    expect(layout.mesh).toBeGreaterThan(20);
    // today's mix and the istiod left out
    expect(layout.today).toBe(2);
    expect(layout.scope).toBe(true);
    expect(layout.warnings).toBeGreaterThan(0);
  }, 60_000);

  it('renders the readiness findings at 420 px, as a list that wraps', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(pathToFileURL(readinessReport).href, { waitUntil: 'load' });
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      right: document.getElementById('readiness')?.getBoundingClientRect().right ?? Infinity,
      rows: document.querySelectorAll('#readiness li').length,
    }));
    await page.screenshot({ path: join(process.env.MESH_COST_SCREENSHOTS ?? scratch, 'readiness-420.png'), fullPage: true });
    await page.close();
    expect(layout.scrollWidth).toBeLessThanOrEqual(420);
    expect(layout.right).toBeLessThanOrEqual(420);
    // bookinfo's configuration has 5 objects ambient does not carry over as they are
    expect(layout.rows).toBe(5);
  }, 60_000);

  it('renders the Nodes table and the tornado at 420 px, the chart scaled to the page', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(pathToFileURL(analysesReport).href, { waitUntil: 'load' });
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      headings: Array.from(document.querySelectorAll('h2'), (h) => h.textContent),
      tornadoRight: document.querySelector('svg.tornado')?.getBoundingClientRect().right ?? Infinity,
      tornadoBars: document.querySelectorAll('svg.tornado rect[fill-opacity]').length,
    }));
    await page.screenshot({ path: join(process.env.MESH_COST_SCREENSHOTS ?? scratch, 'analyses-420.png'), fullPage: true });
    await page.close();
    expect(layout.scrollWidth).toBeLessThanOrEqual(420);
    expect(layout.headings).toEqual(expect.arrayContaining(['Nodes', 'Sensitivity']));
    expect(layout.tornadoRight).toBeLessThanOrEqual(420);
    // two bars (low and high end) for every input of the tornado
    expect(layout.tornadoBars).toBeGreaterThan(0);
    expect(layout.tornadoBars % 2).toBe(0);
  }, 60_000);
});
