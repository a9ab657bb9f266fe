/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists and, for
 * `#anchor`, the target page has a heading with that anchor under GitHub's rules. Links in
 * code (fenced blocks, inline code) are not links, and neither are other sites'.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docPages } from './docsCommands.js';
import { ROOT } from './run.js';

/** the page's text outside fenced code blocks, with inline code spans emptied */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '``');
}

/**
 * GitHub's heading anchor: the heading's text as rendered (code and link markup gone),
 * lower-cased, every character but letters, digits, spaces, `-` and `_` dropped, spaces
 * turned into `-`; a repeated anchor gets `-1`, `-2`, ….
 */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  const outsideCode = text.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  for (const m of outsideCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const rendered = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '').replace(/\*\*|__/g, '');
    const base = rendered.toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  return found;
}

/** the broken relative links of one page, as `target: why` */
export function brokenLinks(page: string, text: string, read: (path: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const m of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const file = path === '' ? page : normalize(join(dirname(page), path));
    const content = read(file);
    if (content === undefined) broken.push(`${target}: no file ${file}`);
    else if (anchor !== undefined && file.endsWith('.md') && !anchors(content).has(anchor)) broken.push(`${target}: no heading with anchor #${anchor} in ${file}`);
  }
  return broken;
}

const readRepo = (file: string) => (existsSync(join(ROOT, file)) ? (file.endsWith('.md') ? readFileSync(join(ROOT, file), 'utf8') : '') : undefined);

describe('links in the docs', () => {
  it.each(docPages(ROOT))('%s: every relative link resolves', (page) => {
    expect(brokenLinks(page, readFileSync(join(ROOT, page), 'utf8'), readRepo)).toEqual([]);
  });
});

describe('the link checker', () => {
  it('makes anchors as GitHub does', () => {
    const page = [
      '# Price sheets, and OpenCost\'s own price files',
      '## Which Services need a waypoint: `--istio-config`',
      '### mesh-cost in CI: budgets',
      '## Getting usage.csv out of New Relic',
      '## Notes',
      '## Notes',
      '```sh',
      '# not a heading',
      '```',
    ].join('\n');
    // "'" "," ":" "." "`" are dropped; each space is a "-" (so ": `--x`" gives "---x"); the second "Notes" is notes-1
    expect([...anchors(page)]).toEqual([
      'price-sheets-and-opencosts-own-price-files',
      'which-services-need-a-waypoint---istio-config',
      'mesh-cost-in-ci-budgets',
      'getting-usagecsv-out-of-new-relic',
      'notes',
      'notes-1',
    ]);
  });

  it('reports a missing file and a missing anchor, and ignores code and other sites', () => {
    const files: Record<string, string> = { 'docs/a.md': '# A\n## Two words\n', 'docs/b.md': '' };
    const page = [
      '[ok](a.md#two-words) [self](#here) [up](../docs/b.md) [web](https://example.com/x.md)',
      '## Here',
      '[gone](c.md) [bad anchor](a.md#three) `[code](nowhere.md)`',
      '```',
      '[in a block](nowhere.md)',
      '```',
    ].join('\n');
    files['docs/p.md'] = page;
    expect(brokenLinks('docs/p.md', page, (f) => files[f])).toEqual(['c.md: no file docs/c.md', 'a.md#three: no heading with anchor #three in docs/a.md']);
  });
});
