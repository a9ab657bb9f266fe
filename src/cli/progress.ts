/**
 * Progress on stderr, only when stderr is a terminal: one line rewritten in place
 * ("mesh-cost: New Relic queries 12/40"), erased when the work is done. Piped stderr
 * (CI logs) gets nothing, so logs hold no carriage-return noise.
 */
import type { ReadContext } from '../inventory/types.js';

export interface Progress {
  progress?: ReadContext['progress'];
  done(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { done: () => {} };
  let shown = false;
  return {
    progress: (done, total, unit = 'done') => {
      shown = true;
      stream.write(`\r\u001b[Kmesh-cost: ${unit} ${done}${total === undefined ? '' : `/${total}`}`);
    },
    done: () => {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
