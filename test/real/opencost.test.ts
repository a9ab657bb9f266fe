/**
 * OpenCost's own price files (test/real/opencost, SOURCES.md) load as `--prices FILE`
 * as they are: hourly JSON, the monthly pricing-configs ConfigMap, and a ConfigMap
 * holding a default.json; the keys a mesh does not use are a warning, never an error.
 */
import { describe, expect, it } from 'vitest';
import { Warnings, formatWarning } from '../../src/inventory/types.js';
import { readPriceSheet } from '../../src/profiles/load.js';
import { runCli } from '../e2e/run.js';

const DIR = 'test/real/opencost';

async function sheet(file: string) {
  const warnings = new Warnings();
  const s = await readPriceSheet(`${DIR}/${file}`, warnings);
  return { s, warnings: warnings.list().map(formatWarning) };
}

describe("OpenCost's price files", () => {
  it('reads default.json: strings, $/hour, a crossed GiB once, its other keys noted', async () => {
    const { s, warnings } = await sheet('default.json');
    expect(s.metadata).toMatchObject({ name: 'default', description: 'Default prices based on GCP us-central1; provider custom', sources: [`${DIR}/default.json`] });
    expect(s.spec).toMatchObject({ currency: 'USD', hoursPerMonth: 730, CPU: 0.031611, RAM: 0.004237, spotCPU: 0.006655, spotRAM: 0.000892, zoneNetworkEgress: 0.01, billBothDirections: false, discount: 0 });
    expect(warnings).toEqual([
      `${DIR}/default.json: 9 OpenCost keys price nothing a mesh runs and were ignored (the mesh is priced by CPU, spotCPU, RAM, spotRAM, zoneNetworkEgress) (first: GPU, storage, regionNetworkEgress, internetNetworkEgress, natGatewayEgress, natGatewayIngress, firstFiveForwardingRulesCost, additionalForwardingRuleCost, LBIngressDataCost)`,
    ]);
  });

  it("reads aws.json, whose credentials-and-buckets keys are read past like the rest", async () => {
    const { s, warnings } = await sheet('aws.json');
    expect(s.spec).toMatchObject({ CPU: 0.031611, RAM: 0.004237, zoneNetworkEgress: 0.01, billBothDirections: false });
    // GPU, storage, regionNetworkEgress, internetNetworkEgress, spotLabel, spotLabelValue and 10 aws*/athena*/projectID keys
    expect(warnings[0]).toMatch(/^test\/real\/opencost\/aws\.json: 16 OpenCost keys price nothing/);
  });

  it('divides the monthly prices of the pricing-configs ConfigMap by 730, and keeps network prices per GiB', async () => {
    const { s, warnings } = await sheet('pricing-configs.yaml');
    // 28 $/vCPU-month / 730 = 0.0383562; 3.09 / 730 = 0.0042329; 4.86 / 730 = 0.0066575; 0.65 / 730 = 0.0008904
    expect(s.spec.CPU).toBeCloseTo(0.0383562, 7);
    expect(s.spec.RAM).toBeCloseTo(0.0042329, 7);
    expect(s.spec.spotCPU).toBeCloseTo(0.0066575, 7);
    expect(s.spec.spotRAM).toBeCloseTo(0.0008904, 7);
    expect(s.spec.zoneNetworkEgress).toBe(0.01);
    expect(s.metadata.name).toBe('pricing-configs');
    expect(warnings[0]).toContain('5 OpenCost keys price nothing a mesh runs and were ignored');
    expect(warnings[0]).toContain('(first: GPU, spotGPU, storage, regionNetworkEgress, internetNetworkEgress)');
  });

  it("reads a ConfigMap holding OpenCost's default.json (the Helm chart's form), hourly", async () => {
    const { s, warnings } = await sheet('on-prem-configmap.yaml');
    expect(s.spec).toMatchObject({ CPU: 1.25, RAM: 0.5, spotCPU: 0.006655, spotRAM: 0.000892, zoneNetworkEgress: 0.01 });
    expect(warnings[0]).toContain('(first: GPU, storage, regionNetworkEgress, internetNetworkEgress)');
  });

  it('prices a run with default.json as --prices, and says on stderr what was ignored', async () => {
    const r = await runCli(['estimate', '-f', 'json', '--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv', '--prices', `${DIR}/default.json`]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs.prices).toBe('default');
    expect(r.stderr).toContain('9 OpenCost keys price nothing a mesh runs and were ignored');
  });
});
