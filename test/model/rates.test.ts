import { describe, expect, it } from 'vitest';
import { averageRates, monthlyCost, nodeHourlyPrice, nodeRates } from '../../src/model/rates.js';
import { node, prices } from './builders.js';

// CPU 0.04 / RAM 0.005 → r = 8; spotCPU 0.01 / spotRAM 0.002 → r = 5.
const sheet = prices({
  spotCPU: 0.01,
  spotRAM: 0.002,
  instanceTypes: { 'm5.xlarge': { onDemand: 0.192, spot: 0.072 }, 'od.only': { onDemand: 0.192 } },
}).spec;

const P = 12; // digits for rate comparisons

describe('nodeRates without a price: the sheet rates', () => {
  it('on-demand node → CPU, RAM', () => {
    const r = nodeRates(node('n', { vcpu: 4, memoryGiB: 16 }), sheet);
    expect(r.cpu).toBeCloseTo(0.04, P);
    expect(r.ram).toBeCloseTo(0.005, P);
  });

  it('spot node → spotCPU, spotRAM', () => {
    const r = nodeRates(node('n', { capacityType: 'spot' }), sheet);
    expect(r.cpu).toBeCloseTo(0.01, P);
    expect(r.ram).toBeCloseTo(0.002, P);
  });

  it('unknown instance type → sheet rates', () => {
    const r = nodeRates(node('n', { instanceType: 'x9.huge' }), sheet);
    expect(r).toEqual({ cpu: 0.04, ram: 0.005 });
  });

  it('spot node whose instance type has only an on-demand price has no P → spotCPU, spotRAM', () => {
    expect(nodeHourlyPrice(node('n', { instanceType: 'od.only', capacityType: 'spot' }), sheet)).toBeUndefined();
    const r = nodeRates(node('n', { instanceType: 'od.only', capacityType: 'spot' }), sheet);
    expect(r.cpu).toBeCloseTo(0.01, P);
    expect(r.ram).toBeCloseTo(0.002, P);
  });

  it('spot node on a sheet without spot rates falls back to the on-demand list rates (implementation choice)', () => {
    const r = nodeRates(node('n', { capacityType: 'spot' }), prices().spec);
    expect(r).toEqual({ cpu: 0.04, ram: 0.005 });
  });
});

describe('nodeRates with an hourly price: OpenCost split, r = CPU/RAM', () => {
  it('hourly_price 0.48 on 4 vCPU / 16 GiB on-demand', () => {
    // r = 0.04/0.005 = 8; ramRate = 0.48 / (4·8 + 16) = 0.48/48 = 0.01; cpuRate = 0.01·8 = 0.08
    // check: 4·0.08 + 16·0.01 = 0.48 = P
    const r = nodeRates(node('n', { vcpu: 4, memoryGiB: 16, hourlyPrice: 0.48 }), sheet);
    expect(r.ram).toBeCloseTo(0.01, P);
    expect(r.cpu).toBeCloseTo(0.08, P);
  });

  it('hourly_price on a spot node splits with r = spotCPU/spotRAM', () => {
    // r = 0.01/0.002 = 5; ramRate = 0.36 / (4·5 + 16) = 0.36/36 = 0.01; cpuRate = 0.05
    const r = nodeRates(node('n', { vcpu: 4, memoryGiB: 16, hourlyPrice: 0.36, capacityType: 'spot' }), sheet);
    expect(r.ram).toBeCloseTo(0.01, P);
    expect(r.cpu).toBeCloseTo(0.05, P);
  });

  it('instance type on-demand price', () => {
    // P = 0.192; ramRate = 0.192 / (4·8 + 16) = 0.004; cpuRate = 0.032
    const n = node('n', { vcpu: 4, memoryGiB: 16, instanceType: 'm5.xlarge' });
    expect(nodeHourlyPrice(n, sheet)).toBe(0.192);
    const r = nodeRates(n, sheet);
    expect(r.ram).toBeCloseTo(0.004, P);
    expect(r.cpu).toBeCloseTo(0.032, P);
  });

  it('instance type spot price', () => {
    // P = 0.072, r = 5; ramRate = 0.072 / (4·5 + 16) = 0.002; cpuRate = 0.01
    const n = node('n', { vcpu: 4, memoryGiB: 16, instanceType: 'm5.xlarge', capacityType: 'spot' });
    expect(nodeHourlyPrice(n, sheet)).toBe(0.072);
    const r = nodeRates(n, sheet);
    expect(r.ram).toBeCloseTo(0.002, P);
    expect(r.cpu).toBeCloseTo(0.01, P);
  });

  it('hourly_price wins over the instance-type price', () => {
    // P = 0.48 (not 0.192) → 0.08 / 0.01 as above
    const n = node('n', { vcpu: 4, memoryGiB: 16, instanceType: 'm5.xlarge', hourlyPrice: 0.48 });
    expect(nodeHourlyPrice(n, sheet)).toBe(0.48);
    const r = nodeRates(n, sheet);
    expect(r.cpu).toBeCloseTo(0.08, P);
    expect(r.ram).toBeCloseTo(0.01, P);
  });

  it('a sheet with RAM = 0 (r infinite) puts the whole price on CPU', () => {
    // cpuRate = 0.48 / 4 = 0.12, ramRate = 0
    const r = nodeRates(node('n', { vcpu: 4, memoryGiB: 16, hourlyPrice: 0.48 }), prices({ RAM: 0 }).spec);
    expect(r.cpu).toBeCloseTo(0.12, P);
    expect(r.ram).toBe(0);
  });
});

