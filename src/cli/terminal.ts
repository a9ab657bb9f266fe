/** stderr for people: notes and warnings, coloured only on a terminal without NO_COLOR. */
import { redact } from '../errors.js';

export function colorFor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY);
}

function paint(code: number, text: string): string {
  return colorFor(process.stderr) ? `\u001b[${code}m${text}\u001b[39m` : text;
}

export function note(message: string): void {
  process.stderr.write(redact(`mesh-cost: ${message}`) + '\n');
}

export function warn(message: string): void {
  process.stderr.write(redact(`${paint(33, 'warning:')} ${message}`) + '\n');
}
