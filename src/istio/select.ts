/**
 * Which workloads a Service or a policy selector covers. Kubernetes' own rule: a
 * selector matches the pods whose labels hold every key=value of it, so bookinfo's
 * `reviews` Service (app: reviews) covers reviews-v1, -v2 and -v3.
 *
 * Inventories without pod labels (the CSV files) fall back on names: a Service covers
 * the workload of its own name and those named `<service>-…` (reviews → reviews-v1),
 * and a policy selector covers the Services whose selector shares a key with it and
 * agrees with it on every key both have. Where labels exist, only labels are used.
 */
import type { InventoryWorkload } from '../inventory/types.js';
import type { IstioService } from './config.js';

export type Labels = Readonly<Record<string, string>>;

export function matches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The workloads behind a Service; a Service without a selector (ExternalName, manual endpoints) has none. */
export function workloadsOf(svc: IstioService, workloads: readonly InventoryWorkload[]): InventoryWorkload[] {
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const name = svc.metadata.name;
  return workloads.filter((w) =>
    w.namespace === svc.metadata.namespace && (w.labels ? matches(selector, w.labels) : w.name === name || w.name.startsWith(`${name}-`)),
  );
}

/**
 * The Services of a namespace a workload selector reaches: those with a workload the
 * selector matches (by labels), or, without labels, those whose selector agrees with it.
 */
export function servicesSelectedBy(
  selector: Labels,
  namespace: string,
  services: readonly IstioService[],
  behind: ReadonlyMap<IstioService, InventoryWorkload[]>,
): IstioService[] {
  return services.filter((svc) => {
    if (svc.metadata.namespace !== namespace) return false;
    // a Service with no workload of the inventory behind it (an ingress gateway's, say) serves no meshed pod
    const ws = behind.get(svc) ?? [];
    if (ws.length === 0) return false;
    if (ws.some((w) => w.labels)) return ws.some((w) => w.labels && matches(selector, w.labels));
    const own = svc.spec?.selector ?? {};
    const shared = Object.keys(selector).filter((k) => k in own);
    return shared.length > 0 && shared.every((k) => own[k] === selector[k]);
  });
}
