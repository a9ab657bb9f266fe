/**
 * Finds every `mesh-cost` command README.md and docs/*.md show in a fenced code block, so
 * that docs.test.ts can run each one (DESIGN section 7). In a shell block (sh, bash,
 * shell) every line is a command; in any other block only a line starting with `$ `
 * (a prompt before the output it printed). A block preceded by `<!-- exit N -->` shows
 * commands that end with exit code N.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface DocCommand {
  /** README.md or docs/NAME.md */
  page: string;
  /** 1-based line of the command in the page */
  line: number;
  /** the whole line as the page shows it, prompt and comment removed, continuations joined */
  shown: string;
  /** the mesh-cost command itself: `npx ` and the shell around it removed */
  command: string;
  /** what runs before it in a pipe (`kubectl get … | mesh-cost …`), if anything */
  pipedFrom?: string;
  exitCode: number;
}

const SHELL = new Set(['sh', 'bash', 'shell']);

export function docPages(root: string): string[] {
  return ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

export function commandsIn(page: string, text: string): DocCommand[] {
  const lines = text.split('\n');
  const found: DocCommand[] = [];
  let fence: { lang: string; exitCode: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const open = /^```(\S*)\s*$/.exec(raw);
    if (open && !fence) {
      const before = lines.slice(0, i).reverse().find((l) => l.trim() !== '');
      const exit = before && /^<!-- exit (\d+) -->$/.exec(before.trim());
      fence = { lang: open[1]!, exitCode: exit ? Number(exit[1]) : 0 };
      continue;
    }
    if (raw.startsWith('```') && fence) {
      fence = undefined;
      continue;
    }
    if (!fence) continue;
    const start = i;
    let line = raw;
    // a trailing backslash continues the command on the next line
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimStart();
    if (SHELL.has(fence.lang)) line = line.replace(/^\$ /, '');
    else if (line.startsWith('$ ')) line = line.slice(2);
    else continue;
    line = line.replace(/\s+#.*$/, '').trim();
    if (line.startsWith('#')) continue;
    // the mesh-cost words run up to the shell's next operator: a pipe, &&, ;, a redirection or `)` of `<( … )`
    const m = /(^|\s|\()(?:npx )?mesh-cost(\s[^|&;)<>]*)?(?=$|[|&;)<>])/.exec(line);
    if (!m) continue;
    const command = `mesh-cost${m[2] ?? ''}`.trim();
    const before = line.slice(0, m.index + m[1]!.length).trim();
    const pipedFrom = before.endsWith('|') ? before.slice(0, -1).trim() : undefined;
    found.push({ page, line: start + 1, shown: line, command, exitCode: fence.exitCode, ...(pipedFrom ? { pipedFrom } : {}) });
  }
  return found;
}

export function docCommands(root: string): DocCommand[] {
  return docPages(root).flatMap((page) => commandsIn(page, readFileSync(join(root, page), 'utf8')));
}
