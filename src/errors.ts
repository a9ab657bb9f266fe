/**
 * Typed errors, mapped to exit codes in ONE place (`exitCodeOf`). Commands throw
 * these and return; only the CLI's single error boundary turns them into an exit code.
 */

/** Where in an input the problem is: file, and line/column when they apply. */
export interface Location {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: Location): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  return s;
}

/** Bad usage or bad input: exit 2. The message is one line a user can act on. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly location?: Location,
    /** further problems of the same input, each a line, listed after the first */
    readonly more: string[] = [],
    /** problems only counted, not described: a million bad rows must not build a million messages */
    readonly unlisted = 0,
  ) {
    super(location ? `${formatLocation(location)}: ${message}` : message);
  }
}

/** An upstream source (New Relic, the network) failed: exit 3. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
}

/** A budget gate or threshold was broken: exit 1 (the report is still written). */
export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
  constructor(readonly broken: string[]) {
    super(broken.join('\n'));
  }
}

export const ExitCode = {
  ok: 0,
  budget: 1,
  input: 2,
  upstream: 3,
  internal: 70,
} as const;

export function exitCodeOf(error: unknown): number {
  if (error instanceof BudgetExceeded) return ExitCode.budget;
  if (error instanceof InputError) return ExitCode.input;
  if (error instanceof UpstreamError) return ExitCode.upstream;
  // commander's own usage errors (unknown option, missing argument)
  if (isCommanderError(error)) return error.exitCode === 0 ? ExitCode.ok : ExitCode.input;
  return ExitCode.internal;
}

function isCommanderError(error: unknown): error is { code: string; exitCode: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('commander.')
  );
}

const SECRET = /NRAK-[A-Z0-9]{10,}|NRJS-[A-Za-z0-9]{10,}/g;

/** Removes anything that looks like a New Relic key, the configured key itself and every registered secret. */
export function redact(text: string, secrets: readonly string[] = secretsFromEnv()): string {
  let out = text.replace(SECRET, '[REDACTED]');
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[REDACTED]');
  return out;
}

/** Secrets read at run time (a bearer token file, a password in a URL, a header's value). */
const registered = new Set<string>();

/** From now on, `secret` is redacted from every line and file mesh-cost writes. */
export function registerSecret(secret: string): void {
  registered.add(secret);
}

function secretsFromEnv(): string[] {
  // trimmed as the client sends it, so a key pasted with a newline is still found
  const key = process.env.NEW_RELIC_API_KEY?.trim();
  return key ? [key, ...registered] : [...registered];
}
