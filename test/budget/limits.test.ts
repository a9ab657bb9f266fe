import { describe, expect, it } from 'vitest';
import { parseAmount, parseIncrease, parsePercent } from '../../src/budget/limits.js';
import { InputError } from '../../src/errors.js';

describe('limit parsing', () => {
  it('reads amounts, percentages and increases as typed', () => {
    expect(parseAmount('600', '--budget')).toBe(600);
    expect(parseAmount(' 600.50 ', '--budget')).toBe(600.5);
    expect(parsePercent('50', '--min-savings')).toBe(50);
    expect(parsePercent('87.5%', '--min-savings')).toBe(87.5);
    expect(parsePercent('-10%', '--min-savings')).toBe(-10);
    expect(parseIncrease('250', '--max-increase')).toEqual({ amount: 250 });
    expect(parseIncrease('5%', '--max-increase')).toEqual({ percent: 5 });
    expect(parseIncrease(30, 'budgets.maxIncrease')).toEqual({ amount: 30 });
  });

  it('refuses anything else with the flag, what was expected and what was found', () => {
    expect(() => parseAmount('$600', '--budget')).toThrow(new InputError('--budget: expected an amount such as 600 or 600.50, found "$600"'));
    expect(() => parseAmount('-5', '--budget')).toThrow(InputError);
    expect(() => parseAmount('1,000', '--budget')).toThrow(InputError);
    expect(() => parsePercent('half', '--min-savings')).toThrow('--min-savings: expected a percentage such as 50 or 50%, found "half"');
    expect(() => parseIncrease('5 %', '--max-increase')).toThrow('--max-increase: expected an amount (250) or a percentage (5%), found "5 %"');
    expect(() => parseIncrease('-5%', '--max-increase')).toThrow(InputError);
  });
});
