import { LOCKSTEP_BYTES, Lockstep } from '@digitlab/kernels';
import type { AdamStepConstants } from '@digitlab/optimizers';

/** What the leader (the fitting thread) asks the other parts to do next. */
export const PartCommand = { Step: 1, Export: 2, Import: 3, Stop: 4, ExportPoint: 5 } as const;

/** The sizes a channel is laid out for. */
export interface ChannelSizes {
  readonly parts: number;
  /** Rows of the largest mini-batch. */
  readonly batchRows: number;
  /** Length of the full parameter vector. */
  readonly parameters: number;
}

// Float64 cells of the step settings.
const ROWS = 0;
const ALPHA = 1;
const KEEP1 = 2;
const TAKE1 = 3;
const KEEP2 = 4;
const TAKE2 = 5;
const STEP_SCALE = 6;
const ROOT_SCALE = 7;
const EPSILON = 8;
const SETTINGS = 9;
/** Float64 cells each part reports after its backward pass: Σ g², max |g|, ‖W‖². */
export const STATS_PER_PART = 3;

/** A mini-batch step's settings as the leader posts them: its rows, alpha and Adam's constants. */
export type StepSettings = { -readonly [K in keyof AdamStepConstants]: number } & {
  rows: number;
  alpha: number;
};

/** Settings to read into (a part keeps one, so a step allocates nothing). */
export function emptyStepSettings(): StepSettings {
  return {
    rows: 0,
    alpha: 0,
    keep1: 0,
    take1: 0,
    keep2: 0,
    take2: 0,
    stepScale: 0,
    rootScale: 0,
    epsilon: 0,
  };
}

/**
 * The SharedArrayBuffer through which the parts of a threaded MLP step talk: the lockstep, the
 * step's settings and mini-batch rows (leader → parts), each part's gradient statistics, and a
 * transfer area of three full parameter-shaped vectors (point, m, v) for export and import. (The
 * partial logits go through the kernels' shared memory: see MlpKernel.partialLogits.)
 */
export class StepChannel {
  readonly buffer: SharedArrayBuffer;
  readonly sizes: ChannelSizes;
  readonly lockstep: Lockstep;
  private readonly settings: Float64Array;
  readonly stats: Float64Array;
  readonly batch: Int32Array;
  /** Point, first and second moments, each a full parameter vector. */
  readonly transfer: {
    readonly x: Float64Array;
    readonly m: Float64Array;
    readonly v: Float64Array;
  };

  /** A new channel (leader) or a view of an existing one (`buffer` from the leader). */
  constructor(sizes: ChannelSizes, label: string, buffer?: SharedArrayBuffer) {
    const { parts, batchRows, parameters } = sizes;
    let at = LOCKSTEP_BYTES;
    const settingsAt = at;
    at += 8 * SETTINGS;
    const statsAt = at;
    at += 8 * STATS_PER_PART * parts;
    const transferAt = at;
    at += 8 * 3 * parameters;
    const batchAt = at;
    at += 4 * batchRows;
    this.buffer = buffer ?? new SharedArrayBuffer(at);
    if (this.buffer.byteLength !== at) {
      throw new RangeError(
        `StepChannel: expected a buffer of ${at} bytes for these sizes, found ${this.buffer.byteLength}`,
      );
    }
    this.sizes = sizes;
    this.lockstep = new Lockstep(this.buffer, 0, parts, { label });
    this.settings = new Float64Array(this.buffer, settingsAt, SETTINGS);
    this.stats = new Float64Array(this.buffer, statsAt, STATS_PER_PART * parts);
    const t = transferAt;
    this.transfer = {
      x: new Float64Array(this.buffer, t, parameters),
      m: new Float64Array(this.buffer, t + 8 * parameters, parameters),
      v: new Float64Array(this.buffer, t + 16 * parameters, parameters),
    };
    this.batch = new Int32Array(this.buffer, batchAt, batchRows);
  }

  /** Leader: the next step's settings (read by every part at the start of its step). */
  writeSettings(rows: number, alpha: number, s: AdamStepConstants): void {
    const c = this.settings;
    c[ROWS] = rows;
    c[ALPHA] = alpha;
    c[KEEP1] = s.keep1;
    c[TAKE1] = s.take1;
    c[KEEP2] = s.keep2;
    c[TAKE2] = s.take2;
    c[STEP_SCALE] = s.stepScale;
    c[ROOT_SCALE] = s.rootScale;
    c[EPSILON] = s.epsilon;
  }

  /** Copy the current step's settings into `into` (the leader writes the next ones during this step). */
  readSettings(into: StepSettings): StepSettings {
    const c = this.settings;
    into.rows = c[ROWS] as number;
    into.alpha = c[ALPHA] as number;
    into.keep1 = c[KEEP1] as number;
    into.take1 = c[TAKE1] as number;
    into.keep2 = c[KEEP2] as number;
    into.take2 = c[TAKE2] as number;
    into.stepScale = c[STEP_SCALE] as number;
    into.rootScale = c[ROOT_SCALE] as number;
    into.epsilon = c[EPSILON] as number;
    return into;
  }
}
