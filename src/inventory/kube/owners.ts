/**
 * A pod's top-level controller: the Deployment rather than its ReplicaSet, the CronJob
 * rather than its Job. When the dump holds the ReplicaSets and Jobs themselves
 * (`kubectl get nodes,pods,replicasets,jobs -A -o json`), their ownerReferences say
 * it; usually it does not, and the names do: a Deployment's ReplicaSet is named
 * `<deployment>-<pod-template-hash>` (the hash is also a label on the pod), and a
 * CronJob's Job is named `<cronjob>-<scheduled time in minutes>`.
 */
import { controllerOf, type KubeObject } from './objects.js';
import { detach } from './strings.js';

export interface Owner {
  kind: string;
  name: string;
}

/** minutes since the epoch: 8 digits from 1970-07 until the year 2160 */
const CRONJOB_JOB = /^(.+)-\d{8,}$/;
const RESOLVED_KINDS = new Set(['ReplicaSet', 'Job']);

export class Owners {
  /** `namespace/kind/name` of a ReplicaSet or Job seen in the input → its controller (null: none) */
  private readonly known = new Map<string, Owner | null>();

  /** Whether this object only tells whose child it is (a ReplicaSet or Job in the dump). */
  static describes(obj: KubeObject): boolean {
    return RESOLVED_KINDS.has(obj.kind ?? '');
  }

  record(obj: KubeObject): void {
    const c = controllerOf(obj);
    const owner = c?.kind && c.name ? { kind: detach(c.kind), name: detach(c.name) } : null;
    this.known.set(detach(key(obj.metadata?.namespace ?? '', obj.kind ?? '', obj.metadata?.name ?? '')), owner);
  }

  topLevel(namespace: string, direct: Owner, podTemplateHash?: string): Owner {
    const seen = this.known.get(key(namespace, direct.kind, direct.name));
    if (seen !== undefined) return seen ?? direct;
    if (direct.kind === 'ReplicaSet' && podTemplateHash && direct.name.endsWith(`-${podTemplateHash}`)) {
      return { kind: 'Deployment', name: direct.name.slice(0, -podTemplateHash.length - 1) };
    }
    const job = direct.kind === 'Job' ? CRONJOB_JOB.exec(direct.name) : null;
    if (job) return { kind: 'CronJob', name: job[1]! };
    return direct;
  }
}

function key(namespace: string, kind: string, name: string): string {
  return `${namespace}\u0000${kind}\u0000${name}`;
}
