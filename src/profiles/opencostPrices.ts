/**
 * OpenCost's own pricing files, read as they are (DESIGN section 2, "Price sheet"), so a
 * team's OpenCost prices price the mesh:
 * - `default.json` / a `customPricing` JSON (opencost/opencost configs/default.json):
 *   string values, $/hour (CPU, RAM) and $/GiB (zoneNetworkEgress), beside keys for
 *   things a mesh does not use (`provider`, `GPU`, `storage`, `regionNetworkEgress`…);
 * - the `pricing-configs` ConfigMap (Kubecost's cost-analyzer chart, which OpenCost reads
 *   too), told apart by `kind: ConfigMap` with the keys straight under `data`: there
 *   CPU, spotCPU, RAM, spotRAM, GPU and storage are MONTHLY ("Prices are monthly",
 *   Kubecost's custom-pricing docs: CPU 28.0 = 0.0384/hour) and are divided by the
 *   hours in a month; the network keys stay $/GiB;
 * - a ConfigMap holding a `default.json` key (OpenCost's Helm chart,
 *   configmap-custom-pricing.yaml, and its on-prem docs): that file, hourly as ever.
 */
import { z } from 'zod';
import { price, priceSheetSchema, type PriceSheet } from './schema.js';

/** The OpenCost keys a mesh is priced by; every other key is read past, with a note. */
export const USED_KEYS = ['CPU', 'spotCPU', 'RAM', 'spotRAM', 'zoneNetworkEgress'] as const;
/** Words about the file, not prices: read as its description, never noted as ignored. */
const ABOUT_KEYS = new Set(['provider', 'description']);
/** In the pricing-configs ConfigMap these are $/month (the rest are $/GiB or not prices) */
const MONTHLY_KEYS = new Set(['CPU', 'spotCPU', 'RAM', 'spotRAM', 'GPU', 'spotGPU', 'storage']);
const HOURS_PER_MONTH = 730;

const pricesOf = z.looseObject({
  provider: z.string().optional(),
  description: z.string().optional(),
  CPU: price,
  RAM: price,
  spotCPU: price.optional(),
  spotRAM: price.optional(),
  zoneNetworkEgress: price.optional(),
  /** Kubecost's pricing-configs may carry the currency of its prices */
  currencyCode: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as USD').optional(),
});
type OpenCostPrices = z.output<typeof pricesOf>;

/** default.json, as OpenCost ships it. */
export const defaultJsonSchema = pricesOf;

/** OpenCost's file inside a ConfigMap value: the JSON text, then its prices. */
const embeddedJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `expected OpenCost's default.json, found invalid JSON (${(e as Error).message})` });
      return z.NEVER;
    }
  })
  .pipe(pricesOf);

const configMapHeader = {
  apiVersion: z.string().optional(),
  kind: z.literal('ConfigMap'),
  metadata: z.looseObject({ name: z.string().optional() }).optional(),
};

/** pricing-configs: the prices straight under data, monthly ones among them. */
export const pricingConfigsSchema = z.looseObject({ ...configMapHeader, data: pricesOf });

/** A ConfigMap with a default.json (or aws.json, gcp.json…) under data. */
export const embeddedConfigMapSchema = (key: string) => z.looseObject({ ...configMapHeader, data: z.looseObject({ [key]: embeddedJson }) });

export type OpenCostForm = 'default.json' | 'pricing-configs' | 'ConfigMap with default.json';

export interface Converted {
  sheet: PriceSheet;
  /** OpenCost keys that price nothing a mesh runs, as found */
  ignored: string[];
}

/**
 * Which form a parsed document is in, and (for a ConfigMap holding a file) which key holds
 * it; undefined when it is none of OpenCost's (then it is read as a mesh-cost PriceSheet).
 */
export function openCostForm(doc: unknown): { form: OpenCostForm; key?: string } | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  if (d.kind === 'ConfigMap') {
    const data = d.data !== null && typeof d.data === 'object' ? (d.data as Record<string, unknown>) : {};
    if ('CPU' in data || 'RAM' in data) return { form: 'pricing-configs' };
    const files = Object.keys(data).filter((k) => k.endsWith('.json'));
    const key = files.includes('default.json') ? 'default.json' : files.length === 1 ? files[0] : undefined;
    // no price and no file: the pricing-configs reading says which keys are missing
    return key ? { form: 'ConfigMap with default.json', key } : { form: 'pricing-configs' };
  }
  if (d.apiVersion === undefined && d.kind === undefined && ('CPU' in d || 'RAM' in d || 'provider' in d)) return { form: 'default.json' };
  return undefined;
}

/** OpenCost's prices (hourly, or monthly for `monthly`) → a PriceSheet named `name`. */
export function toPriceSheet(p: OpenCostPrices, o: { name: string; source: string; monthly: boolean }): Converted {
  const perHour = (key: (typeof USED_KEYS)[number], v: number) => (o.monthly && MONTHLY_KEYS.has(key) ? v / HOURS_PER_MONTH : v);
  const spec: Record<string, unknown> = { currency: p.currencyCode ?? 'USD', hoursPerMonth: HOURS_PER_MONTH };
  for (const key of USED_KEYS) {
    const v = p[key];
    if (v !== undefined) spec[key] = perHour(key, v);
  }
  const description = [p.description, p.provider ? `provider ${p.provider}` : undefined].filter(Boolean).join('; ');
  const sheet = priceSheetSchema.parse({
    apiVersion: 'mesh-cost/v1',
    kind: 'PriceSheet',
    metadata: { name: o.name, ...(description ? { description } : {}), sources: [o.source] },
    spec,
  });
  const used = new Set<string>([...USED_KEYS, 'currencyCode']);
  const ignored = Object.keys(p).filter((k) => !used.has(k) && !ABOUT_KEYS.has(k));
  return { sheet, ignored };
}
