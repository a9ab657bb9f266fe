/**
 * Progress of a long ingest, on stderr. A run that ends within 2 seconds shows
 * nothing, and neither does one whose stderr is not a terminal (a CI log, a pipe):
 * only a person watching a large inventory being read needs it. The line is
 * rewritten in place and erased at the end, so what follows starts on a clean line.
 */

/** the part of a stream this needs, so tests can pass a fake terminal */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  /** quiet this long after the start (ms) */
  delayMs?: number;
  /** at most one line per this many ms: readers may report far more often */
  everyMs?: number;
  now?: () => number;
}

export interface Progress {
  /** ReadContext.progress: rows (or items) done so far, of `total` when known */
  report(done: number, total?: number, unit?: string): void;
  /** erases the line, if one was shown */
  end(): void;
}

// \r back to the start of the line, then ESC [ K erases what the previous, longer line left
const REWRITE = '\r\u001b[K';

export function progressOnStderr({ stream = process.stderr, delayMs = 2000, everyMs = 100, now = Date.now }: ProgressOptions = {}): Progress {
  const started = now();
  let shownAt: number | undefined;
  return {
    report(done, total, unit = 'rows') {
      if (!stream.isTTY) return;
      const t = now();
      if (t - started < delayMs || (shownAt !== undefined && t - shownAt < everyMs)) return;
      shownAt = t;
      const of = total ? ` of ${total.toLocaleString('en-US')} (${Math.floor((100 * done) / total)}%)` : '';
      const elapsed = ((t - started) / 1000).toFixed(0);
      stream.write(`${REWRITE}mesh-cost: reading… ${done.toLocaleString('en-US')}${of} ${unit}, ${elapsed} s`);
    },
    end() {
      if (shownAt !== undefined) stream.write(REWRITE);
      shownAt = undefined;
    },
  };
}
