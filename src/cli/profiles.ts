/** `mesh-cost profiles list|show`: what is built in, and what each one says. */
import { readFile } from 'node:fs/promises';
import { builtinNames, loadPriceSheet, loadProfile, looksLikePath, validatedText } from '../profiles/load.js';
import { InputError } from '../errors.js';
import { writeResult } from './output.js';

export async function listProfiles(): Promise<void> {
  const lines: string[] = ['Proxy profiles (-p, --profile):'];
  for (const name of builtinNames('proxies')) {
    const p = await loadProfile(name);
    lines.push(`  ${name.padEnd(20)} ${p.metadata.description ?? ''}`);
  }
  lines.push('', 'Price sheets (--prices):');
  for (const name of builtinNames('prices')) {
    const p = await loadPriceSheet(name);
    lines.push(`  ${name.padEnd(20)} ${p.metadata.description ?? ''}`);
  }
  lines.push('', 'Show one with: mesh-cost profiles show NAME');
  await writeResult(lines.join('\n') + '\n');
}

/** Prints the file as written (with its comments: they cite the sources), after validating it. */
export async function showProfile(name: string): Promise<void> {
  const inProxies = builtinNames('proxies').includes(name);
  const inPrices = builtinNames('prices').includes(name);
  if (inProxies && inPrices) {
    // the olx-india example has both; show both, profile first
    await writeResult(await validatedText('proxies', name) + '---\n' + (await validatedText('prices', name)));
    return;
  }
  if (inProxies || inPrices) return writeResult(await validatedText(inProxies ? 'proxies' : 'prices', name));
  if (looksLikePath(name)) {
    const text = await readFile(name, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const kind = /kind:\s*PriceSheet/.test(text) ? 'prices' : 'proxies';
      return writeResult(await validatedText(kind, name));
    }
  }
  throw new InputError(
    `unknown profile or price sheet "${name}": expected one of ${[...new Set([...builtinNames('proxies'), ...builtinNames('prices')])].join(', ')} or a path to a YAML file`,
  );
}

