import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app directory (where package.json and dist/ are). */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built command line, as `pnpm start` and users run it. */
export const CLI = join(APP_DIR, 'dist', 'cli.js');

/** What a finished CLI process printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built CLI with pipes (not a terminal), from `cwd`, as user `uid` if given. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; uid?: number } = {},
): Promise<CliRun> {
  if (!existsSync(CLI)) {
    throw new Error(`expected the built CLI at ${CLI}, found nothing: run \`pnpm build\` first`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? APP_DIR,
      env: { ...process.env, DIGITLAB_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a quick `train` in a test asks for: a small stratified sample and few steps. */
export interface QuickTrain {
  readonly perClass: number;
  readonly maxIter: number;
  readonly json?: boolean;
}

/** Arguments of a quick `train` on the cpu backend (deterministic and fast), then `extra`. */
export function quickTrainArgs(
  { perClass, maxIter, json = false }: QuickTrain,
  ...extra: string[]
): string[] {
  return [
    'train',
    ...(json ? ['--json'] : []),
    '--per-class',
    String(perClass),
    '--max-iter',
    String(maxIter),
    '--backend',
    'cpu',
    ...extra,
  ];
}
