/**
 * The READMEs of steps 2, 3, 4, 6 and 7: how each is applied and the exact command
 * whose output says it took effect, to run before the next step. (Steps 1 and 5 are
 * commands rather than objects: ambientInstall.ts and removeSidecars.ts.)
 */
import { groupBy } from '../groupBy.js';
import type { PolicyCopy } from '../istio/index.js';
import type { CanaryWorkload } from './canary.js';
import { copyName } from './policies.js';
import type { StepGuide } from './types.js';

const APPLY = 'kubectl apply -k .';

/** `grep -E '^(a|b)\s'`: the lines of `istioctl ztunnel-config workloads` for these namespaces (its first column) */
const namespaceLines = (namespaces: readonly string[]) => `grep -E '^(${namespaces.join('|')})\\s'`;

export function waypointsGuide(namespaces: readonly string[]): StepGuide {
  return {
    step: '2-waypoints',
    title: 'Deploy the waypoints',
    about: [
      'One waypoint per namespace whose workloads need L7, sized as the estimate priced (each file says how). Nothing uses them yet: Services are pointed at them in 4-enrol.',
    ],
    apply: [APPLY],
    check: {
      commands: namespaces.map((ns) => `kubectl wait --for=condition=Programmed gateway/waypoint -n ${ns} --timeout=5m`),
      expect: 'each prints "condition met": the waypoint Deployment is running.',
    },
  };
}

export function policiesGuide(policies: readonly PolicyCopy[]): StepGuide {
  const byNamespace = groupBy(policies, (p) => p.namespace);
  return {
    step: '3-policies',
    title: 'Attach the L7 policies to the waypoints',
    about: [
      'A waypoint enforces only the policies attached to it with targetRefs; selector-attached L7 policies keep working for sidecars only. These copies are applied before enrolment so that no request goes unchecked in between; the originals stay until 5-remove-sidecars is done.',
    ],
    apply: [APPLY],
    check: {
      commands: [...byNamespace].map(([ns, ps]) => `kubectl get -n ${ns} ${ps.map((p) => `${p.kind.toLowerCase()}/${copyName(p.name)}`).join(' ')}`),
      expect: 'every copy is listed (Istio binds them to the waypoints once the Services use them, in 4-enrol, whose check waits for that).',
    },
  };
}

export function enrolGuide(namespaces: readonly string[], policies: readonly PolicyCopy[]): StepGuide {
  const bound = policies.filter((p) => p.kind === 'AuthorizationPolicy');
  return {
    step: '4-enrol',
    title: 'Enrol the namespaces',
    about: [
      'Labels every namespace in the priced scope `istio.io/dataplane-mode=ambient`, points the Services that need L7 at their waypoint (`istio.io/use-waypoint`) and sets their locality. New and restarted pods use ztunnel; running pods keep their sidecars (the sidecar takes precedence) until 5-remove-sidecars.',
    ],
    apply: [APPLY],
    check: {
      commands: [
        `istioctl ztunnel-config workloads -n istio-system | ${namespaceLines(namespaces)}`,
        ...bound.map((p) => `kubectl wait --for=condition=WaypointAccepted authorizationpolicy/${copyName(p.name)} -n ${p.namespace} --timeout=2m`),
      ],
      expect: `every workload of these namespaces is listed with protocol HBONE, and the L7 ones with their waypoint${bound.length > 0 ? '; each wait prints "condition met": the waypoint enforces the policy copy' : ''}.`,
    },
  };
}

export function canaryGuide(canaries: readonly CanaryWorkload[]): StepGuide {
  return {
    step: '6-canary',
    title: 'Canary releases through the waypoints',
    about: [
      'HTTPRoutes on the canary workloads\' Services, which their waypoint enforces, and Argo Rollouts that move the weights. Needs Argo Rollouts installed (the argo-rollouts-config registers its Gateway API plugin; restart the controller after applying).',
    ],
    apply: [APPLY, 'kubectl rollout restart deployment/argo-rollouts -n argo-rollouts'],
    check: {
      commands: canaries.map(
        (c) => `kubectl get httproute/${c.name} -n ${c.namespace} -o jsonpath='{.status.parents[*].conditions[?(@.type=="Accepted")].status}'`,
      ),
      expect: 'each prints True: the waypoint accepted the route.',
    },
  };
}

export function strictMtlsGuide(namespaces: readonly string[], excluded: readonly string[]): StepGuide {
  return {
    step: '7-strict-mtls',
    title: 'Strict mutual TLS',
    about: [
      'Last, and only once every client is in the mesh: from then on every workload refuses plain-text connections. STRICT breaks callers outside the mesh, such as API-server webhooks served from enrolled namespaces, an unmeshed Prometheus scraping meshed pods, health checks and load balancers that reach pods directly, and anything in the namespaces left out of the mesh' +
        (excluded.length > 0 ? ` (${excluded.join(', ')})` : '') +
        '.',
      'Before applying, list the webhooks served from enrolled namespaces (first command below): each needs a PeerAuthentication exception on its port, or its namespace left PERMISSIVE.',
    ],
    apply: [APPLY],
    check: {
      commands: [
        `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations -o jsonpath='{range .items[*].webhooks[*]}{.name}{" "}{.clientConfig.service.namespace}{"\\n"}{end}' | grep -E ' (${namespaces.join('|')})$'`,
        'kubectl get peerauthentication default -n istio-system -o jsonpath=\'{.spec.mtls.mode}\'',
      ],
      expect: 'the first prints no webhook (or only ones you have given an exception); the second prints STRICT.',
    },
  };
}
