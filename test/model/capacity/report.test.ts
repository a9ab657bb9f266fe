import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../../src/report/schema.js';
import { inventory, node, placement, profile, prices, run, workload } from '../builders.js';
import { capacityOf } from './run.js';

describe('capacity in the report', () => {
  it('is a valid part of a v1 report, as zod and as published', async () => {
    const nodes = [node('n1', { instanceType: 'm5.xlarge' }), node('n2', { vcpu: 2, memoryGiB: 8 })];
    const workloads = [workload('web', { replicas: 3, podRequests: { cpu: 1, memoryMiB: 512 }, placement: placement({ n1: 2 }) })];
    const prof = profile({ sidecar: { requests: { cpu: '100m', memory: '128Mi' } } });
    const report = { ...run(inventory(nodes, workloads), prof, prices()).report, capacity: capacityOf(nodes, workloads, prof).capacity! };
    expect(reportSchema.safeParse(report).success).toBe(true);
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(await readFile(new URL('../../../schema/report.v1.json', import.meta.url), 'utf8')));
    expect(validate(JSON.parse(JSON.stringify(report)))).toBe(true);
  });
});
