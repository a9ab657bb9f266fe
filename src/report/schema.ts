/**
 * The report's schema (DESIGN section 4) in zod: the source of truth for the published
 * JSON Schema (schema/report.v1.json, `npm run schema`) and the validator for report
 * files read back (`--baseline`, `diff`). The compile-time check at the bottom keeps it
 * and the model's `Report` type describing the same document.
 *
 * Objects are strict: a v1 report has exactly these keys, so a field added to the model
 * without a schema change (and a new schemaVersion if it breaks readers) fails the tests.
 */
import { z } from 'zod';
import type { Report } from '../model/types.js';

export const SCHEMA_VERSION = 'mesh-cost/v1';

const count = z.number().int().nonnegative();
const quantity = z.number().nonnegative();
/** money in the report's currency, already rounded to cents by the model */
const money = z.number();
const basis = z.enum(['usage', 'requests', 'max']);
const locality = z.enum(['none', 'preferClose']);

const crossZoneFigures = z.strictObject({
  extraGiB: quantity,
  extraMonthlyCost: quantity,
});

const lineItem = z.strictObject({
  mode: z.enum(['sidecar', 'ambient']),
  component: z.enum(['sidecar', 'controlPlane', 'ztunnel', 'cni', 'waypoint', 'crossZone']),
  environment: z.string(),
  cluster: z.string(),
  namespace: z.string().meta({ description: "the workload's namespace; istio-system for ztunnel, cni and istiod, where they run" }),
  count: count.meta({ description: 'proxies, waypoint replicas or control planes; for crossZone, the waypoint workloads' }),
  vcpu: quantity,
  memoryGiB: quantity,
  monthlyCost: quantity,
  variants: z
    .strictObject({ none: crossZoneFigures, preferClose: crossZoneFigures })
    .optional()
    .meta({ description: 'crossZone items only: both locality variants; monthlyCost is the counted one (not to be summed)' }),
});

const warning = z.strictObject({
  code: z.string(),
  message: z.string().meta({ description: '{count} stands for the count, {one|many} for the words that agree with it' }),
  count,
  example: z.string().optional(),
});

const byMode = z.strictObject({ sidecar: quantity, ambient: quantity });
const capacity = z.strictObject({
  packTarget: z.number().positive().max(1).meta({ description: "fraction of a node's allocatable the packing fills (--pack-target)" }),
  groups: z.array(
    z.strictObject({
      cluster: z.string(),
      instanceType: z.string().nullable().meta({ description: 'null for nodes without an instance type, grouped by their allocatable shape' }),
      capacityType: z.enum(['on-demand', 'spot']),
      shape: z.strictObject({ vcpu: quantity, memoryGiB: quantity }).meta({ description: "the group's node shape: the smallest vcpu and memory among its nodes" }),
      nodesToday: count,
      nodesNeeded: z.strictObject({ sidecar: count, ambient: count }),
      fluidBound: byMode.meta({ description: 'Σ requests / room per node, the larger of cpu and memory, unrounded; a pod larger than a node counts one' }),
      nodesFreed: z.number().int().meta({ description: 'nodesNeeded.sidecar − nodesNeeded.ambient; negative when ambient needs more' }),
      monthlyCostFreed: money.meta({ description: "nodesFreed at the group's mean node cost after discount" }),
    }),
  ),
  monthlyCostFreed: money.meta({ description: 'the sum of the groups' }),
});

const sensitivity = z.strictObject({
  delta: z.number().positive().lt(1),
  inputs: z.array(
    z.strictObject({
      name: z.string().meta({ description: 'the --set key; values are in the units --set takes (memory in bytes)' }),
      today: z.number(),
      low: z.number(),
      high: z.number(),
      savingsLow: money,
      savingsHigh: money,
      breakEven: z.number().nullable().meta({ description: 'the smallest value (0 to 100 × today) at which the savings change sign; null when they keep it' }),
    }),
  ),
  waypointBreakEven: z.array(
    z.strictObject({
      cluster: z.string(),
      namespace: z.string(),
      rps: quantity.nullable().meta({ description: "the namespace's L7 rps at which its waypoint and cross-zone cost and its sidecars' cost cross; null when not within 100 × today" }),
    }),
  ),
});

