import { z } from 'zod';
import { defineClassifier } from '../define-classifier.js';
import { ArtifactError } from '../errors.js';
import type { Trainer, TrainingEnd, TrainingStep } from '../trainer.js';

/** The toy model: every row gets the same probabilities, softmax(logits). */
export interface ScriptedModel {
  readonly id: number;
  readonly logits: Float32Array;
}

/** What happened inside the scripted plugin, in order, for tests to assert on. */
export type ScriptLog = string[];

/** How the scripted trainer behaves. */
export interface Script {
  readonly log: ScriptLog;
  /** Steps before the trainer ends by itself. */
  readonly steps: number;
  /** Report `total` in the trainer (default true). */
  readonly reportTotal?: boolean;
  /** Flag the last step `final` (default: leave it to `total`). */
  readonly flagFinal?: boolean;
  /** End with 'aborted' at the next step when the signal fires (default: ignore the signal). */
  readonly watchSignal?: boolean;
  /** Throw instead of yielding this step. */
  readonly failAt?: number;
  /** Called at each step before yielding (e.g. to advance a fake clock). */
  readonly onStep?: (step: number) => void;
  /** Called in every prediction (e.g. to advance a fake clock). */
  readonly onPredict?: () => void;
  /** The plugin's name (default 'scripted'). */
  readonly name?: string;
  /** Declare `warmStarts`, so a `warmStartFrom` classifier's model reaches `train` (default false). */
  readonly warmStarts?: boolean;
  /** Declare `measuresTrainAccuracy: false`, as a model that memorizes its rows does. */
  readonly skipsTrainAccuracy?: boolean;
  /** Steps carry a state ({ at: step }), and `train` continues from `resume` unless ignoring it. */
  readonly resumable?: 'honour' | 'ignore';
  /** Extra fields of the end. */
  readonly end?: Partial<TrainingEnd<ScriptedModel>>;
}

let nextId = 0;

/** Logits favouring class `c` of `k`. */
function favouring(c: number, k: number): ScriptedModel {
  const logits = new Float32Array(k);
  logits[c] = 2;
  return { id: ++nextId, logits };
}

/**
 * A plugin whose trainer follows a script and logs what the driver makes it do: the model of step
 * s favours class (s − 1) mod k, so held-out accuracy tells which step's model was evaluated.
 */
export function scriptedPlugin(script: Script) {
  const { log } = script;
  return defineClassifier({
    name: script.name ?? 'scripted',
    description: 'A scripted test plugin',
    options: z.strictObject({
      level: z.number().int().min(0).max(9).default(1).describe('A model option'),
      threads: z.number().int().min(0).default(0).describe('A runtime option'),
    }),
    modelOptions: ['level'],
    ...(script.warmStarts ? { warmStarts: true } : {}),
    ...(script.skipsTrainAccuracy ? { measuresTrainAccuracy: false } : {}),
    train({ data, signal, initial, resume }): Trainer<ScriptedModel> {
      log.push(initial === undefined ? 'train' : `train from model ${initial.id}`);
      const from = script.resumable === 'honour' ? ((resume as { at?: number })?.at ?? 0) : 0;
      if (resume !== undefined) log.push(`resume ${JSON.stringify(resume)}`);
      const k = data.numClasses;
      async function* steps(): AsyncGenerator<
        TrainingStep<ScriptedModel>,
        TrainingEnd<ScriptedModel>
      > {
        try {
          for (let s = from + 1; s <= script.steps; s++) {
            if (script.watchSignal && signal.aborted) {
              return {
                stopReason: 'aborted',
                converged: false,
                message: `stopped at ${s - 1}`,
                ...(script.resumable ? { state: { at: s - 1, ended: true } } : {}),
              };
            }
            if (script.failAt === s) throw new Error(`step ${s} failed`);
            script.onStep?.(s);
            log.push(`step ${s}`);
            const final = script.flagFinal && s === script.steps ? { final: true } : {};
            yield {
              model: favouring((s - 1) % k, k),
              objective: 1 / s,
              gradientNorm: 0.1 / s,
              evaluations: s + 1,
              message: `did ${s}`,
              ...final,
              ...(script.resumable ? { step: s, saveState: () => ({ at: s }) } : {}),
            };
          }
          // The script's end fields as they are (a getter stays a getter, as a lazy state may be).
          return Object.defineProperties(
            { stopReason: 'completed', converged: true, message: `finished ${script.steps}` },
            Object.getOwnPropertyDescriptors(script.end ?? {}),
          ) as TrainingEnd<ScriptedModel>;
        } finally {
          log.push('steps closed');
        }
      }
      return {
        unit: 'iteration',
        ...(script.reportTotal === false ? {} : { total: script.steps }),
        description: 'scripted run',
        notes: ['a note'],
        steps: steps(),
        ...(script.watchSignal ? { watchesSignal: true } : {}),
        release: () => {
          log.push('trainer released');
        },
      };
    },
    predictProba(model, features) {
      script.onPredict?.();
      const k = model.logits.length;
      const n = features.length / 2;
      let total = 0;
      for (const z of model.logits) total += Math.exp(z);
      const out = new Float32Array(n * k);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(model.logits[c] as number) / total;
      return out;
    },
    encode(model, _options, metadata) {
      log.push(`encoded with metadata of ${metadata.metrics?.steps ?? 'no'} steps`);
      return { 'logits.bin': new Uint8Array(model.logits.slice().buffer) };
    },
    decode(files, metadata) {
      const bytes = files['logits.bin'];
      if (bytes?.byteLength !== metadata.numClasses * 4)
        throw new ArtifactError('expected one float32 logit per class', 'logits.bin');
      return { id: ++nextId, logits: new Float32Array(bytes.slice().buffer) };
    },
    impliedOptions: (model) => (model.logits.length > 3 ? { level: 9 } : {}),
    release(model) {
      log.push(`model ${model.id} released`);
    },
    inspect: (model, { shape, classNames }) =>
      shape === undefined
        ? []
        : [
            {
              name: 'logits',
              title: 'Logits per class',
              scale: 'diverging',
              shape,
              images: classNames.map((label, c) => ({
                label,
                values: Float32Array.of(model.logits[c] as number, 0),
              })),
            },
          ],
    extend: (classifier) => ({
      logits: () => classifier.requireModel('logits').logits.slice(),
    }),
  });
}