describe('discount', () => {
  const discounted = prices({ spotCPU: 0.01, spotRAM: 0.002, discount: 0.25 }).spec;

  it('multiplies priced node rates by (1 − discount)', () => {
    // 0.08·0.75 = 0.06, 0.01·0.75 = 0.0075
    const r = nodeRates(node('n', { vcpu: 4, memoryGiB: 16, hourlyPrice: 0.48 }), discounted);
    expect(r.cpu).toBeCloseTo(0.06, P);
    expect(r.ram).toBeCloseTo(0.0075, P);
  });

  it('multiplies sheet rates by (1 − discount), on-demand and spot', () => {
    // 0.04·0.75 = 0.03, 0.005·0.75 = 0.00375; spot 0.01·0.75 = 0.0075, 0.002·0.75 = 0.0015
    const od = nodeRates(node('n'), discounted);
    expect(od.cpu).toBeCloseTo(0.03, P);
    expect(od.ram).toBeCloseTo(0.00375, P);
    const spot = nodeRates(node('n', { capacityType: 'spot' }), discounted);
    expect(spot.cpu).toBeCloseTo(0.0075, P);
    expect(spot.ram).toBeCloseTo(0.0015, P);
  });
});

describe('averageRates: cpu weighted by vcpu, ram by memory', () => {
  it('two nodes of different size and price', () => {
    const a = node('a', { vcpu: 4, memoryGiB: 16, hourlyPrice: 0.48 }); // 0.08 / 0.01
    const b = node('b', { vcpu: 12, memoryGiB: 32 }); // 0.04 / 0.005
    const avg = averageRates([a, b], [nodeRates(a, sheet), nodeRates(b, sheet)], sheet);
    // cpu = (4·0.08 + 12·0.04) / 16 = (0.32 + 0.48)/16 = 0.05
    // ram = (16·0.01 + 32·0.005) / 48 = (0.16 + 0.16)/48 = 0.0066667
    expect(avg.cpu).toBeCloseTo(0.05, P);
    expect(avg.ram).toBeCloseTo(0.32 / 48, P);
  });

  it('on-demand and spot list-priced nodes', () => {
    const a = node('a', { vcpu: 4, memoryGiB: 16 }); // 0.04 / 0.005
    const b = node('b', { vcpu: 4, memoryGiB: 16, capacityType: 'spot' }); // 0.01 / 0.002
    const avg = averageRates([a, b], [nodeRates(a, sheet), nodeRates(b, sheet)], sheet);
    // cpu = (4·0.04 + 4·0.01)/8 = 0.025; ram = (16·0.005 + 16·0.002)/32 = 0.0035
    expect(avg.cpu).toBeCloseTo(0.025, P);
    expect(avg.ram).toBeCloseTo(0.0035, P);
  });

  it('no nodes → on-demand sheet rates × (1 − discount)', () => {
    const s = prices({ discount: 0.5 }).spec;
    // 0.04·0.5 = 0.02, 0.005·0.5 = 0.0025
    expect(averageRates([], [], s)).toEqual({ cpu: 0.02, ram: 0.0025 });
  });
});

describe('monthlyCost', () => {
  it('(vcpu·cpuRate + GiB·ramRate)·H', () => {
    // (0.5·0.06 + 2·0.0075)·730 = (0.03 + 0.015)·730 = 32.85
    expect(monthlyCost(0.5, 2, { cpu: 0.06, ram: 0.0075 }, 730)).toBeCloseTo(32.85, 10);
  });
});
