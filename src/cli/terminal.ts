/** stderr for people: notes and warnings, coloured only on a terminal without NO_COLOR or TERM=dumb. */
import { redact } from '../errors.js';
import { formatWarning, type Warning } from '../inventory/types.js';

export function colorFor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  // a dumb terminal prints escape codes as they are
  if (process.env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

/**
 * How wide the table may be: COLUMNS when set (the shell exports it, and a user may set
 * it to narrow the output), else the terminal's own width; undefined off a terminal.
 */
export function terminalWidth(stream: NodeJS.WriteStream): number | undefined {
  const columns = Number(process.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

function paint(code: number, text: string): string {
  return colorFor(process.stderr) ? `\u001b[${code}m${text}\u001b[39m` : text;
}

/** The one writer of human lines on stderr: every line is redacted here, whoever says it. */
export function stderrLine(text: string): void {
  process.stderr.write(redact(text) + '\n');
}

export function note(message: string): void {
  stderrLine(`mesh-cost: ${message}`);
}

/** Each kind of warning once, with its count. */
export function warn(warnings: readonly Warning[]): void {
  for (const w of warnings) stderrLine(`${paint(33, 'warning:')} ${formatWarning(w)}`);
}

let debugging = false;

/** --debug was given (set once, before the command runs). */
export function enableDebug(): void {
  debugging = true;
}

/** Internal detail (the queries sent) for --debug only, redacted like every other line. */
export function debug(message: string): void {
  if (debugging) stderrLine(`mesh-cost: debug: ${message}`);
}

export function isDebugging(): boolean {
  return debugging;
}
