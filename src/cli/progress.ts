/**
 * Progress of a long read on stderr: CSV rows, kubectl pods, New Relic queries. A run
 * that ends within 2 seconds shows nothing, and neither does one whose stderr is not
 * a terminal (a CI log, a pipe gets no carriage-return noise): only a person watching
 * a large inventory or a slow NerdGraph being read needs it. The line is rewritten in
 * place and erased at the end, so what follows starts on a clean line.
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
  /** at most one line per this many ms: the CSV reader reports far more often */
  everyMs?: number;
}

export interface Progress {
  /** ReadContext.progress: items done so far, of `total` when known */
  report(done: number, total?: number, unit?: string): void;
  /** erases the line, if one was shown */
  end(): void;
}

// \r back to the start of the line, then ESC [ K erases what the previous, longer line left
const REWRITE = '\r\u001b[K';

const count = (n: number): string => n.toLocaleString('en-US');

export function progressOnStderr({ stream = process.stderr, delayMs = 2000, everyMs = 100 }: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return { report() {}, end() {} };
  const started = Date.now();
  let latest = { done: 0, total: undefined as number | undefined, unit: '' };
  let shownAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const show = (): void => {
    timer = undefined;
    shownAt = Date.now();
    const { done, total, unit } = latest;
    // no percentage: a total may grow while reading (New Relic splits a query that hit its row limit)
    const of = total === undefined ? '' : ` of ${count(total)}`;
    stream.write(`${REWRITE}mesh-cost: reading… ${count(done)}${of} ${unit}, ${Math.round((shownAt - started) / 1000)} s`);
  };

  return {
    report(done, total, unit = 'rows') {
      latest = { done, total, unit };
      if (timer) return;
      // A line waits for the quiet period, then for the interval since the last line.
      // The timer shows the latest count even when no report follows: a reader blocked
      // on one slow NerdGraph query still says where it is.
      const wait = Math.max(started + delayMs, (shownAt ?? -Infinity) + everyMs) - Date.now();
      if (wait <= 0) show();
      else timer = setTimeout(show, wait).unref();
    },
    end() {
      clearTimeout(timer);
      timer = undefined;
      if (shownAt !== undefined) stream.write(REWRITE);
      shownAt = undefined;
    },
  };
}
