/**
 * The New Relic flags, declared once for `estimate`, `manifests` and `newrelic export`.
 * Flags only: the key is never a flag (it would land in shell history and `ps`).
 */
import { Option, type Command } from 'commander';
import { STATISTICS, type Statistic } from '../profiles/fit/statistic.js';

export function addNewRelicOptions(cmd: Command): Command {
  return cmd
    .option('--nr-account <id>', 'New Relic account id (default: NEW_RELIC_ACCOUNT_ID)')
    .addOption(new Option('--nr-region <region>', 'NerdGraph region (default us)').choices(['us', 'eu']))
    .option('--nr-endpoint <url>', 'NerdGraph URL; overrides --nr-region (a proxy, a test stand-in)')
    .option('--since <when>', "start of the usage and traffic window: 'N minutes|hours|days|weeks ago' or an ISO date (default '90 days ago'; with --prometheus also 7d, 36h, default 7d)")
    .option('--clusters <names>', 'only these clusters (comma-separated clusterName values)')
    .addOption(new Option('--nr-stat <stat>', 'statistic of the observed proxy usage that sizes the proxies (default avg)').choices(STATISTICS))
    .option('--nr-timeout <duration>', 'limit for one NerdGraph request: 30s, 2m, 500ms (default 60s)');
}

export interface NewRelicFlags {
  nrAccount?: string;
  nrRegion?: 'us' | 'eu';
  nrEndpoint?: string;
  since?: string;
  clusters?: string;
  nrStat?: Statistic;
  nrTimeout?: string;
}
