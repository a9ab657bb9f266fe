/**
 * Step 5: ambient enrolment does not take a sidecar away. A pod that has one keeps it,
 * and its cost, until it restarts without injection (the sidecar takes precedence over
 * ztunnel), so nothing priced is saved before this step. Per namespace: the injection
 * labels removed (`istio-injection`, `istio.io/rev`), then each controller restarted
 * and waited for. Commands, not objects: a label is removed by `kubectl label`, which
 * an apply of a partial Namespace cannot do.
 */
import type { InventoryWorkload } from '../inventory/types.js';
import type { StepGuide } from './types.js';

/** Controllers `kubectl rollout restart` can restart, as kubectl names them. */
const RESTARTABLE: Readonly<Record<string, string>> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

export function removeSidecarsGuide(namespaces: readonly { namespace: string; workloads: readonly InventoryWorkload[] }[]): StepGuide {
  const apply: string[] = [];
  const others: string[] = [];
  for (const ns of namespaces) {
    const restartable = ns.workloads.filter((w) => RESTARTABLE[w.kind]).map((w) => `${RESTARTABLE[w.kind]}/${w.name}`).sort();
    apply.push(`kubectl label namespace ${ns.namespace} istio-injection- istio.io/rev-`);
    if (restartable.length > 0) {
      apply.push(`kubectl rollout restart -n ${ns.namespace} ${restartable.join(' ')}`);
      for (const r of restartable) apply.push(`kubectl rollout status -n ${ns.namespace} ${r} --timeout=10m`);
    }
    others.push(...ns.workloads.filter((w) => !RESTARTABLE[w.kind]).map((w) => `${ns.namespace}/${w.name} (${w.kind})`));
  }
  const list = namespaces.map((n) => n.namespace).join(' ');
  return {
    step: '5-remove-sidecars',
    title: 'Remove the sidecars',
    about: [
      'A pod enrolled in ambient that still has its sidecar keeps it, and its cost, until it restarts without injection: the sidecar takes precedence over ztunnel. Without this step every sidecar keeps running and nothing the estimate priced is saved.',
      'Per namespace: the injection labels are removed (`istio-injection`, `istio.io/rev`; a label that is not there is skipped), then each controller is restarted and waited for. Run one namespace at a time and check it before the next.',
      'A pod template labelled `sidecar.istio.io/inject: "true"` is injected whatever its namespace says: drop that label from the workload first, or the restart brings the sidecar back (the check below shows it).',
      ...(others.length > 0
        ? [`Not restarted by these commands (\`kubectl rollout restart\` takes Deployments, StatefulSets and DaemonSets): ${others.join(', ')}. Jobs lose their sidecar at their next run; recreate bare pods.`]
        : []),
    ],
    apply,
    check: {
      commands: [`for ns in ${list}; do kubectl get pods -n "$ns" -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{" "}{.spec.containers[*].name} {.spec.initContainers[*].name}{"\\n"}{end}' | grep -w istio-proxy; done`],
      expect: 'no output: no pod in these namespaces runs istio-proxy any more.',
    },
  };
}
