import { TOOL } from '../../src/version.js';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/cli/prepare.js';
import { estimate } from '../../src/model/estimate.js';
import { reportJsonSchema, reportSchema } from '../../src/report/schema.js';
import { reportArb } from '../model/scenarios.js';
import { sampleReport } from './sample-report.js';

const PUBLISHED = new URL('../../schema/report.v1.json', import.meta.url);

/** The committed JSON Schema compiled by a JSON Schema 2020-12 validator, in strict mode. */
async function publishedValidator() {
  // formats are not checked by the validator, but the date-time pattern zod writes is
  const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
  return ajv.compile(JSON.parse(await readFile(PUBLISHED, 'utf8')));
}

describe('report schema', () => {
  // `npm run schema` runs this test with --update, which rewrites the file
  it('is published as schema/report.v1.json, up to date with the zod schema', async () => {
    await expect(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`).toMatchFileSnapshot('../../schema/report.v1.json');
  });

  it('publishes a strict JSON Schema of the v1 report', async () => {
    const schema = JSON.parse(await readFile(PUBLISHED, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('mesh-cost report v1');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.schemaVersion).toEqual({ type: 'string', const: 'mesh-cost/v1' });
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'currency', 'sidecar', 'ambient', 'savings', 'lineItems']));
    expect(schema.properties.lineItems.items.properties.component.enum).toEqual(['sidecar', 'controlPlane', 'ztunnel', 'cni', 'waypoint', 'crossZone']);
  });

  it.each([
    ['the bundled olx-india example', { example: 'olx-india' }],
    // a kubectl inventory adds the optional `mesh` field (sidecars seen, labelled namespaces)
    ['a kubectl inventory', { kube: ['fixtures/kube/cluster.json', 'fixtures/kube/namespaces.json'] }],
  ])('accepts %s, as zod and as published', async (_, flags) => {
    const run = await prepare(flags);
    const { report } = estimate({ ...run, generatedAt: new Date().toISOString(), tool: TOOL });
    const json = JSON.parse(JSON.stringify(report));
    expect(reportSchema.safeParse(json).error).toBeUndefined();
    const validate = await publishedValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    if ('kube' in flags) expect(json.mesh.sidecarsSeen).toBeGreaterThan(0);
  });

  it('accepts every model-made report, as zod and as published', async () => {
    const validate = await publishedValidator();
    fc.assert(
      fc.property(reportArb, (report) => {
        const json = JSON.parse(JSON.stringify(report));
        expect(reportSchema.safeParse(json).error).toBeUndefined();
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects, as published, what zod rejects', async () => {
    const validate = await publishedValidator();
    const r = sampleReport() as unknown as Record<string, any>;
    expect(validate(r)).toBe(true);
    r.lineItems[0].cost = 1;
    expect(validate(r)).toBe(false);
    expect(validate.errors![0]).toMatchObject({ instancePath: '/lineItems/0', keyword: 'additionalProperties' });
  });

  it('rejects what is not a v1 report, saying where', () => {
    const wrong = (mutate: (r: Record<string, any>) => void) => {
      const r = sampleReport() as unknown as Record<string, any>;
      mutate(r);
      return reportSchema.safeParse(r).error?.issues.map((i) => i.path.join('.'));
    };
    expect(wrong(() => {})).toBeUndefined();
    expect(wrong((r) => (r.schemaVersion = 'mesh-cost/v2'))).toEqual(['schemaVersion']);
    expect(wrong((r) => (r.sidecar.monthlyCost = '6000'))).toEqual(['sidecar.monthlyCost']);
    expect(wrong((r) => (r.lineItems[2].component = 'gateway'))).toEqual(['lineItems.2.component']);
    expect(wrong((r) => (r.ambient.extra = 1))).toEqual(['ambient']);
    expect(wrong((r) => delete r.savings)).toEqual(['savings']);
    expect(wrong((r) => (r.currency = 'usd'))).toEqual(['currency']);
  });
});
