/**
 * Results go to stdout, or to a file written atomically: a temporary file in the same
 * directory renamed over the target, so a failed run never leaves a partial file.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InputError, redact } from '../errors.js';
import { describeFsError } from '../fsErrors.js';
import type { Format } from '../report/index.js';

const FORMAT_OF_EXTENSION: Record<string, Format> = { '.json': 'json', '.csv': 'csv', '.md': 'markdown', '.html': 'html', '.htm': 'html' };

/** `-o report.html` without `-f`: the format the file's extension names, if it names one. */
export function formatFromFile(file: string | undefined): Format | undefined {
  return file ? FORMAT_OF_EXTENSION[extname(file).toLowerCase()] : undefined;
}

export async function writeResult(result: string, file?: string): Promise<void> {
  // a report echoes file paths and names from the inventory: a key pasted there must not leak
  const text = redact(result);
  if (!file || file === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    return;
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    const missingFolder = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(`cannot write: ${missingFolder ? `no such folder ${JSON.stringify(dirname(file))}` : describeFsError(e, 'a file path')}`, { file });
  }
}
