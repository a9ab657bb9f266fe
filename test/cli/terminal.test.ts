import { afterEach, describe, expect, it, vi } from 'vitest';
import { colorFor, terminalWidth } from '../../src/cli/terminal.js';

const tty = { isTTY: true, columns: 132 } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

afterEach(() => vi.unstubAllEnvs());

function env(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
}

describe('colorFor', () => {
  it('colours a terminal, not a pipe', () => {
    env({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' });
    expect(colorFor(tty)).toBe(true);
    expect(colorFor(pipe)).toBe(false);
  });

  it('never colours a TERM=dumb terminal, nor with NO_COLOR; FORCE_COLOR forces it', () => {
    env({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'dumb' });
    expect(colorFor(tty)).toBe(false);
    env({ TERM: 'xterm', NO_COLOR: '1' });
    expect(colorFor(tty)).toBe(false);
    env({ NO_COLOR: undefined, FORCE_COLOR: '1', TERM: 'dumb' });
    expect(colorFor(pipe)).toBe(true);
  });
});

describe('terminalWidth', () => {
  it('takes COLUMNS first, then the terminal’s width, and none off a terminal', () => {
    env({ COLUMNS: '80' });
    expect(terminalWidth(tty)).toBe(80);
    env({ COLUMNS: undefined });
    expect(terminalWidth(tty)).toBe(132);
    expect(terminalWidth(pipe)).toBeUndefined();
    env({ COLUMNS: 'wide' });
    expect(terminalWidth(pipe)).toBeUndefined();
  });
});
