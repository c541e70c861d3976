import { type ChildProcess, spawn } from 'node:child_process';
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

/** How a test runs the CLI: from `cwd`, as user `uid`, with `env` added to this process's. */
export interface CliOptions {
  readonly cwd?: string;
  readonly uid?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Run the built CLI with pipes (not a terminal). */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).finished;
}

/** A CLI process still running: what it printed so far, a way to wait for output, its end. */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves once `pattern` matches stdout (or stderr); fails if the process exits first. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>;
  readonly finished: Promise<CliRun>;
}

/** Start the built CLI with pipes (not a terminal), from `cwd`, and leave it running. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  if (!existsSync(CLI)) {
    throw new Error(`expected the built CLI at ${CLI}, found nothing: run \`pnpm build\` first`);
  }
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? APP_DIR,
    env: { ...process.env, DIGITLAB_DEBUG: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  const out = { stdout: '', stderr: '' };
  const waiting = new Set<() => void>();
  const check = () => {
    for (const w of waiting) w();
  };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out.stdout += d;
    check();
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out.stderr += d;
    check();
  });
  const finished = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, ...out });
      check();
    });
  });
  let closed = false;
  void finished.then(() => {
    closed = true;
  });
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    finished,
    waitFor: (pattern, stream = 'stdout') =>
      new Promise<void>((resolve, reject) => {
        const w = () => {
          if (pattern.test(out[stream])) {
            waiting.delete(w);
            resolve();
          } else if (closed || child.exitCode !== null) {
            waiting.delete(w);
            reject(
              new Error(
                `expected ${pattern} on ${stream} before the CLI exited, found:\n${out[stream].slice(-1500)}\n${out.stderr.slice(-1500)}`,
              ),
            );
          }
        };
        waiting.add(w);
        w();
      }),
  };
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

/** Mini-batch SGD for far more epochs than a test waits for: it runs until interrupted. */
export const longRun = (...more: string[]) => [
  'train',
  '--per-class',
  '20',
  '--optimizer',
  'sgd',
  '--epochs',
  '100000',
  '--backend',
  'cpu',
  ...more,
];
