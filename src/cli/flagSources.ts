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
  { flag: '--nr-stat', given: (f) => f.nrStat !== undefined, what: 'is the statistic of the usage New Relic observed' },
  { flag: '--nr-account', given: (f) => f.nrAccount !== undefined, what: 'names the New Relic account to read' },
  { flag: '--nr-region', given: (f) => f.nrRegion !== undefined, what: 'chooses the NerdGraph region' },
  { flag: '--nr-endpoint', given: (f) => f.nrEndpoint !== undefined, what: 'is the NerdGraph URL' },
  { flag: '--nr-timeout', given: (f) => f.nrTimeout !== undefined, what: 'limits one NerdGraph request' },
];

const PROMETHEUS_ONLY: Needs[] = [
  { flag: '--prom-cluster-label', given: (f) => f.promClusterLabel !== undefined, what: 'names the cluster label of a multi-cluster Prometheus' },
  { flag: '--prom-bearer-token-file', given: (f) => f.promBearerTokenFile !== undefined, what: 'authenticates to Prometheus' },
  { flag: '--prom-header', given: (f) => f.promHeader !== undefined, what: 'adds a header to the Prometheus requests' },
  { flag: '--prom-timeout', given: (f) => f.promTimeout !== undefined, what: 'limits one Prometheus request' },
  { flag: '--prom-time', given: (f) => f.promTime !== undefined, what: 'sets when Prometheus is queried' },
  { flag: '--prom-stat', given: (f) => f.promStat !== undefined, what: 'is the statistic of the usage Prometheus observed' },
];

/** the flags both live sources take */
const LIVE_ONLY: Needs[] = [
  { flag: '--since', given: (f) => f.since !== undefined, what: 'sets the window of the New Relic or Prometheus read' },
  { flag: '--clusters', given: (f) => f.clusters !== undefined, what: 'chooses the New Relic or Prometheus clusters to read' },
];

/** `kube`: the kubectl inputs after the config file was merged in (a config may name them). */
export function checkFlagSources(flags: InputFlags, kube: readonly string[] | undefined): void {
  const idle = (needs: Needs[], source: string) => {
    const n = needs.find((x) => x.given(flags));
    if (n) throw new InputError(`${n.flag} ${n.what}: pass ${source} with it`);
  };
  if (!flags.newrelic) idle(NEW_RELIC_ONLY, '--newrelic');
  if (!flags.prometheus) idle(PROMETHEUS_ONLY, '--prometheus URL');
  if (!flags.newrelic && !flags.prometheus) idle(LIVE_ONLY, '--newrelic or --prometheus URL');
  const named = Boolean(kube?.length) || Boolean(flags.newrelic) || Boolean(flags.prometheus);
  // --cluster also says which cluster an --istio-config belongs to
  if (flags.cluster !== undefined && !named && !flags.istioConfig) {
    throw new InputError('--cluster names the cluster of a --kube or single-cluster --prometheus inventory, or of an --istio-config (CSV rows carry their own): pass --kube FILE, --prometheus URL, --newrelic or --istio-config FILE with it');
  }
  if (flags.environment !== undefined && !named) {
    throw new InputError('--environment names the environment of a --kube or single-cluster --prometheus inventory (CSV rows carry their own): pass --kube FILE, --prometheus URL or --newrelic with it');
  }
}
