/**
 * Results go to stdout, or to a file written atomically: a temporary file in the same
 * directory renamed over the target, so a failed run never leaves a partial file.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, redact } from '../errors.js';
import { describeFsError } from '../fsErrors.js';

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
