/**
 * Every test run gets one temporary directory (TMPDIR, which os.tmpdir() and the
 * spawned CLI both honour) and removes it at the end, so scratch files from hundreds
 * of e2e and bad-input cases never pile up in the machine's /tmp.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-tests-'));
  process.env.TMPDIR = dir;
  return () => rm(dir, { recursive: true, force: true });
}