export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    generatedAt: z.iso.datetime(),
    // reports written before the field existed still read (and diff): their writer is unknown
    tool: z
      .strictObject({ name: z.string(), version: z.string() })
      .default({ name: 'mesh-cost', version: 'unknown' })
      .meta({ description: 'the mesh-cost that wrote the report' }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as USD'),
    hoursPerMonth: z.number().positive(),
    basis,
    inputs: z.strictObject({
      sources: z.array(z.string()),
      profile: z.string(),
      prices: z.string(),
      clusters: count,
      nodes: count,
      workloads: count,
      pods: count,
      meshedPods: count,
      scope: z
        .strictObject({
          mode: z.enum(['mesh', 'all']).meta({ description: 'mesh: what the inventory shows meshed today; all: every namespace outside the excluded ones' }),
          reason: z.string(),
          namespaces: count.meta({ description: '(cluster, namespace) pairs priced' }),
        })
        .optional(),
      infrastructure: z
        .array(
          z.strictObject({
            component: z.enum(['ztunnel', 'istio-cni', 'istiod', 'waypoint', 'gateway']),
            clusters: count,
            pods: count,
          }),
        )
        .optional()
        .meta({ description: 'mesh infrastructure seen in the inventory and left out of the workloads' }),
    }),
    sidecar: z.strictObject({ proxies: count, vcpu: quantity, memoryGiB: quantity, monthlyCost: quantity }),
    ambient: z.strictObject({
      ztunnels: count,
      waypoints: count,
      waypointReplicas: count,
      vcpu: quantity,
      memoryGiB: quantity,
      monthlyCost: quantity.meta({ description: 'includes crossZoneMonthlyCost' }),
      crossZoneMonthlyCost: quantity,
      sidecarsKept: quantity.optional().meta({ description: 'meshed pods on nodes no ztunnel can serve: they keep their sidecar (line items mode ambient, component sidecar)' }),
    }),
    crossZone: z.strictObject({
      locality: locality.meta({ description: 'the variant counted in the ambient total' }),
      extraGiB: quantity,
      extraMonthlyCost: quantity,
      variants: z.strictObject({ none: crossZoneFigures, preferClose: crossZoneFigures }).meta({
        description: "the waypoint hop's extra crossings under each locality, each against that locality's own direct path (so preferClose may show more extra than none while crossing less in all)",
      }),
    }),
    savings: z.strictObject({
      monthlyCost: money.meta({ description: 'sidecar − ambient; negative when ambient costs more' }),
      percent: z.number().nullable().meta({ description: 'of the sidecar cost; null when the sidecar cost is 0' }),
    }),
    lineItems: z.array(lineItem),
    waypoints: z
      .array(
        z.strictObject({
          cluster: z.string(),
          namespace: z.string(),
          rps: quantity,
          replicas: count.meta({ description: 'k: priced, and the HPA maxReplicas the manifests deploy' }),
          floor: count.meta({ description: 'f = max(minReplicas, zoneSpread ? zones : 1): the HPA minReplicas' }),
          zones: count,
        }),
      )
      .optional(),
    today: z
      .strictObject({
        monthlyCost: quantity,
        sidecars: quantity,
        ambientNamespaces: count,
        stillToSave: money.meta({ description: 'today − ambient' }),
      })
      .optional()
      .meta({ description: "today's mix of sidecars and ambient namespaces, priced by the same model" }),
    warnings: z.array(warning),
    mesh: z
      .strictObject({
        sidecarsSeen: count,
        labelledNamespaces: z.array(z.strictObject({ cluster: z.string(), namespace: z.string(), label: z.string() })),
      })
      .optional()
      .meta({ description: 'the mesh already running, when the inventory shows it (kubectl: istio-proxy sidecars, namespace labels)' }),
    readiness: z
      .array(z.strictObject({ cluster: z.string(), namespace: z.string(), kind: z.string(), name: z.string(), finding: z.string() }))
      .optional()
      .meta({ description: 'what ambient cannot carry over from the Istio configuration (--istio-config), per namespace, and what must change' }),
    overrides: z
      .array(z.strictObject({ key: z.string(), value: z.string(), was: z.string() }))
      .optional()
      .meta({ description: 'what-ifs of this run (--set KEY=VALUE): each key, its value, and the value it replaced, both as --set takes them' }),
    sensitivity: sensitivity.optional().meta({ description: 'each input that moves the savings, re-run at (1 − delta) and (1 + delta) of today, sorted by swing, with its break-even (--sensitivity)' }),
    capacity: capacity.optional().meta({ description: "the nodes the change frees, by first-fit decreasing per node group; present when pods' own requests are known" }),
  })
  .meta({
    title: 'mesh-cost report v1',
    description: 'What an Istio mesh costs as sidecars and as ambient (mesh-cost estimate -f json).',
  });

/** The JSON Schema published as schema/report.v1.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema);
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to compile when the schema and the model's Report type drift apart; the key
// check catches an optional field one side has and the other lacks.
true satisfies Same<z.output<typeof reportSchema>, Report>;
true satisfies Same<keyof z.output<typeof reportSchema>, keyof Report>;
