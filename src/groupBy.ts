/** Items by key, in first-seen order (Node 20 has no Map.groupBy). */
export function groupBy<T>(items: Iterable<T>, by: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
