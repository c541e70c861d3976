import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// This package's assembler script; the same path from src/testing and from dist/testing.
const WAT_MODULE = fileURLToPath(new URL('../../scripts/wat-module.mjs', import.meta.url));

/**
 * Whether a committed kernel binary (`target`, a `*-binary.ts` exporting `exportName`) is exactly
 * what its `source` .wat assembles to: `wat-module --check`, as a package's `pnpm kernel` script
 * names them; throws with the script's message when the binary is stale or missing. Needs this
 * package's devDependencies (the assembler): for the tests of digitlab's own kernels.
 */
export function checkWatModule(source: URL, target: URL, exportName: string): void {
  const args = [fileURLToPath(source), fileURLToPath(target), exportName, '--check'];
  execFileSync(process.execPath, [WAT_MODULE, ...args], { stdio: 'pipe' });
}
