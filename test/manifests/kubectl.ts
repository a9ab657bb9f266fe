/** kubectl on PATH: the kustomize tests need it, and say so when they skip. */
import { execFileSync } from 'node:child_process';

export const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasKubectl) console.warn('skipping the kubectl kustomize tests: kubectl is not on PATH');
