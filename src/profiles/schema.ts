/**
 * ProxyProfile and PriceSheet (DESIGN section 2), validated with zod. Quantities in
 * `requests` accept Kubernetes notation; the parsed form is plain numbers
 * (vCPU and MiB) so that the model never parses anything.
 */
import { z } from 'zod';
import { MIB, parseQuantity } from '../quantity.js';

const nonNegative = z.number().finite().nonnegative();
/** OpenCost writes its prices as strings ("0.031611"); accept both so its customPricing carries over */
export const price = z
  .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?([eE][+-]?\d+)?\s*$/, 'expected a non-negative number')], {
    error: 'expected a price: a non-negative number such as 0.031611',
  })
  .transform(Number)
  .pipe(nonNegative);

const cpuQuantity = z
  .union([z.number(), z.string()])
  .transform((v, ctx) => {
    const n = typeof v === 'number' ? v : parseQuantity(v);
    if (n === undefined || !Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `expected a cpu quantity such as 100m or 0.5, found ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return n;
  });

/**
 * memory quantity → MiB; a bare number is bytes, as in Kubernetes. A request between 0
 * and 1 MiB is refused: no proxy runs in less, so it is bytes written where MiB or a
 * quantity was meant (`memory: 128` is 128 bytes). 0 stays: a component left out.
 */
const memoryQuantity = z
  .union([z.number(), z.string()])
  .transform((v, ctx) => {
    const bytes = typeof v === 'number' ? v : parseQuantity(v);
    if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
      ctx.addIssue({ code: 'custom', message: `expected a memory quantity such as 128Mi or 2Gi, found ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    if (bytes > 0 && bytes < MIB) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a memory request of at least 1Mi such as 128Mi (a bare number is bytes), found ${JSON.stringify(v)}`,
      });
      return z.NEVER;
    }
    return bytes / MIB;
  });

const linear = z.strictObject({ base: nonNegative.default(0), per1kRps: nonNegative.default(0) });

const usage = z.strictObject({
  /** vCPU */
  cpu: linear.prefault({}),
  /**
   * MiB; perKPods: memory per 1,000 meshed pods of the proxy's cluster (its share of the
   * mesh's endpoint configuration), so `base` is the figure at 0 pods
   */
  memoryMiB: linear.extend({ perKPods: nonNegative.default(0) }).prefault({}),
});

const requests = z.strictObject({
  cpu: cpuQuantity.default(0),
  memory: memoryQuantity.default(0),
});

// prefault({}): a missing part parses as an empty one, so the inner defaults fill it and
// every parsed profile gets objects of its own (a shared default object could be mutated)
const component = z.strictObject({
  usage: usage.prefault({}),
  requests: requests.prefault({}),
});

const scaling = z.strictObject({
  rpmPerReplica: z.number().finite().positive(),
  headroom: nonNegative,
  minReplicas: z.number().int().min(1),
  /** at least one replica per zone, so that every zone keeps a local waypoint */
  zoneSpread: z.boolean().default(true),
});

/** istiod in one mode: its requests, and what it needs per connected proxy (vCPU, MiB) */
const controlPlaneMode = requests.extend({
  perProxy: z.strictObject({ cpu: nonNegative.default(0), memoryMiB: nonNegative.default(0) }).prefault({}),
});

/**
 * A scale term on one side only would tilt the comparison (sidecar mode costlier with mesh
 * size while ambient is not), so the sidecar's and the ztunnel's perKPods, and the two
 * control planes' perProxy, come together or not at all.
 */
type Spec = {
  sidecar: { usage: { memoryMiB: { perKPods: number } } };
  ztunnel: { usage: { memoryMiB: { perKPods: number } } };
  controlPlane: Record<'sidecar' | 'ambient', { perProxy: { cpu: number; memoryMiB: number } }>;
};
function scaleTermsTogether(spec: Spec, ctx: z.RefinementCtx): void {
  const side = spec.sidecar.usage.memoryMiB.perKPods > 0;
  const zt = spec.ztunnel.usage.memoryMiB.perKPods > 0;
  // the issue points at the term that is set, the one a reader can find in the file
  if (side !== zt) {
    const [set, unset] = side ? (['sidecar', 'ztunnel'] as const) : (['ztunnel', 'sidecar'] as const);
    ctx.addIssue({
      code: 'custom',
      path: [set, 'usage', 'memoryMiB', 'perKPods'],
      message: `expected sidecar and ztunnel scale terms together or not at all, found ${set} perKPods ${spec[set].usage.memoryMiB.perKPods} and none for the ${unset}`,
    });
  }
  const proxies = (m: 'sidecar' | 'ambient') => spec.controlPlane[m].perProxy.cpu + spec.controlPlane[m].perProxy.memoryMiB > 0;
  if (proxies('sidecar') !== proxies('ambient')) {
    const [set, unset] = proxies('sidecar') ? (['sidecar', 'ambient'] as const) : (['ambient', 'sidecar'] as const);
    ctx.addIssue({
      code: 'custom',
      path: ['controlPlane', set, 'perProxy'],
      message: `expected the two control planes' perProxy terms together or not at all, found one for ${set} and none for ${unset}`,
    });
  }
}

