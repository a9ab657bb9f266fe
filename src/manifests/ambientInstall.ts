/**
 * Step 1: the ambient components, installed over the existing sidecar install with
 * Istio's Helm charts (istiod and istio-cni with the `ambient` profile, ztunnel new),
 * sized from the same profile the estimate priced. Helm values, not objects: the
 * README prints the `helm upgrade` commands; kustomize never lists them.
 */
import type { ProxyProfile, Requests } from '../profiles/schema.js';
import { formatCpu, formatMemoryMiB } from '../quantity.js';
import { count, plural } from './explain.js';
import { formatVersion, takesParametersRef, type IstioVersion } from './istioVersion.js';
import type { ManifestFile, StepGuide } from './types.js';
import { zoneSpread } from './waypoint.js';

const STEP = '1-ambient-install';
/** The Gateway API release Istio's ambient install docs apply (its CRDs are not in Istio's charts). */
const GATEWAY_API_VERSION = 'v1.4.0';
const GATEWAY_API_CRDS = `https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_VERSION}/standard-install.yaml`;

/** `500m CPU / 2Gi`, or what a profile without the component means: the chart's own defaults stay */
function sized(r: Requests): string {
  return r.cpu > 0 || r.memory > 0 ? `${formatCpu(r.cpu)} CPU / ${formatMemoryMiB(r.memory)}` : "none set by the profile, so the chart's defaults stay";
}

function requests(r: Requests): Record<string, unknown> {
  const out: Record<string, string> = {};
  if (r.cpu > 0) out.cpu = formatCpu(r.cpu);
  if (r.memory > 0) out.memory = formatMemoryMiB(r.memory);
  return Object.keys(out).length > 0 ? { resources: { requests: out } } : {};
}

export function ambientInstall(cluster: string, nodes: number, profile: ProxyProfile, version: IstioVersion): { files: ManifestFile[]; guide: StepGuide } {
  const { spec } = profile;
  const name = profile.metadata.name;
  const waypoint = {
    ...requests(spec.waypoint.requests),
    // below 1.26 the Gateway's parametersRef is ignored: the spread goes on every waypoint Istio generates
    ...(takesParametersRef(version) ? {} : { topologySpreadConstraints: zoneSpread() }),
  };
  const files: ManifestFile[] = [
    {
      kind: 'helmValues',
      step: STEP,
      path: 'istiod-values.yaml',
      comment: [
        `Helm values for the istio/istiod chart in cluster ${cluster}: the ambient profile, istiod's requests (profile ${name}: ${sized(spec.controlPlane.ambient)}),`,
        `and global.waypoint.resources, the requests of every waypoint Istio generates (${sized(spec.waypoint.requests)} per replica, as priced).`,
        ...(takesParametersRef(version)
          ? []
          : [`Istio ${formatVersion(version)} ignores a Gateway's parametersRef overlays (they apply from 1.26): the waypoints' zone spread is set here too.`]),
      ],
      values: { profile: 'ambient', ...requests(spec.controlPlane.ambient), global: { waypoint } },
    },
    {
      kind: 'helmValues',
      step: STEP,
      path: 'istio-cni-values.yaml',
      comment: [
        `Helm values for the istio/cni chart in cluster ${cluster}: the ambient profile (the node agent that redirects enrolled pods to ztunnel), one per node,`,
        `${plural(nodes, 'node')} × the requests of profile ${name}: ${sized(spec.cni.requests)}.`,
      ],
      values: { profile: 'ambient', ...requests(spec.cni.requests) },
    },
    {
      kind: 'helmValues',
      step: STEP,
      path: 'ztunnel-values.yaml',
      comment: [
        `Helm values for the istio/ztunnel chart in cluster ${cluster}: one ztunnel per node,`,
        `${plural(nodes, 'node')} × ${formatCpu(spec.ztunnel.requests.cpu)} CPU = ${count(nodes * spec.ztunnel.requests.cpu)} vCPU, × ${formatMemoryMiB(spec.ztunnel.requests.memory)} = ${count((nodes * spec.ztunnel.requests.memory) / 1024)} GiB requested (profile ${name}).`,
      ],
      values: requests(spec.ztunnel.requests),
    },
  ];
  const chart = `--version '~${formatVersion(version)}.0'`;
  return {
    files,
    guide: {
      step: STEP,
      title: 'Install the ambient components',
      about: [
        `Adds ztunnel and the ambient node agent to the running mesh and moves istiod to Istio ${formatVersion(version)}'s ambient profile. Sidecars keep serving every request: nothing is enrolled yet.`,
        'The Gateway API CRDs are a prerequisite (waypoints are Gateways); the first command installs them only when they are missing.',
        'If you installed Istio with your own values files, pass them before these (`-f yours.yaml -f istiod-values.yaml`): `helm upgrade` starts from the chart defaults.',
      ],
      apply: [
        `kubectl get crd gateways.gateway.networking.k8s.io || kubectl apply --server-side -f ${GATEWAY_API_CRDS}`,
        `helm upgrade istio-base istio/base -n istio-system ${chart}`,
        `helm upgrade istiod istio/istiod -n istio-system ${chart} -f istiod-values.yaml --wait`,
        `helm upgrade --install istio-cni istio/cni -n istio-system ${chart} -f istio-cni-values.yaml --wait`,
        `helm upgrade --install ztunnel istio/ztunnel -n istio-system ${chart} -f ztunnel-values.yaml --wait`,
      ],
      check: {
        commands: ['kubectl rollout status daemonset/istio-cni-node -n istio-system', 'kubectl rollout status daemonset/ztunnel -n istio-system'],
        expect: `both report "successfully rolled out" (one ztunnel per node: ${plural(nodes, 'node')} in the inventory).`,
      },
    },
  };
}
