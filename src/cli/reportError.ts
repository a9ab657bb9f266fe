/** The one place an error becomes text on stderr and an exit code. */
import { BudgetExceeded, ExitCode, InputError, UpstreamError, exitCodeOf } from '../errors.js';
import { stderrLine as say } from './terminal.js';

/** error lines shown, the first included; the rest become one count line */
const MAX_LISTED = 20;

export function reportError(error: unknown, debug: boolean): number {
  const code = exitCodeOf(error);
  if (code === ExitCode.ok) return code;
  if (error instanceof InputError) {
    say(`mesh-cost: ${error.message}`);
    const listed = error.more.slice(0, MAX_LISTED - 1);
    for (const m of listed) say(`mesh-cost: ${m}`);
    const rest = error.more.length - listed.length + error.unlisted;
    if (rest > 0) say(`mesh-cost: … and ${rest} more problem${rest === 1 ? '' : 's'}`);
  } else if (error instanceof BudgetExceeded) {
    for (const line of error.broken) say(`mesh-cost: budget broken: ${line}`);
  } else if (error instanceof UpstreamError) {
    say(`mesh-cost: ${error.message}`);
  } else if (code !== ExitCode.internal) {
    // commander has already printed its usage message
  } else {
    say(`mesh-cost: internal error: ${(error as Error)?.message ?? String(error)} (please report it; --debug shows where)`);
  }
  if (debug && error instanceof Error && error.stack) say(error.stack);
  return code;
}
