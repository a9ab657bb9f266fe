/**
 * Collects bad cells across a whole run so the user fixes a CSV in one pass instead
 * of one error per attempt. Detail is kept for the first few; the rest are counted,
 * because a wrong column in a million-row file must not build a million messages.
 */
import { InputError, formatLocation, type Location } from '../../errors.js';

const SHOWN = 20;

interface Problem {
  message: string;
  location?: Location;
}

export class Problems {
  private readonly shown: Problem[] = [];
  private total = 0;

  add(message: string, location?: Location): void {
    this.total++;
    if (this.shown.length < SHOWN) this.shown.push({ message, location });
  }

  /** A problem that stops reading (bad file, bad header): reported with everything found so far. */
  fatal(message: string, location?: Location): never {
    this.total++;
    // always shown, even when the list is full: it is the reason reading stopped
    if (this.shown.length >= SHOWN) this.shown.pop();
    this.shown.push({ message, location });
    this.throwIfAny();
    throw new Error('unreachable');
  }

  /** One InputError: the first problem is its message, the others go to `more`, the rest are counted. */
  throwIfAny(): void {
    const [first, ...rest] = this.shown;
    if (!first) return;
    const more = rest.map((p) => (p.location ? `${formatLocation(p.location)}: ${p.message}` : p.message));
    throw new InputError(first.message, first.location, more, this.total - this.shown.length);
  }
}
