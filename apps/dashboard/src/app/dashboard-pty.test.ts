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
  const screen = () => stripVTControlCharacters(output);
  /** The exit code; fails with the end of the screen if the process does not exit in time. */
  const exited = (timeoutMs = 60_000): Promise<number> =>
    Promise.race([
      exit,
      sleep(timeoutMs).then(() => {
        throw new Error(
          `expected the process to exit, found it running; screen ends with:\n${screen().slice(-1500)}`,
        );
      }),
    ]);
  async function waitFor(pattern: RegExp, since = 0, timeoutMs = 60_000): Promise<void> {
    const start = Date.now();
    while (!pattern.test(stripVTControlCharacters(output.slice(since)))) {
      if (Date.now() - start > timeoutMs) {
        throw new Error(`expected ${pattern} on the screen, found:\n${screen().slice(-2000)}`);
      }
      await sleep(50);
    }
  }
  return {
    term,
    exited,
    raw: () => output,
    text: screen,
    /** Where the output ends now, so a later wait can look only at what came after. */
    mark: () => output.length,
    waitFor,
    /** Presses `key` and waits for `pattern` after it; resolves to where the output stood at the press. */
    async press(key: string, pattern: RegExp): Promise<number> {
      const mark = output.length;
      term.write(key);
      await waitFor(pattern, mark);
      return mark;
    },
    /** Presses q; resolves to the exit code. */
    quit(): Promise<number> {
      term.write('q');
      return exited();
    },
  };
}

type Terminal = ReturnType<typeof startInTerminal>;

/** Runs `body` against the CLI in a terminal, and kills the process whatever happens. */
async function inTerminal(
  args: string[],
  body: (app: Terminal) => Promise<void>,
  extraEnv: Record<string, string | undefined> = {},
): Promise<void> {
  const app = startInTerminal(args, extraEnv);
  try {
    await body(app);
  } finally {
    app.term.kill();
  }
}

