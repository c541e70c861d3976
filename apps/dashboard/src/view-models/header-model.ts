import type { SessionInfo } from '../training/session-events.js';
import { kebabCase } from './kebab-case.js';

/**
 * Options that configure the solver rather than the model, shown on the optimizer line. Anything a
 * plugin adds that is not listed here is shown with the classifier, which is the safer default.
 */
const OPTIMIZER_OPTIONS = new Set([
  'solver',
  'maxIter',
  'tol',
  'learningRate',
  'batchSize',
  'epochs',
  'momentum',
  'beta1',
  'beta2',
  'epsilon',
  'history',
  'm',
  'historySize',
  'maxEvaluations',
  'lineSearch',
  'nesterov',
  'shuffle',
]);
/** Where and how the work runs on the machine: shown with the backend. */
const COMPUTE_OPTIONS = new Set(['layout', 'workers', 'threads', 'numThreads']);
/** Shown elsewhere in the header (backend) or not about the model at all. */
const HIDDEN_OPTIONS = new Set(['backend', 'seed', 'verbose', 'warmStart', 'trainAccuracyEvery']);

/** The header's lines, each a label and its text. */
export interface HeaderLine {
  readonly label: string;
  readonly text: string;
}

/** Label → text lines describing the data, the model, the optimizer and the backend. */
export function headerLines(info: SessionInfo): HeaderLine[] {
  const classifierOptions = formatOptions(
    info.classifierOptions,
    (n) => !OPTIMIZER_OPTIONS.has(n) && !COMPUTE_OPTIONS.has(n),
  );
  const computeOptions = formatOptions(info.classifierOptions, (n) => COMPUTE_OPTIONS.has(n));
  const notes = [info.backendNote, ...info.notes].filter((n): n is string => !!n);
  // Plugins describe their solver in the start event; options it names are the ones in use (an
  // L-BFGS run does not need to show SGD's momentum).
  const described = info.optimizerDescription;
  const optimizerOptions = formatOptions(
    info.classifierOptions,
    (n) =>
      OPTIMIZER_OPTIONS.has(n) &&
      n !== 'solver' &&
      (described === '' || new RegExp(`\\b${n}=`).test(described)),
  );
  const optimizer = info.optimizer ?? (described || 'built in');
  return [
    {
      label: 'data',
      text: `${info.dataset} · ${info.nTrain} train (${info.sampling}) · ${info.nTest} test · ${info.numFeatures} features`,
    },
    { label: 'model', text: join([info.classifier, classifierOptions]) },
    { label: 'optimizer', text: join([optimizer, optimizerOptions]) },
    {
      label: 'backend',
      text: join([info.backend, computeOptions, notes.length > 0 ? `(${notes.join('; ')})` : '']),
    },
    {
      label: 'held-out',
      text: `${info.nTest} test images, evaluated every ${info.evalEvery} steps`,
    },
  ];
}

/** `name=value` pairs with CLI-style names, e.g. `C=1 max-iter=500 tol=0.0001`. */
export function formatOptions(
  options: Readonly<Record<string, unknown>>,
  include: (name: string) => boolean,
): string {
  return Object.entries(options)
    .filter(([name, value]) => include(name) && !HIDDEN_OPTIONS.has(name) && value !== undefined)
    .map(([name, value]) => `${kebabCase(name)}=${formatOptionValue(value)}`)
    .join(' ');
}

function formatOptionValue(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(+value.toPrecision(6));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}
