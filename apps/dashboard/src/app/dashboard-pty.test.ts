import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { APP_DIR, CLI } from '../test-support/run-cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The built CLI in a pseudo-terminal of 80×24, as a user's shell would run it; `extraEnv` adds
 * variables, or removes them (undefined).
 */
function startInTerminal(args: string[], extraEnv: Record<string, string | undefined> = {}) {
  if (!existsSync(CLI))
    throw new Error(`expected the built CLI at ${CLI}: run \`pnpm build\` first`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI') env[k] = v;
  const term = spawn(process.execPath, [CLI, ...args], {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    cwd: APP_DIR,
    env: withEnv({ ...env, TERM: 'xterm-256color', FORCE_COLOR: '3' }, extraEnv),
  });
  let output = '';
  term.onData((d) => {
    output += d;
  });
  const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    term,
    /** The exit code; fails with the end of the screen if the process does not exit in time. */
    exited: (timeoutMs = 60_000): Promise<number> =>
      Promise.race([
        exit,
        sleep(timeoutMs).then(() => {
          throw new Error(
            `expected the process to exit, found it running; screen ends with:\n${stripVTControlCharacters(output).slice(-1500)}`,
          );
        }),
      ]),
    raw: () => output,
    text: () => stripVTControlCharacters(output),
    /** Where the output ends now, so a later wait can look only at what came after. */
    mark: () => output.length,
    async waitFor(pattern: RegExp, since = 0, timeoutMs = 60_000): Promise<void> {
      const start = Date.now();
      while (!pattern.test(stripVTControlCharacters(output.slice(since)))) {
        if (Date.now() - start > timeoutMs) {
          throw new Error(
            `expected ${pattern} on the screen, found:\n${stripVTControlCharacters(output).slice(-2000)}`,
          );
        }
        await sleep(50);
      }
    },
  };
}

