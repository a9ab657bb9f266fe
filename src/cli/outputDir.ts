/**
 * `--out DIR`: a directory of generated files, written so that a failed run never
 * leaves a half-written tree and a rerun leaves no stale files. Everything is first
 * written to a temporary sibling; then the old contents are moved aside and the new
 * ones moved in (renames only), and the old ones removed. DIR itself is kept (it may
 * be the shell's working directory). A non-empty DIR is replaced only when mesh-cost
 * wrote it, so a mistyped --out never deletes someone's files.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, redact } from '../errors.js';
import { describeFsError } from '../fsErrors.js';

export interface GeneratedFile {
  /** relative to the output directory, `/`-separated */
  path: string;
  text: string;
}

/**
 * `isOwnMarker(firstLine)` says whether a kustomization.yaml (or `markerFile`) was
 * written by us; DIR counts as ours when it is empty, or its marker file (or each of
 * its sub-folders' ones) starts with that marker.
 */
export async function writeDirectory(
  dir: string,
  files: readonly GeneratedFile[],
  isOwnMarker: (firstLine: string) => boolean,
  markerFile = 'kustomization.yaml',
): Promise<void> {
  const target = resolve(dir);
  const existing = await entries(target);
  if (existing && existing.length > 0 && !(await writtenByUs(target, existing, isOwnMarker, markerFile))) {
    throw new InputError(`--out: the directory holds files mesh-cost did not write; choose a new or empty directory`, { file: dir });
  }
  const parent = dirname(target);
  const p = await stat(parent).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : fail(e, dir)));
  if (!p) throw new InputError(`--out: cannot write: no such folder ${JSON.stringify(dirname(dir))}`, { file: dir });
  const fresh = await scratchDir(parent, target, 'new').catch((e) => fail(e, dir));
  try {
    for (const f of files) {
      const file = join(fresh, ...f.path.split('/'));
      await mkdir(dirname(file), { recursive: true });
      // as writeResult does: names from the inventory may hold a pasted key
      await writeFile(file, redact(f.text));
    }
    if (!existing) {
      await rename(fresh, target);
      return;
    }
    const old = await scratchDir(parent, target, 'old');
    for (const name of existing) await rename(join(target, name), join(old, name));
    for (const name of await readdir(fresh)) await rename(join(fresh, name), join(target, name));
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    fail(e, dir);
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/** A new hidden sibling of `target`, created with the umask (unlike mkdtemp's 0700). */
async function scratchDir(parent: string, target: string, kind: 'new' | 'old'): Promise<string> {
  const dir = join(parent, `.${basename(target)}.${kind}-${randomBytes(6).toString('hex')}`);
  await mkdir(dir);
  return dir;
}

/** The directory's entries, or undefined when it does not exist. */
async function entries(dir: string): Promise<string[] | undefined> {
  const s = await stat(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : fail(e, dir)));
  if (!s) return undefined;
  if (!s.isDirectory()) throw new InputError('--out: exists and is not a directory', { file: dir });
  return readdir(dir);
}

async function writtenByUs(dir: string, names: readonly string[], isOwnMarker: (firstLine: string) => boolean, markerFile: string): Promise<boolean> {
  const marked = async (folder: string) => {
    const text = await readFile(join(folder, markerFile), 'utf8').catch(() => '');
    return isOwnMarker(text.split('\n', 1)[0]!);
  };
  if (await marked(dir)) return true;
  for (const name of names) {
    const s = await stat(join(dir, name));
    if (!s.isDirectory() || !(await marked(join(dir, name)))) return false;
  }
  return true;
}

function fail(e: unknown, file: string): never {
  if (e instanceof InputError) throw e;
  throw new InputError(`--out: cannot write: ${describeFsError(e, 'a directory')}`, { file });
}
