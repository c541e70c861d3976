import { ArtifactError } from './errors.js';
import type { ModelArtifact } from './model-artifact.js';
import { parseArtifactJson } from './parse-artifact-json.js';
import type { ProgressUnit } from './training-event.js';

/** The file of a checkpoint's progress and trainer state (with large number arrays moved out). */
export const CHECKPOINT_FILE = 'checkpoint.json';
/** The file holding the trainer state's large number arrays as little-endian float64. */
export const CHECKPOINT_ARRAYS_FILE = 'checkpoint-arrays.f64';
/** The checkpoint format this version writes and reads. */
export const CHECKPOINT_FORMAT_VERSION = 1;

/**
 * A fit as it stood after a step: the model (an artifact like `save()` gives, so a checkpoint
 * directory is also a model directory) and what the driver needs to continue it exactly.
 */
export interface FitCheckpoint {
  /** The model after `step` steps, with metadata (plugin options, data shape, interrupted). */
  readonly artifact: ModelArtifact;
  /** Steps done. */
  readonly step: number;
  readonly unit: ProgressUnit;
  readonly total?: number;
  /** Fit time so far, in seconds (continued by a resumed fit). */
  readonly fitSeconds: number;
  /** Whether the fit had ended by itself (nothing left to resume). */
  readonly complete: boolean;
  /**
   * The trainer's state after `step` (see `TrainingStep.saveState`): JSON data. Null when the
   * trainer has none: resuming then trains again from the start (k-NN, nearest centroid).
   */
  readonly trainerState: unknown;
  /** What the caller recorded beside the fit (e.g. how the data was selected), as JSON. */
  readonly run?: Readonly<Record<string, unknown>>;
}

/** When and where a fit writes checkpoints (`FitOptions.checkpoint`). */
export interface CheckpointOptions {
  /** After every n-th step; default: by fit time (`everySeconds`). */
  readonly every?: number;
  /** Without `every`: after the first step this long after the last checkpoint (default 30 s). */
  readonly everySeconds?: number;
  /** Written also after a fit ends and when it is aborted, with what it reached. */
  write(checkpoint: FitCheckpoint): Promise<void>;
}

/** Default time between two checkpoints, in seconds of fit time. */
export const CHECKPOINT_EVERY_SECONDS = 30;

// Number arrays at least this long go to the binary file (exact, 8 bytes a number).
const MIN_PACKED = 16;

/** The checkpoint as a model artifact with two more files: one mechanism writes both atomically. */
export function checkpointToArtifact(c: FitCheckpoint): ModelArtifact {
  const arrays: number[][] = [];
  let offset = 0;
  const pack = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      if (value.length >= MIN_PACKED && value.every((v) => typeof v === 'number')) {
        arrays.push(value as number[]);
        const ref = { $f64: [offset, value.length] };
        offset += value.length;
        return ref;
      }
      return value.map(pack);
    }
    if (value instanceof Float64Array || value instanceof Float32Array)
      return pack(Array.from(value));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
    }
    return value;
  };
  const json = {
    format: 'digitlab-checkpoint',
    version: CHECKPOINT_FORMAT_VERSION,
    step: c.step,
    unit: c.unit,
    ...(c.total === undefined ? {} : { total: c.total }),
    fitSeconds: c.fitSeconds,
    complete: c.complete,
    trainerState: pack(c.trainerState ?? null),
    ...(c.run === undefined ? {} : { run: c.run }),
  };
  const packed = new Float64Array(offset);
  let at = 0;
  for (const array of arrays) {
    packed.set(array, at);
    at += array.length;
  }
  const encoder = new TextEncoder();
  return {
    ...c.artifact,
    files: {
      ...c.artifact.files,
      [CHECKPOINT_FILE]: encoder.encode(`${JSON.stringify(json)}\n`),
      [CHECKPOINT_ARRAYS_FILE]: littleEndianBytes(packed),
    },
  };
}

