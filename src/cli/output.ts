/**
 * Results go to stdout, or to a file written atomically: a temporary file in the same
 * directory renamed over the target, so a failed run never leaves a partial file.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from '../yamlFile.js';

export async function writeResult(text: string, file?: string): Promise<void> {
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
    throw new InputError(`cannot write: ${describeFsError(e, 'a file path')}`, { file });
  }
}
