/**
 * Every name the manifests give an object comes from the inventory, so it is checked
 * before anything is written: Kubernetes would reject the object at apply time, far
 * from the input row that caused it. All problems are collected and reported at once,
 * each naming its row (file:line) when the reader recorded one.
 */
import { InputError, formatLocation } from '../errors.js';
import type { Origin } from '../inventory/types.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Service names are stricter (RFC 1035): they must start with a letter. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL = 63;
/** a folder name: no separators, no `.`/`..`, nothing a shell or kustomize would trip on */
const PATH_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type NameRule = 'namespace' | 'service' | 'folder';

const RULES: Record<NameRule, { test: (name: string) => boolean; expected: string }> = {
  namespace: {
    test: (n) => n.length <= MAX_LABEL && DNS1123_LABEL.test(n),
    expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)',
  },
  service: {
    test: (n) => n.length <= MAX_LABEL && DNS1035_LABEL.test(n),
    expected: 'a DNS-1035 label, as Service names must be (at most 63 lowercase letters, digits or "-", starting with a letter, ending with a letter or digit)',
  },
  folder: {
    test: (n) => n.length <= 253 && PATH_SEGMENT.test(n),
    expected: 'a name usable as a folder (letters, digits, ".", "_" or "-", starting with a letter or digit)',
  },
};

/** Collects invalid names; `check()` throws one InputError listing them all. */
export class NameChecker {
  private readonly problems: { message: string; origin?: Origin }[] = [];
  private readonly seen = new Set<string>();

  /**
   * `what` says which input field the name came from and what it becomes, e.g.
   * `workload "Api_v2" (the name of its Service)`.
   */
  expect(name: string, rule: NameRule, what: string, origin?: Origin): void {
    if (RULES[rule].test(name)) return;
    const key = `${rule}\u0000${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ message: `${what} is not ${RULES[rule].expected}`, ...(origin ? { origin } : {}) });
  }

  check(): void {
    const [first, ...rest] = this.problems;
    if (!first) return;
    const where = (p: { origin?: Origin }) => (p.origin ? `${formatLocation(p.origin)}: ` : '');
    throw new InputError(first.message, first.origin, rest.map((p) => `${where(p)}${p.message}`));
  }
}