function withEnv(
  env: Record<string, string>,
  changes: Record<string, string | undefined>,
): Record<string, string> {
  const out = { ...env };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

const lastEpoch = (text: string): number => {
  const all = [...text.matchAll(/(\d+)\/1000 epoch/g)];
  return Number(all.at(-1)?.[1] ?? -1);
};

// Generous limits: a loaded 2-core machine can take many seconds to load MNIST and draw.
const PTY_TEST_TIMEOUT_MS = 120_000;

describe('the dashboard in a terminal', () => {
  it(
    'shows the live confusion matrix, pauses on p and quits cleanly on q',
    async () => {
      // Mini-batch SGD runs all its epochs (L-BFGS may converge before the test presses p).
      const app = startInTerminal([
        'train',
        '--per-class',
        '50',
        '--optimizer',
        'sgd',
        '--epochs',
        '1000',
        '--eval-every',
        '5',
      ]);
      try {
        await app.waitFor(/confusion matrix · epoch \d+ · counts/);
        // All ten classes on both axes, with precision / recall / F1 beside each row.
        await app.waitFor(/0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+prec\s+rec\s+f1/);
        expect(app.text()).toMatch(/most confused \d → \d: \d+ \(\d+\.\d%\)/);
        expect(app.raw()).toContain('\u001b[?1049h');

        let mark = app.mark();
        app.term.write('p');
        await app.waitFor(/● paused/, mark);
        await sleep(300); // a step in flight when the key arrived may still land
        const atPause = lastEpoch(app.text());
        expect(atPause).toBeGreaterThan(0);
        expect(atPause).toBeLessThan(1000);
        await sleep(1000);
        expect(lastEpoch(app.text())).toBe(atPause);

        mark = app.mark();
        app.term.write('p');
        await app.waitFor(/● running/, mark);
        app.term.write('q');
        expect(await app.exited()).toBe(0);
        const raw = app.raw();
        // Terminal restored: alternate screen left, then the cursor shown again as the last thing.
        expect(raw.lastIndexOf('\u001b[?1049l')).toBeGreaterThan(raw.lastIndexOf('\u001b[?1049h'));
        expect(raw.endsWith('\u001b[?25h')).toBe(true);
        // SGD counts epochs, and so does the summary.
        expect(app.text()).toMatch(/digitlab: cancelled after \d+ epochs? \(/);
      } finally {
        app.term.kill();
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );

  it(
    'follows a resize to a wide terminal; Ctrl-C quits with 130, terminal restored',
    async () => {
      const app = startInTerminal([
        'train',
        '--per-class',
        '20',
        '--optimizer',
        'sgd',
        '--epochs',
        '1000',
      ]);
      try {
        await app.waitFor(/confusion matrix · epoch/);
        app.term.resize(130, 40);
        await app.waitFor(/most confused \(true → predicted\)/);
        app.term.write('\u0003');
        expect(await app.exited()).toBe(130);
        expect(app.raw().endsWith('\u001b[?25h')).toBe(true);
        expect(app.raw()).toContain('\u001b[?1049l');
      } finally {
        app.term.kill();
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );

  it(
    'w draws the weights in 24-bit colour and m the misclassified digits, during a run',
    async () => {
      const app = startInTerminal([
        'train',
        '--per-class',
        '30',
        '--optimizer',
        'sgd',
        '--epochs',
        '1000',
        '--eval-every',
        '5',
      ]);
      try {
        await app.waitFor(/confusion matrix · epoch \d+ · counts/);
        let mark = app.mark();
        app.term.write('w');
        // A third of 28×28 in the 80×24 matrix region: the ten classes in two rows of tiles.
        await app.waitFor(/Coefficients per class · epoch \d+/, mark);
        await app.waitFor(/0 {10}1 {10}2 {10}3 {10}4 {10}5 {10}6/, mark);
        expect(app.raw().slice(mark)).toContain('▀');
        expect(app.raw().slice(mark)).toMatch(/\[48;2;\d+;\d+;\d+m▀/);

        mark = app.mark();
        app.term.write('m');
        await app.waitFor(/misclassified · epoch \d+ · \d+ of 10000 test samples/, mark);
        // Captions side by side under the digits, e.g. "4 → 9      7 → 2".
        await app.waitFor(/\d → \d {3,}\d → \d/, mark);

        mark = app.mark();
        app.term.write('m');
        await app.waitFor(/confusion matrix · epoch \d+/, mark);
        app.term.write('q');
        expect(await app.exited()).toBe(0);
      } finally {
        app.term.kill();
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );

  it(
    'draws the weights with a ramp of characters under NO_COLOR',
    async () => {
      const app = startInTerminal(
        ['train', '--per-class', '20', '--optimizer', 'sgd', '--epochs', '1000'],
        { NO_COLOR: '1', FORCE_COLOR: undefined, COLORTERM: undefined },
      );
      try {
        await app.waitFor(/confusion matrix · epoch/);
        const mark = app.mark();
        app.term.write('w');
        await app.waitFor(
          /Coefficients per class · epoch \d+ · '=' -?[\d.e-]+ … ' ' 0 … '@'/,
          mark,
        );
        await app.waitFor(/0 {10}1 {10}2 {10}3/, mark);
        expect(app.raw().slice(mark)).not.toContain('▀');
        expect(stripVTControlCharacters(app.raw().slice(mark))).toMatch(/[=:+#@-]{2}/);
        app.term.write('q');
        expect(await app.exited()).toBe(0);
      } finally {
        app.term.kill();
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );

  it(
    'r writes a report of the run so far and the status line says where',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'digitlab-pty-report-'));
      const dir = join(root, 'report');
      const app = startInTerminal([
        'train',
        '--per-class',
        '20',
        '--optimizer',
        'sgd',
        '--epochs',
        '1000',
        '--report',
        dir,
      ]);
      try {
        await app.waitFor(/confusion matrix · epoch \d+ · counts/);
        expect(app.text()).toContain('r report');
        const mark = app.mark();
        app.term.write('r');
        await app.waitFor(/report written to \S+/, mark);
        expect(await readdir(dir)).toEqual([
          'figures',
          'history.jsonl',
          'report.html',
          'result.json',
        ]);
        const result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as {
          stop_reason: string;
          iterations: number;
        };
        // Taken while training ran: the state so far, training carrying on afterwards.
        expect(result.stop_reason).toBe('in-progress');
        expect(result.iterations).toBeGreaterThan(0);
        app.term.write('q');
        expect(await app.exited()).toBe(0);
      } finally {
        app.term.kill();
        await rm(root, { recursive: true, force: true });
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );

  it(
    'an mlp run shows its first confusion matrix while training is still running',
    async () => {
      // The held-out schedule is 'auto': the first epoch is evaluated, not the tenth.
      const app = startInTerminal([
        'train',
        '--classifier',
        'mlp',
        '--per-class',
        '50',
        '--epochs',
        '300',
        '--n-iter-no-change',
        '300',
      ]);
      try {
        await app.waitFor(/confusion matrix · epoch \d+ · (partial|counts)/);
        const first = Number(/confusion matrix · epoch (\d+)/.exec(app.text())?.[1]);
        expect(first).toBeGreaterThan(0);
        expect(first).toBeLessThan(300);
        expect(app.text()).toContain(
          'waiting for the first held-out evaluation (after the first epoch)…',
        );
        // Training carries on after the matrix has appeared.
        const mark = app.mark();
        await app.waitFor(/\d+\/300 epoch/, mark);
        expect(app.text().slice(mark)).not.toMatch(/● (finished|converged)/);
        app.term.write('q');
        expect(await app.exited()).toBe(0);
      } finally {
        app.term.kill();
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );

  it(
    'a k-NN run shows its evaluation of the 10,000 test images moving, then the matrix',
    async () => {
      const app = startInTerminal(['train', '--classifier', 'knn', '--per-class', '300']);
      try {
        await app.waitFor(/● (converged|finished)/);
        const done = new Set(
          [
            ...app.text().matchAll(/evaluating ([\d,]+) \/ 10,000 test images · [\d,]+\/s · ETA/g),
          ].map((m) => m[1]),
        );
        expect(done.size).toBeGreaterThanOrEqual(2);
        expect(app.text()).toMatch(/partial \([\d,]+ of 10,000\)/);
        expect(app.text()).toMatch(/confusion matrix · step 10 · counts/);
        // k-NN reports no objective, gradient or function evaluations: no panel pretends it does.
        expect(app.text()).not.toMatch(/objective|\|gradient\||f-evals/);
        app.term.write('q');
        expect(await app.exited()).toBe(0);
      } finally {
        app.term.kill();
      }
    },
    PTY_TEST_TIMEOUT_MS,
  );
});