/**
 * The checkpoint in an artifact read from a checkpoint directory; a missing or malformed part is
 * an ArtifactError naming the file (`dir` is where the artifact was read from).
 */
export function checkpointFromArtifact(artifact: ModelArtifact, dir: string): FitCheckpoint {
  const where = (file: string) => `${dir.replace(/\/+$/, '')}/${file}`;
  const text = artifact.files[CHECKPOINT_FILE];
  const bytes = artifact.files[CHECKPOINT_ARRAYS_FILE];
  if (text === undefined || bytes === undefined) {
    throw new ArtifactError(
      `expected a checkpoint (a model directory holding ${CHECKPOINT_FILE} and ${CHECKPOINT_ARRAYS_FILE}, written by train --checkpoint), found a model directory without ${text === undefined ? CHECKPOINT_FILE : CHECKPOINT_ARRAYS_FILE}`,
      dir,
    );
  }
  const file = where(CHECKPOINT_FILE);
  const json = parseArtifactJson(new TextDecoder().decode(text), file) as Record<string, unknown>;
  const bad = (what: string, found: unknown): never => {
    throw new ArtifactError(`expected ${what}, found ${JSON.stringify(found)?.slice(0, 80)}`, file);
  };
  if (typeof json !== 'object' || json === null) bad('a checkpoint object', json);
  if (json.format !== 'digitlab-checkpoint') bad('"format": "digitlab-checkpoint"', json.format);
  if (json.version !== CHECKPOINT_FORMAT_VERSION) {
    bad(`"version": ${CHECKPOINT_FORMAT_VERSION}`, json.version);
  }
  const count = (key: string): number => {
    const v = json[key];
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : bad(`"${key}" ≥ 0`, v);
  };
  const step = count('step');
  const unit = json.unit;
  if (unit !== 'iteration' && unit !== 'epoch' && unit !== 'step') {
    bad('"unit" iteration, epoch or step', unit);
  }
  const total = json.total === undefined ? undefined : count('total');
  const fitSeconds = json.fitSeconds;
  if (typeof fitSeconds !== 'number' || !(fitSeconds >= 0)) bad('"fitSeconds" ≥ 0', fitSeconds);
  if (typeof json.complete !== 'boolean') bad('"complete" true or false', json.complete);
  const run = json.run;
  if (run !== undefined && (typeof run !== 'object' || run === null || Array.isArray(run))) {
    bad('"run" an object', run);
  }
  if (bytes.byteLength % 8 !== 0) {
    throw new ArtifactError(
      `expected whole float64 numbers, found ${bytes.byteLength} bytes (not a multiple of 8)`,
      where(CHECKPOINT_ARRAYS_FILE),
    );
  }
  const packed = float64FromLittleEndian(bytes);
  const unpack = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(unpack);
    if (typeof value === 'object' && value !== null) {
      const ref = (value as { $f64?: unknown }).$f64;
      if (ref !== undefined) {
        const [offset, length] = Array.isArray(ref) ? ref : [];
        if (
          !Number.isInteger(offset) ||
          !Number.isInteger(length) ||
          offset < 0 ||
          length < 0 ||
          offset + length > packed.length
        ) {
          bad(
            `an array reference within the ${packed.length} numbers of ${CHECKPOINT_ARRAYS_FILE}`,
            ref,
          );
        }
        return Array.from(
          packed.subarray(offset as number, (offset as number) + (length as number)),
        );
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unpack(v)]));
    }
    return value;
  };
  const files = { ...artifact.files };
  delete files[CHECKPOINT_FILE];
  delete files[CHECKPOINT_ARRAYS_FILE];
  return {
    artifact: { ...artifact, files },
    step,
    unit: unit as ProgressUnit,
    ...(total === undefined ? {} : { total }),
    fitSeconds: fitSeconds as number,
    complete: json.complete as boolean,
    trainerState: unpack(json.trainerState ?? null),
    ...(run === undefined ? {} : { run: run as Record<string, unknown> }),
  };
}

function littleEndianBytes(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true);
  return out;
}

function float64FromLittleEndian(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
