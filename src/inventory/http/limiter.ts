/**
 * At most `max` tasks at once, the rest queued in order, for every upstream API. NerdGraph allows 25
 * concurrent requests per user; keeping to 5 leaves room for the user's other tools.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // a released slot is handed straight to the next waiter, so `active` never overshoots
    if (this.active < this.max) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
