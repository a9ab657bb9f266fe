/**
 * Counted messages in English: `{count}` becomes the count with thousands separators
 * (9,957), and each `{one|many}` the word form that agrees with it ("1 node has",
 * "2 nodes have"). Warnings are written once with both forms and filled in here, so
 * no caller pluralises by hand.
 */

export function fillCount(message: string, count: number): string {
  return message
    .replaceAll('{count}', count.toLocaleString('en-US'))
    .replace(/\{([^{}|]*)\|([^{}|]*)\}/g, (_, one: string, many: string) => (count === 1 ? one : many));
}

/** "1 row", "2 rows": a count and its noun, for messages built in code. */
export function counted(count: number, one: string, many = `${one}s`): string {
  return fillCount(`{count} {${one}|${many}}`, count);
}
