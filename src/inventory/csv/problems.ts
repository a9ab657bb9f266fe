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
    // always shown, even past the limit: it is the reason reading stopped
    this.shown.push({ message, location });
    this.throwIfAny();
    throw new Error('unreachable');
  }

  /**
   * One InputError: the first problem is its message, the others go to `more`,
   * ending with "and N more" when some were only counted (InputError has no count).
   */
  throwIfAny(): void {
    const [first, ...rest] = this.shown;
    if (!first) return;
    const more = rest.map((p) => (p.location ? `${formatLocation(p.location)}: ${p.message}` : p.message));
    const hidden = this.total - this.shown.length;
    if (hidden > 0) more.push(`and ${hidden} more`);
    throw new InputError(first.message, first.location, more);
  }
}
