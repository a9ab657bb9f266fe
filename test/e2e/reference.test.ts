/**
 * The bundled olx-india example reproduces the write-up's figures (issue 2, item 6).
 * Run through the built CLI so the example's own profile and prices are what is tested.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run.js';

describe('olx-india reproduces the write-up', () => {
  it('matches every figure within the stated tolerance', async () => {
    const r = await runCli(['estimate', '--example', 'olx-india', '-f', 'json', '--locality', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const items = report.lineItems as { component: string; vcpu: number; environment: string }[];
    const vcpu = (c: string) => items.filter((i) => i.component === c).reduce((s, i) => s + i.vcpu, 0);

    expect(report.inputs.nodes).toBeGreaterThanOrEqual(280); // ~290 nodes
    expect(report.inputs.nodes).toBeLessThanOrEqual(300);
    expect(new Set(items.map((i) => i.environment))).toEqual(new Set(['PRD', 'STG', 'QA']));
    expect(report.sidecar.proxies).toBeGreaterThanOrEqual(3500); // ~3,600 sidecars
    expect(report.sidecar.proxies).toBeLessThanOrEqual(3700);
    expect(vcpu('ztunnel')).toBeCloseTo(58, 0); // "a max of 58 vCPU"
    expect(vcpu('waypoint')).toBeGreaterThanOrEqual(14); // "roughly 15 vCPU"
    expect(vcpu('waypoint')).toBeLessThanOrEqual(15);
    expect(Math.abs(report.sidecar.monthlyCost - 6000) / 6000).toBeLessThanOrEqual(0.1);
    const ambientWithoutCrossZone = report.ambient.monthlyCost - report.ambient.crossZoneMonthlyCost;
    expect(Math.abs(ambientWithoutCrossZone - 660) / 660).toBeLessThanOrEqual(0.1);
    const none = report.crossZone.variants.none;
    expect(Math.abs(none.extraMonthlyCost - 70) / 70).toBeLessThanOrEqual(0.15);
    const terabytes = (none.extraGiB * 2 ** 30) / 1e12;
    expect(terabytes).toBeGreaterThan(5.5); // "an extra 6TB"
    expect(terabytes).toBeLessThan(6.5);
    const savingsWithoutCrossZone = (100 * (report.sidecar.monthlyCost - ambientWithoutCrossZone)) / report.sidecar.monthlyCost;
    expect(savingsWithoutCrossZone).toBeGreaterThanOrEqual(85);
    expect(savingsWithoutCrossZone).toBeLessThanOrEqual(92);
    expect(report.savings.percent).toBeGreaterThanOrEqual(85);
    expect(report.savings.percent).toBeLessThanOrEqual(92);
  });

  it('its inventory is exactly what generate.mjs writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'olx-india-'));
    execFileSync(process.execPath, [`${ROOT}fixtures/olx-india/generate.mjs`, out], { stdio: 'ignore' });
    for (const f of ['nodes.csv', 'workloads.csv']) {
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(`${ROOT}fixtures/olx-india/${f}`, 'utf8'));
    }
  });
});

describe('the README', () => {
  it('shows the worked example exactly as the CLI prints it', async () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const prompt = '$ npx mesh-cost estimate\n';
    const start = readme.indexOf(prompt) + prompt.length;
    const shown = readme.slice(start, readme.indexOf('```', start));
    const r = await runCli(['estimate']);
    expect(shown).toBe(r.stderr + r.stdout);
  });
});
