/** The input flags `estimate` and `manifests` share, declared once. */
import { Option, type Command } from 'commander';
import { BASES, LOCALITIES, SCOPES, type Basis, type Locality, type ScopeFlag } from '../model/types.js';
import { DEFAULT_PROFILE } from '../profiles/defaultProfile.js';
import { STATISTICS, type Statistic } from '../profiles/fit/statistic.js';
import { addNewRelicOptions, type NewRelicFlags } from './newrelicOptions.js';
import { addPrometheusOptions, type PrometheusFlags } from './prometheusOptions.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addInputOptions(cmd: Command): Command {
  cmd
    .option('--nodes <file>', 'nodes.csv (- reads stdin)')
    .option('--workloads <file>', 'workloads.csv (- reads stdin)')
    .option('--pods <file>', 'pods.csv (placement; - reads stdin)')
    .option('--kube <file|->', 'JSON of `kubectl get nodes,pods -A -o json` (- for stdin; repeatable: node, pod and namespace dumps)', collect)
    .option('--cluster <name>', 'the cluster name for a --kube inventory (default: default) or a single-cluster --prometheus, and the cluster --istio-config belongs to')
    .option('--environment <name>', 'the environment for a --kube or single-cluster --prometheus inventory (default: the cluster name)')
    .option('--newrelic', 'read nodes, pods, traffic and observed proxy usage from New Relic (key: NEW_RELIC_API_KEY)')
    .option('--prometheus <url>', 'read nodes, pods, traffic, bytes per request and observed proxy usage from Prometheus, Thanos or Mimir (docs/prometheus.md)')
    .option('--example <name>', 'run a bundled example (see fixtures/)')
    .option('-c, --config <file>', 'a mesh-cost.yaml config file')
    .option('-p, --profile <name|file>', `proxy profile (default ${DEFAULT_PROFILE})`)
    .option('--prices <name|file>', 'price sheet (default opencost-default)')
    .addOption(new Option('--basis <basis>', 'what a proxy is charged for (default max)').choices(BASES))
    .addOption(new Option('--locality <locality>', 'waypoint traffic locality counted in the total (default preferClose)').choices(LOCALITIES))
    .option('--exclude-namespace <ns>', 'a namespace left out of the mesh, besides kube-system, kube-public, kube-node-lease and istio-system (repeatable)', collect)
    .option('--no-default-excludes', 'price kube-system, kube-public, kube-node-lease and istio-system too')
    .addOption(new Option('--scope <scope>', 'which workloads are the mesh: what the inventory shows meshed today, or every namespace (default auto: mesh when the inventory shows it)').choices(SCOPES))
    .option('--istio-config <file|->', 'JSON of `kubectl get services,virtualservices,destinationrules,authorizationpolicies,envoyfilters,requestauthentications,telemetries -A -o json`: the waypoints it needs, and what ambient does not carry over')
    .option('--proxy-usage <file>', "usage.csv of proxy samples: price proxies at their observed usage instead of the profile's")
    .addOption(new Option('--stat <statistic>', 'statistic of the observed usage (default avg)').choices(STATISTICS))
    .option('--set <key=value>', 'change one profile or price figure for this run, e.g. waypoint.scaling.rpmPerReplica=40000 (repeatable)', collect);
  return addPrometheusOptions(addNewRelicOptions(cmd));
}

export interface InputFlags extends NewRelicFlags, PrometheusFlags {
  nodes?: string;
  workloads?: string;
  pods?: string;
  kube?: string[];
  cluster?: string;
  environment?: string;
  newrelic?: boolean;
  example?: string;
  config?: string;
  profile?: string;
  prices?: string;
  basis?: Basis;
  locality?: Locality;
  excludeNamespace?: string[];
  /** false with --no-default-excludes */
  defaultExcludes?: boolean;
  scope?: ScopeFlag;
  proxyUsage?: string;
  stat?: Statistic;
  istioConfig?: string;
  set?: string[];
}
