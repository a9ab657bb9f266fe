/**
 * Every property test ends within a bounded time. A property is checked synchronously, so
 * vitest's test timeout cannot stop it: a rare costly scenario, or the shrinking of a
 * failure over hundreds of re-runs, would otherwise hold a CI job until it is killed.
 * After the limit fast-check starts no new run; a failure found is still reported, with
 * the counterexample shrunk as far as the time allowed.
 */
import fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 45_000 });
