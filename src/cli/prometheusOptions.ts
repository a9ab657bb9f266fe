/**
 * The Prometheus flags, declared once for `estimate`, `manifests` and `prometheus export`.
 * No secret is ever a flag's value (it would land in shell history and `ps`): the token
 * comes from a file, a password from the URL, which is never printed.
 */
import { Option, type Command } from 'commander';
import { STATISTICS, type Statistic } from '../profiles/fit/statistic.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addPrometheusOptions(cmd: Command): Command {
  return cmd
    .option('--prom-cluster-label <label>', 'the label that names the cluster in a multi-cluster Prometheus (default cluster; --cluster NAME for a single-cluster one)')
    .option('--prom-bearer-token-file <file>', 'send the token in FILE as a bearer token (a Kubernetes service-account token file)')
    .option('--prom-header <header>', "an extra request header, 'Name: value' (repeatable), e.g. 'X-Scope-OrgID: team' for Mimir or Cortex", collect)
    .option('--prom-timeout <duration>', 'limit for one Prometheus request: 30s, 2m, 500ms (default 60s)')
    .option('--prom-time <time>', 'evaluate at this ISO time instead of now (the end of the --since window)')
    .addOption(new Option('--prom-stat <stat>', 'statistic of the observed proxy usage that sizes the proxies (default avg)').choices(STATISTICS));
}

export interface PrometheusFlags {
  prometheus?: string;
  promClusterLabel?: string;
  promBearerTokenFile?: string;
  promHeader?: string[];
  promTimeout?: string;
  promTime?: string;
  promStat?: Statistic;
  since?: string;
  clusters?: string;
  cluster?: string;
  environment?: string;
}
