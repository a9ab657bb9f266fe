/**
 * Flags that only tune one source do nothing without it; silently ignoring them would
 * let a user believe, say, that `--since '7 days ago'` narrowed a CSV estimate. Each is
 * bad usage (exit 2, one line) when its source is not read, like `--stat` without
 * `--proxy-usage`.
 */
import { InputError } from '../errors.js';
import type { InputFlags } from './inputOptions.js';

interface Needs {
  flag: string;
  given: (f: InputFlags) => boolean;
  /** what the flag does, for the message */
  what: string;
}

const NEW_RELIC_ONLY: Needs[] = [
  { flag: '--since', given: (f) => f.since !== undefined, what: 'sets the window of the New Relic read' },
  { flag: '--nr-stat', given: (f) => f.nrStat !== undefined, what: 'is the statistic of the usage New Relic observed' },
  { flag: '--nr-account', given: (f) => f.nrAccount !== undefined, what: 'names the New Relic account to read' },
  { flag: '--nr-region', given: (f) => f.nrRegion !== undefined, what: 'chooses the NerdGraph region' },
  { flag: '--nr-endpoint', given: (f) => f.nrEndpoint !== undefined, what: 'is the NerdGraph URL' },
  { flag: '--nr-timeout', given: (f) => f.nrTimeout !== undefined, what: 'limits one NerdGraph request' },
  { flag: '--clusters', given: (f) => f.clusters !== undefined, what: 'chooses the New Relic clusters to read' },
];

/** `kube`: the kubectl inputs after the config file was merged in (a config may name them). */
export function checkFlagSources(flags: InputFlags, kube: readonly string[] | undefined): void {
  if (!flags.newrelic) {
    const idle = NEW_RELIC_ONLY.find((n) => n.given(flags));
    if (idle) throw new InputError(`${idle.flag} ${idle.what}: pass --newrelic with it`);
  }
  const fromKube = Boolean(kube?.length);
  if (flags.cluster !== undefined && !fromKube && !flags.newrelic) {
    throw new InputError('--cluster names the cluster of a --kube inventory (CSV rows carry their own): pass --kube FILE or --newrelic with it');
  }
  if (flags.environment !== undefined && !fromKube && !flags.newrelic) {
    throw new InputError('--environment names the environment of a --kube inventory (CSV rows carry their own): pass --kube FILE or --newrelic with it');
  }
}
