import { execFileSync } from 'node:child_process';

/**
 * Runs `/usr/bin/python3 …args` (a benchmark's scikit-learn peer) and returns its stdout; throws
 * when it fails. This machine sets OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, which force a slower
 * kernel: they are unset for the peer alone, so OpenBLAS picks its own.
 */
export function runPythonPeer(
  args: readonly string[],
  { stderr = 'pipe' }: { readonly stderr?: 'pipe' | 'ignore' } = {},
): string {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return execFileSync('/usr/bin/python3', args, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', stderr],
    maxBuffer: 1 << 20,
  });
}