/** `train` with mini-batch SGD for 1000 epochs, which runs all its epochs (L-BFGS may converge first). */
const sgdRun = (perClass: number, ...more: string[]) => [
  'train',
  '--per-class',
  String(perClass),
  '--optimizer',
  'sgd',
  '--epochs',
  '1000',
  ...more,
];

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
describe('the dashboard in a terminal', { timeout: 120_000 }, () => {
  it('shows the live confusion matrix, pauses on p and quits cleanly on q', () =>
    inTerminal(sgdRun(50, '--eval-every', '5'), async (app) => {
      await app.waitFor(/confusion matrix · epoch \d+ · counts/);
      // All ten classes on both axes, with precision / recall / F1 beside each row.
      await app.waitFor(/0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+prec\s+rec\s+f1/);
      expect(app.text()).toMatch(/most confused \d → \d: \d+ \(\d+\.\d%\)/);
      expect(app.raw()).toContain('\u001b[?1049h');

      await app.press('p', /● paused/);
      await sleep(300); // a step in flight when the key arrived may still land
      const atPause = lastEpoch(app.text());
      expect(atPause).toBeGreaterThan(0);
      expect(atPause).toBeLessThan(1000);
      await sleep(1000);
      expect(lastEpoch(app.text())).toBe(atPause);

      await app.press('p', /● running/);
      expect(await app.quit()).toBe(0);
      const raw = app.raw();
      // Terminal restored: alternate screen left, then the cursor shown again as the last thing.
      expect(raw.lastIndexOf('\u001b[?1049l')).toBeGreaterThan(raw.lastIndexOf('\u001b[?1049h'));
      expect(raw.endsWith('\u001b[?25h')).toBe(true);
      // SGD counts epochs, and so does the summary.
      expect(app.text()).toMatch(/digitlab: cancelled after \d+ epochs? \(/);
    }));

  it('follows a resize to a wide terminal; Ctrl-C quits with 130, terminal restored, the model saved as interrupted', async () => {
    const root = await mkdtemp(join(tmpdir(), 'digitlab-pty-interrupt-'));
    const dir = join(root, 'model');
    try {
      await inTerminal(sgdRun(20, '--save', dir), async (app) => {
        await app.waitFor(/confusion matrix · epoch/);
        app.term.resize(130, 40);
        await app.waitFor(/most confused \(true → predicted\)/);
        app.term.write('\u0003');
        expect(await app.exited()).toBe(130);
        expect(app.raw().endsWith('\u001b[?25h')).toBe(true);
        expect(app.raw()).toContain('\u001b[?1049l');
        const saved = app
          .text()
          .match(/saved the model after (\d+) of 1000 epochs to (\S+) \(interrupted\)/);
        expect(saved?.[2]).toBe(dir);
        const manifest = JSON.parse(await readFile(join(dir, 'digitlab-model.json'), 'utf8'));
        expect(manifest.metadata.training).toMatchObject({ interrupted: true, complete: false });
        expect(manifest.metadata.metrics.steps).toBe(Number(saved?.[1]));
        expect(await readdir(root)).toEqual(['model']);
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('SIGTERM from outside stops the run with 143 and says how to keep the model next time', () =>
    inTerminal(sgdRun(20), async (app) => {
      await app.waitFor(/confusion matrix · epoch/);
      app.term.kill('SIGTERM');
      expect(await app.exited()).toBe(143);
      expect(app.raw().endsWith('\u001b[?25h')).toBe(true);
      expect(app.text()).toMatch(
        /interrupted after \d+ of 1000 epochs; the model was not saved: pass --save <dir>/,
      );
    }));

  it('w draws the weights in 24-bit colour and m the misclassified digits, during a run', () =>
    inTerminal(sgdRun(30, '--eval-every', '5'), async (app) => {
      await app.waitFor(/confusion matrix · epoch \d+ · counts/);
      // A third of 28×28 in the 80×24 matrix region: the ten classes in two rows of tiles.
      let mark = await app.press('w', /Coefficients per class · epoch \d+/);
      await app.waitFor(/0 {10}1 {10}2 {10}3 {10}4 {10}5 {10}6/, mark);
      expect(app.raw().slice(mark)).toContain('▀');
      expect(app.raw().slice(mark)).toMatch(/\[48;2;\d+;\d+;\d+m▀/);

      mark = await app.press('m', /misclassified · epoch \d+ · \d+ of 10000 test samples/);
      // Captions side by side under the digits, e.g. "4 → 9      7 → 2".
      await app.waitFor(/\d → \d {3,}\d → \d/, mark);

      await app.press('m', /confusion matrix · epoch \d+/);
      expect(await app.quit()).toBe(0);
    }));

  it('draws the weights with a ramp of characters under NO_COLOR', () =>
    inTerminal(
      sgdRun(20),
      async (app) => {
        await app.waitFor(/confusion matrix · epoch/);
        const mark = await app.press(
          'w',
          /Coefficients per class · epoch \d+ · '=' -?[\d.e-]+ … ' ' 0 … '@'/,
        );
        await app.waitFor(/0 {10}1 {10}2 {10}3/, mark);
        expect(app.raw().slice(mark)).not.toContain('▀');
        expect(stripVTControlCharacters(app.raw().slice(mark))).toMatch(/[=:+#@-]{2}/);
        expect(await app.quit()).toBe(0);
      },
      { NO_COLOR: '1', FORCE_COLOR: undefined, COLORTERM: undefined },
    ));

  it('r writes a report of the run so far and the status line says where', async () => {
    const root = await mkdtemp(join(tmpdir(), 'digitlab-pty-report-'));
    const dir = join(root, 'report');
    try {
      await inTerminal(sgdRun(20, '--report', dir), async (app) => {
        await app.waitFor(/confusion matrix · epoch \d+ · counts/);
        expect(app.text()).toContain('r report');
        await app.press('r', /report written to \S+/);
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
        expect(await app.quit()).toBe(0);
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('an mlp run shows its first confusion matrix while training is still running', () =>
    // The held-out schedule is 'auto': the first epoch is evaluated, not the tenth.
    inTerminal(
      [
        'train',
        '--classifier',
        'mlp',
        '--per-class',
        '50',
        '--epochs',
        '300',
        '--n-iter-no-change',
        '300',
      ],
      async (app) => {
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
        expect(await app.quit()).toBe(0);
      },
    ));

  it('a k-NN run shows its evaluation of the 10,000 test images moving, then the matrix', () =>
    // Progress is drawn after each batch of about 200 ms once 50 ms have passed, so two counts
    // need an evaluation of ~0.5 s. One evaluation (--eval-every 0: the last step's) of the whole
    // training split on one search worker takes ~2.3 s on a 2-core EPYC: the work does not shrink
    // with the machine's cores, and a core 4× faster still draws several counts. (On 3,000 rows
    // and a worker per core it could end within the quiet 50 ms plus one batch: one count seen.)
    inTerminal(
      ['train', '--classifier', 'knn', '--full', '--workers', '1', '--eval-every', '0'],
      async (app) => {
        await app.waitFor(/● (converged|finished)/);
        const text = app.text();
        const lines = [
          ...text.matchAll(/evaluating ([\d,]+) \/ 10,000 test images · [\d,]+\/s · ETA/g),
        ];
        // Frames redraw a line unchanged: keep each count once, in the order drawn.
        const counts = lines
          .map((m) => Number(m[1]?.replaceAll(',', '')))
          .filter((count, i, all) => count !== all[i - 1]);
        expect(counts.length).toBeGreaterThanOrEqual(2);
        expect(counts).toEqual([...counts].sort((a, b) => a - b));
        expect(text).toMatch(/partial \([\d,]+ of 10,000\)/);
        const matrix = text.search(/confusion matrix · step 10 · counts/);
        expect(matrix).toBeGreaterThan(lines.at(-1)?.index ?? Number.POSITIVE_INFINITY);
        // k-NN reports no objective, gradient or function evaluations: no panel pretends it does.
        expect(text).not.toMatch(/objective|\|gradient\||f-evals/);
        expect(await app.quit()).toBe(0);
      },
    ));
});
