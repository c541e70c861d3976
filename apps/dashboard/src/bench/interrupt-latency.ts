/**
 * How long `digitlab train` takes to stop after Ctrl-C: SIGINT is sent mid-run (after the third
 * progress event and a further 0–300 ms, so it lands inside a step), and the time to the `finished`
 * event (training stopped, summary ready) and to the process exit is measured. Not a test: it prints
 * numbers (min / median of the repeats) for the notebook run and full-60k runs.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli.js');
const REPEATS = Number(process.env.REPEATS ?? 3);

const scenarios: [string, string[]][] = [
  ['notebook (lbfgs, 10k)', ['--preset', 'notebook']],
  ['full 60k lbfgs (2 workers)', ['--full', '--max-iter', '500']],
  ['full 60k sgd', ['--full', '--optimizer', 'sgd', '--epochs', '100']],
  ['full 60k mlp adam', ['--classifier', 'mlp', '--full', '--epochs', '50']],
];

interface Sample {
  readonly stopMs: number;
  readonly exitMs: number;
  readonly code: number | null;
}

function once(args: string[], delayMs: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'train', '--json', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progress = 0;
    let sentAt: number | undefined;
    let stoppedAt: number | undefined;
    let buffer = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.includes('"type":"progress"') && ++progress === 3) {
          setTimeout(() => {
            sentAt = performance.now();
            child.kill('SIGINT');
          }, delayMs);
        }
        if (line.includes('"type":"finished"') && sentAt !== undefined) {
          stoppedAt = performance.now();
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (sentAt === undefined || stoppedAt === undefined) {
        reject(new Error(`the run ended before it was interrupted (exit ${code})`));
        return;
      }
      const now = performance.now();
      resolve({ stopMs: stoppedAt - sentAt, exitMs: now - sentAt, code });
    });
  });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]?.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms`;
};

for (const [name, args] of scenarios) {
  const samples: Sample[] = [];
  for (let r = 0; r < REPEATS; r++) samples.push(await once(args, (r * 150) % 300));
  console.log(
    `${name.padEnd(28)} SIGINT → training stopped: ${stats(samples.map((s) => s.stopMs))}; → exit: ${stats(samples.map((s) => s.exitMs))}; exit codes ${samples.map((s) => s.code).join(',')}`,
  );
}
