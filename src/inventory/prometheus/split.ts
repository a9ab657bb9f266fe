/**
 * Complete query results. A result Prometheus refuses as too large ("query processing
 * would load too many samples") or one over the reader's byte limit is asked again per
 * cluster, then per namespace, until every part fits; a part that cannot be split
 * further is an error, never a silent truncation. Without a refusal, the queries sent
 * are the fixed list of queries.ts, whatever the number of pods.
 */
import { UpstreamError } from '../../errors.js';
import type { ReadContext } from '../types.js';
import { TooLargeError, type PrometheusClient, type Sample } from './client.js';
import { LISTS, QUERIES, promql, scopeMatchers, selectorText, type QueryName, type Scope } from './queries.js';

export class QuerySession {
  private sent = 0;
  private answered = 0;
  private readonly lists = new Map<string, Promise<string[]>>();

  constructor(
    private readonly client: PrometheusClient,
    /** epoch ms: every query is evaluated at this instant */
    readonly time: number,
    /** the window as a PromQL duration, e.g. `7d` */
    readonly window: string,
    private readonly progress?: ReadContext['progress'],
    /** --debug: each query's PromQL, as it is sent */
    private readonly debug?: (line: string) => void,
  ) {}

  get queries(): number {
    return this.sent;
  }

  /** Every series of the query in the scope, split as often as it takes. */
  async complete(name: QueryName, scope: Scope): Promise<Sample[]> {
    try {
      return await this.send(promql(name, scope, this.window));
    } catch (e) {
      if (!(e instanceof TooLargeError)) throw e;
      return this.split(name, scope, e);
    }
  }

  private async split(name: QueryName, scope: Scope, refusal: TooLargeError): Promise<Sample[]> {
    const spec = QUERIES[name];
    let narrowed = scope;
    if (scope.clusterLabel && scope.cluster === undefined) {
      const clusters = await this.list(LISTS.clusters(scope.clusterLabel, selectorText(scopeMatchers(scope))), scope.clusterLabel);
      if (clusters.length > 1) return (await Promise.all(clusters.map((cluster) => this.complete(name, { ...scope, cluster })))).flat();
      // one cluster: asking for it alone would ask the same question again; go finer
      if (clusters.length === 1) narrowed = { ...scope, cluster: clusters[0]! };
    }
    if (spec.namespaceLabel && narrowed.namespace === undefined) {
      const namespaces = await this.list(LISTS.namespaces(selectorText(scopeMatchers(narrowed))), 'namespace');
      if (namespaces.length > 0) return (await Promise.all(namespaces.map((namespace) => this.complete(name, { ...narrowed, namespace })))).flat();
    }
    const where = [narrowed.cluster !== undefined ? `cluster ${narrowed.cluster}` : '', narrowed.namespace !== undefined ? `namespace ${narrowed.namespace}` : '']
      .filter(Boolean)
      .join(', ');
    throw new UpstreamError(
      `Prometheus cannot return the ${spec.what} for ${where || 'the whole server'} in one answer (${refusal.message}), and they cannot be split further: raise Prometheus' --query.max-samples`,
    );
  }

  /** The values of `label` in a list query's answer, asked once per run. */
  private list(query: string, label: string): Promise<string[]> {
    let values = this.lists.get(query);
    if (!values) {
      values = this.send(query).then((samples) => [...new Set(samples.map((s) => s.metric[label]).filter((v): v is string => v !== undefined && v !== ''))].sort());
      this.lists.set(query, values);
    }
    return values;
  }

  private async send(query: string): Promise<Sample[]> {
    this.sent++;
    this.debug?.(`prometheus query ${this.sent}: ${query}`);
    this.progress?.(this.answered, this.sent, 'Prometheus queries');
    const samples = await this.client.query(query, this.time);
    this.answered++;
    this.progress?.(this.answered, this.sent, 'Prometheus queries');
    return samples;
  }
}
