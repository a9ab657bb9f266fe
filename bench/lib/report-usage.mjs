/**
 * Preloaded into a measured child (`node --import`): at exit, the child's own peak
 * RSS and CPU time go to file descriptor 3, a pipe the parent opened for them. Node
 * 20's child_process cannot read a finished child's resource usage, and /usr/bin/time
 * is not on every machine.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(3, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
