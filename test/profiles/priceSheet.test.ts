import { describe, expect, it } from 'vitest';
import { loadPriceSheet } from '../../src/profiles/load.js';
import { openCostForm } from '../../src/profiles/opencostPrices.js';
import { priceSheetSchema } from '../../src/profiles/schema.js';

describe('price sheets', () => {
  it('charge a crossed GiB once unless the sheet says both directions (OpenCost does not, AWS does)', async () => {
    const bare = priceSheetSchema.parse({ apiVersion: 'mesh-cost/v1', kind: 'PriceSheet', metadata: { name: 'x' }, spec: { CPU: 1, RAM: 1 } });
    expect(bare.spec.billBothDirections).toBe(false);
    expect((await loadPriceSheet('opencost-default')).spec).toMatchObject({ zoneNetworkEgress: 0.01, billBothDirections: false });
    // $0.01/GB each way = 0.01 × 2^30 / 10^9 = 0.010737 $/GiB per direction
    expect((await loadPriceSheet('aws-opencost')).spec).toMatchObject({ zoneNetworkEgress: 0.010737, billBothDirections: true });
  });

  it("tells OpenCost's forms apart by kind: ConfigMap and what its data holds", () => {
    expect(openCostForm({ provider: 'custom', CPU: '1' })).toEqual({ form: 'default.json' });
    expect(openCostForm({ kind: 'ConfigMap', data: { CPU: '28' } })).toEqual({ form: 'pricing-configs' });
    expect(openCostForm({ kind: 'ConfigMap', data: { 'default.json': '{}' } })).toEqual({ form: 'ConfigMap with default.json', key: 'default.json' });
    expect(openCostForm({ kind: 'ConfigMap', data: { 'aws.json': '{}' } })).toEqual({ form: 'ConfigMap with default.json', key: 'aws.json' });
    expect(openCostForm({ apiVersion: 'mesh-cost/v1', kind: 'PriceSheet', spec: { CPU: 1 } })).toBeUndefined();
    expect(openCostForm('text')).toBeUndefined();
  });
});
