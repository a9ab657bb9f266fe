import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { newRelicOptions, parseDuration, parseSince } from '../../src/cli/newrelic.js';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const env = { NEW_RELIC_API_KEY: 'NRAK-TESTKEYOPTIONS00000000', NEW_RELIC_ACCOUNT_ID: '12345' };

describe('New Relic flags', () => {
  it('reads --since as a relative time or an ISO date', () => {
    expect(parseSince('90 days ago', NOW)).toBe(NOW - 90 * DAY);
    expect(parseSince('1 week ago', NOW)).toBe(NOW - 7 * DAY);
    expect(parseSince('36 Hours ago', NOW)).toBe(NOW - 36 * 3_600_000);
    expect(parseSince('2026-03-01', NOW)).toBe(Date.UTC(2026, 2, 1));
    expect(() => parseSince('yesterday', NOW)).toThrow(InputError);
    expect(() => parseSince('2027-01-01', NOW)).toThrow(/expected a time in the past/);
  });

  it('reads --nr-timeout as 30s, 2m, 500ms or seconds', () => {
    expect(['30s', '2m', '500ms', '45', '0.5'].map((t) => parseDuration(t, '--nr-timeout'))).toEqual([30_000, 120_000, 500, 45_000, 500]);
    expect(() => parseDuration('0', '--nr-timeout')).toThrow(/--nr-timeout: expected a duration/);
    expect(() => parseDuration('fast', '--nr-timeout')).toThrow(InputError);
  });

  it('takes the key from the environment only, the account from the flag before the environment', () => {
    const { options, stat } = newRelicOptions({ nrRegion: 'eu', clusters: ' prd, stg ,', nrStat: 'p95' }, 'w.csv', env, NOW);
    expect(options).toEqual({
      endpoint: 'https://api.eu.newrelic.com/graphql',
      apiKey: env.NEW_RELIC_API_KEY,
      accountId: 12345,
      window: { since: NOW - 90 * DAY, until: NOW },
      clusters: ['prd', 'stg'],
      timeoutMs: 60_000,
      workloads: 'w.csv',
    });
    expect(stat).toBe('p95');
    expect(newRelicOptions({ nrAccount: '7' }, undefined, env, NOW).options).toMatchObject({ accountId: 7, endpoint: 'https://api.newrelic.com/graphql' });
  });

  it('refuses what it cannot use, with the flag or variable at fault', () => {
    expect(() => newRelicOptions({}, undefined, { NEW_RELIC_ACCOUNT_ID: '1' }, NOW)).toThrow(/^NEW_RELIC_API_KEY is not set/);
    expect(() => newRelicOptions({}, undefined, { ...env, NEW_RELIC_ACCOUNT_ID: 'acme' }, NOW)).toThrow('NEW_RELIC_ACCOUNT_ID: expected a numeric account id, found "acme"');
    expect(() => newRelicOptions({ nrAccount: '12x' }, undefined, env, NOW)).toThrow('--nr-account: expected a numeric account id, found "12x"');
    expect(() => newRelicOptions({ nrEndpoint: 'ftp://x' }, undefined, env, NOW)).toThrow(/--nr-endpoint: expected an http\(s\) URL/);
  });
});
