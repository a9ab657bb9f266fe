/**
 * The bad-input catalogue (test/bad-inputs/<source>/<case>/, described in its
 * README.md): finds the cases and runs one through the built CLI in a scratch copy
 * of its folder, so that paths in messages are the case's own and nothing a case
 * does (chmod, -o) touches the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from './run.js';

export const CATALOGUE = fileURLToPath(new URL('../bad-inputs/', import.meta.url));

// Root reads a mode-000 file anyway: CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH let it
// past file modes. Running such a case as another user (nobody) needs that user to
// reach bin/ and dist/, which a clone under a mode-700 folder (a container's /root)
// does not allow; so root runs it as root without those two capabilities (setpriv,
// from util-linux), from wherever the clone is.
const WITHOUT_DAC = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'];
const asRoot = process.getuid?.() === 0;
const hasSetpriv = asRoot && spawnSync('setpriv', ['--version']).status === 0;

export interface BadInputCase {
  /** `<source>/<case>` */
  name: string;
  args: string[];
  expectedStderr: string;
  expectedExit: number;
  /** why the case cannot run here, when it cannot */
  skip?: string;
}

const subfolders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

export function badInputCases(): BadInputCase[] {
  return subfolders(CATALOGUE).flatMap((source) =>
    subfolders(join(CATALOGUE, source)).map((name): BadInputCase => {
      const dir = join(CATALOGUE, source, name);
      const read = (f: string) => readFileSync(join(dir, f), 'utf8');
      const args = read('args').split('\n').filter((a) => a !== '');
      return {
        name: `${source}/${name}`,
        args,
        expectedStderr: existsSync(join(dir, 'expected.txt')) ? read('expected.txt') : '',
        expectedExit: existsSync(join(dir, 'exit')) ? Number(read('exit')) : 2,
        ...(existsSync(join(dir, 'chmod')) && asRoot && !hasSetpriv
          ? { skip: 'run as root without setpriv (util-linux), which could drop the capabilities that read a mode-000 file' }
          : {}),
      };
    }),
  );
}

export async function runBadInput(c: BadInputCase): Promise<CliResult> {
  const src = join(CATALOGUE, c.name);
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-bad-input-'));
  await cp(src, dir, { recursive: true });
  const stdin = existsSync(join(src, 'stdin')) ? readFileSync(join(src, 'stdin')) : undefined;
  let wrapper: string[] | undefined;
  if (existsSync(join(src, 'chmod'))) {
    for (const line of readFileSync(join(src, 'chmod'), 'utf8').split('\n').filter(Boolean)) {
      const [mode, file] = line.split(' ');
      await chmod(join(dir, file!), parseInt(mode!, 8));
    }
    if (asRoot) wrapper = WITHOUT_DAC;
  }
  // the runner's own New Relic settings must not leak into a case: it sets what it needs
  const env: Record<string, string | undefined> = { NEW_RELIC_API_KEY: undefined, NEW_RELIC_ACCOUNT_ID: undefined };
  if (existsSync(join(src, 'env'))) {
    for (const line of readFileSync(join(src, 'env'), 'utf8').split('\n').filter(Boolean)) {
      const eq = line.indexOf('=');
      env[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return runCli(c.args, { cwd: dir, env, ...(stdin ? { input: stdin } : {}), ...(wrapper ? { wrapper } : {}) });
}
