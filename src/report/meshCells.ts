/**
 * The text of what the report says about the mesh as the inventory shows it: the scope
 * priced, today's mix and what is still to save, the mesh infrastructure left out, the
 * pods that keep their sidecar, and the readiness findings of --istio-config. Plain
 * strings shared by the terminal, markdown and html renderers, as in cells.ts.
 */
import type { ReadinessFinding, Report, ScopeReport } from '../model/types.js';
import { counted } from '../plural.js';
import type { Money } from './cells.js';

/** "mesh (4 namespaces) — the inventory shows the mesh today (…)": the scope and why it is that one. */
export function scopeText(scope: ScopeReport): string {
  return `${scope.mode} (${counted(scope.namespaces, 'namespace')}) — ${scope.reason}`;
}

/**
 * "Today's mix (12 sidecars, 1 namespace already ambient) costs $79.27/month; ambient
 * would save $18.74/month more": what the cluster runs now against the ambient column.
 * Decided on the rounded amount, as the headline is (cells.ts ambientSaves).
 */
export function todayLine(r: Report, money: Money): string | undefined {
  const t = r.today;
  if (!t) return undefined;
  const mix = `${counted(t.sidecars, 'sidecar')}, ${counted(t.ambientNamespaces, 'namespace')} already ambient`;
  const still = Math.round(t.stillToSave * 100) >= 0
    ? `still to save with ambient: ${money(t.stillToSave)}/month`
    : `ambient would cost ${money(-t.stillToSave)}/month more than today`;
  return `Today's mix (${mix}) costs ${money(t.monthlyCost)}/month; ${still}.`;
}

/** "Mesh infrastructure seen and left out of the workloads: 1 istiod pod, 6 ztunnel pods in 2 clusters." */
export function infrastructureLine(r: Report): string | undefined {
  const seen = r.inputs.infrastructure ?? [];
  if (seen.length === 0) return undefined;
  const parts = seen.map((s) => `${counted(s.pods, `${s.component} pod`)}${s.clusters > 1 ? ` in ${counted(s.clusters, 'cluster')}` : ''}`);
  return `Mesh infrastructure seen and left out of the workloads: ${parts.join(', ')}.`;
}

/** Said when some meshed pods sit on nodes a ztunnel cannot serve (Windows, Fargate, virtual-kubelet). */
export function sidecarsKeptLine(r: Report): string | undefined {
  const kept = r.ambient.sidecarsKept ?? 0;
  if (kept === 0) return undefined;
  return `${counted(kept, 'meshed pod')} on nodes no ztunnel can serve ${kept === 1 ? 'keeps its' : 'keep their'} sidecar in the ambient column.`;
}

/** The lines above that apply to this report, in the order the renderers show them. */
export function meshLines(r: Report, money: Money): string[] {
  return [todayLine(r, money), infrastructureLine(r), sidecarsKeptLine(r)].filter((l): l is string => l !== undefined);
}

export const READINESS_HEAD = ['Namespace', 'Object', 'Finding'];

/** "5 objects of the Istio configuration do not carry over to ambient as they are" */
export function readinessTitle(findings: readonly ReadinessFinding[]): string {
  return `${counted(findings.length, 'object')} of the Istio configuration ${findings.length === 1 ? 'does' : 'do'} not carry over to ambient as ${findings.length === 1 ? 'it is' : 'they are'}`;
}

/** One row per finding: cluster/namespace, Kind/name, what must change. */
export function readinessCells(findings: readonly ReadinessFinding[]): string[][] {
  return findings.map((f) => [`${f.cluster}/${f.namespace}`, `${f.kind}/${f.name}`, f.finding]);
}

/** "and 3 more (-f json lists them all)", when only the first `shown` are listed. */
export function readinessMore(findings: readonly ReadinessFinding[], shown: number): string | undefined {
  const left = findings.length - shown;
  return left > 0 ? `and ${counted(left, 'more finding')} (\`-f json\` lists them all)` : undefined;
}