export const proxyProfileSchema = z.strictObject({
  apiVersion: z.literal('mesh-cost/v1'),
  kind: z.literal('ProxyProfile'),
  metadata: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    sources: z.array(z.string()).default([]),
  }),
  spec: z
    .strictObject({
      sidecar: component.prefault({}),
      ztunnel: component.prefault({}),
      /** istio-cni; inSidecarMode: it also runs in sidecar mode (OpenShift, installs without privileged init containers) */
      cni: component.extend({ inSidecarMode: z.boolean().default(false) }).prefault({}),
      waypoint: component.extend({ scaling: scaling.prefault({ rpmPerReplica: 50_000, headroom: 0.6, minReplicas: 2 }) }).prefault({}),
      controlPlane: z.strictObject({ sidecar: controlPlaneMode.prefault({}), ambient: controlPlaneMode.prefault({}) }).prefault({}),
    })
    .superRefine(scaleTermsTogether),
});

export type ProxyProfile = z.output<typeof proxyProfileSchema>;
/** One proxy kind: usage = base + per1kRps·rps/1000 (vCPU, MiB); requests in vCPU and MiB. */
export type ComponentProfile = ProxyProfile['spec']['sidecar'];
export type WaypointProfile = ProxyProfile['spec']['waypoint'];
/** requests of a fixed component: vCPU and MiB */
export type Requests = z.output<typeof requests>;
/** istiod in one mode: requests (vCPU, MiB) and perProxy */
export type ControlPlaneProfile = z.output<typeof controlPlaneMode>;

const instancePrice = z.strictObject({ onDemand: price.optional(), spot: price.optional() });

export const priceSheetSchema = z.strictObject({
  apiVersion: z.literal('mesh-cost/v1'),
  kind: z.literal('PriceSheet'),
  metadata: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    sources: z.array(z.string()).default([]),
  }),
  spec: z.strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as USD').default('USD'),
    hoursPerMonth: z.number().finite().positive().default(730),
    /** $/vCPU-hour */
    CPU: price,
    /** $/GiB-hour */
    RAM: price,
    spotCPU: price.optional(),
    spotRAM: price.optional(),
    /** $/GiB crossing a zone boundary, per direction */
    zoneNetworkEgress: price.default(0.01),
    /** OpenCost charges a crossed GiB once (false); AWS bills it on both sides of the crossing (true) */
    billBothDirections: z.boolean().default(false),
    /** fraction 0..1 taken off every compute price */
    discount: z.number().min(0).max(1).default(0),
    /** $/node-hour by instance type */
    instanceTypes: z.record(z.string(), instancePrice).default({}),
  }),
});

export type PriceSheet = z.output<typeof priceSheetSchema>;
