import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's directory: where `./dist/index.js` is, and the CLI's working directory. */
export const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built template, as `--classifier` names it from TEMPLATE_DIR. */
export const TEMPLATE_MODULE = './dist/index.js';

/** The `digitlab` executable of the installed @digitlab/dashboard, found through its `bin`. */
export function dashboardCli(): string {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('@digitlab/dashboard');
  } catch (error) {
    throw new Error(
      `expected @digitlab/dashboard to be installed and built (a devDependency), found: ${(error as Error).message}`,
    );
  }
  // Its exports map hides package.json, so walk up from the entry point to the package root.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      bin?: Record<string, string>;
    };
    if (pkg.name !== '@digitlab/dashboard') continue;
    const bin = pkg.bin?.digitlab;
    if (bin === undefined) throw new Error(`expected a "digitlab" bin in ${manifest}, found none`);
    const cli = join(dir, bin);
    if (!existsSync(cli))
      throw new Error(
        `expected the built CLI at ${cli}, found nothing: run \`pnpm build\` in ${dir}`,
      );
    return cli;
  }
  throw new Error(`expected a package.json of @digitlab/dashboard above ${entry}, found none`);
}

/** Run `digitlab <args>` from the template's directory with pipes (no dashboard) and wait. */
export function runDigitlab(args: readonly string[]): SpawnSyncReturns<string> {
  if (!existsSync(join(TEMPLATE_DIR, TEMPLATE_MODULE))) {
    throw new Error(
      `expected the built template at ${join(TEMPLATE_DIR, TEMPLATE_MODULE)}, found nothing: run \`pnpm build\` first`,
    );
  }
  const run = spawnSync(process.execPath, [dashboardCli(), ...args], {
    cwd: TEMPLATE_DIR,
    encoding: 'utf8',
    env: { ...process.env, DIGITLAB_DEBUG: '' },
    timeout: 120_000,
  });
  if (run.error) throw run.error;
  return run;
}
