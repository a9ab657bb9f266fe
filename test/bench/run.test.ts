import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run.js';

const run = promisify(execFile);

// The smoke run of `npm run bench`: every case runs end to end on a small inventory
// and prints its figures. The figures themselves are timings: never asserted.
describe('bench/run.mjs', () => {
  it('runs every case on a small inventory and prints each figure with its target', async () => {
    // this build as its own "before": what matters is that the other build's row and ratio are printed
    const { stdout } = await run(process.execPath, ['bench/run.mjs', '--size', '1000', '--runs', '1', '--before', 'bin/mesh-cost.js'], { cwd: ROOT });
    expect(stdout).toMatch(/^mesh-cost bench · Node v\d+/);
    expect(stdout).toMatch(/estimate \/ bare +wall \d+\.\d\d× +cpu \d+\.\d\d×/);
    expect(stdout).toMatch(/\n {2}before: estimate +wall \d+\.\d\d s +cpu \d+\.\d\d s +peak RSS \d+ MB\n/);
    expect(stdout).toMatch(/estimate \/ before +wall \d+\.\d\d× +cpu \d+\.\d\d×/);
    expect(stdout).toMatch(/peak RSS \d+ MB: (meets|MISSES) the target < 300 MB/);
    // the linear case prints a cold block (fresh processes) and then a warm one (one process)
    const linear = /\ncold: a fresh process per run, .*\n([^]*?)\nwarm: one process, after 2 warm-up runs on 100 pods; .*\n([^]*?)\n {2}\(linear took/.exec(stdout);
    expect(linear).not.toBeNull();
    const [, cold, warm] = linear!;
    for (const pods of ['10', '100', '1,000']) expect(cold).toMatch(new RegExp(`\\n  ${pods} pods +-?\\d+\\.\\d\\d s per 100k`));
    // 10 pods time within the noise of the fixed cost: a verdict, or the reason there is none
    expect(cold).toMatch(/spread -?\d+% \(largest \/ smallest − 1\): (meets|MISSES) the target ≤ 25%|no verdict: the smaller inventories take no longer than the fixed cost/);
    // warm: the fixed part of a call subtracted too; every size gets as many pods in all as the full size's --runs calls
    expect(warm).toMatch(/^fixed part of a warm call \(a 1-pod inventory: .*\): \d+ ms, subtracted\n/);
    for (const [pods, calls] of [['10', 100], ['100', 10], ['1,000', 1]]) expect(warm).toMatch(new RegExp(`\\n  ${pods} pods +-?\\d+\\.\\d\\d s per 100k +\\(mean of ${calls} calls\\)`));
    expect(warm).toMatch(
      /\n {2}(spread \d+% \(largest \/ smallest − 1\), the most per pod at (10|100|1,000) pods: (meets|MISSES) the target ≤ 25%|no verdict: the smaller inventories take no longer than the fixed part, .*)$/,
    );
    expect(stdout).toMatch(/mesh-cost --help +\d+ ms +\d+\.\d\d× +(meets|MISSES) the target ≤ 2\.5×/);
    expect(stdout).toMatch(/mesh-cost --version +\d+ ms/);
    // the kubectl List has size/10 pods, usage.csv 10 × size samples
    expect(stdout).toMatch(/\n100 pods on 1 node, \d+ MB of JSON/);
    expect(stdout).toMatch(/estimate --kube -f json +wall \d+\.\d\d s +cpu \d+\.\d\d s +peak RSS \d+ MB\n  peak RSS \d+ MB: (meets|MISSES) the target < 400 MB/);
    expect(stdout).toMatch(/\n11,754 samples of 3,918 pods/);
    expect(stdout).toMatch(/profiles fit --stat p95 +wall \d+\.\d\d s .*peak RSS \d+ MB/);
    // the fit's own summary reaches the bench's output: a fit that went wrong shows there
    expect(stdout).toMatch(/\n  sidecar: 10800 samples of 3600 pods → cpu /);
    expect(stdout).toMatch(/sidecar drawn from: cpu 0\.004 vCPU \+ 0\.19 per 1k rps/);
    // Prometheus at size/500 and size/50 pods, when the server is installed
    expect(stdout).toMatch(/\n {2}queries (\d+) and \1: meets the target the same at both sizes, ≤ 40\n {2}peak RSS \d+ MB: (meets|MISSES) the target < 300 MB|\n {2}skipped: needs the prometheus and promtool binaries/);
    // capacity: the inventory with pods' requests, with and without --sensitivity, against the plain one
    expect(stdout).toMatch(/with requests \(capacity\) +wall \d+\.\d\d s +\d+\.\d\d×\n {2}with requests --sensitivity +wall \d+\.\d\d s +\d+\.\d\d×/);
    expect(stdout).toMatch(/capacity \d+\.\d\d×: (meets|MISSES) the target ≤ 1\.5×; sensitivity \d+\.\d\d×: (meets|MISSES) the target ≤ 2×/);
  });

  it('refuses an unknown case and a size that is not a number', async () => {
    await expect(run(process.execPath, ['bench/run.mjs', '--only', 'kubectl'], { cwd: ROOT })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--only: unknown case kubectl; the cases are ingest, linear, startup, kube, usage-fit, prometheus, capacity'),
    });
    await expect(run(process.execPath, ['bench/run.mjs', '--size', 'lots'], { cwd: ROOT })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--size: expected a whole number ≥ 100, found "lots"'),
    });
    await expect(run(process.execPath, ['bench/run.mjs', '--before', 'nowhere/mesh-cost.js'], { cwd: ROOT })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--before: expected the bin/mesh-cost.js of a build, found no file'),
    });
  });
});
