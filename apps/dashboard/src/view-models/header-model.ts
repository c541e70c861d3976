import type { OptionDescription } from '@digitlab/core';
import type { SessionInfo } from '@digitlab/session';
import { kebabCase } from './kebab-case.js';
import { scheduleText } from './schedule-text.js';

/** The header's lines, each a label and its text. */
export interface HeaderLine {
  readonly label: string;
  readonly text: string;
}

type Group = NonNullable<OptionDescription['group']>;

/**
 * Label → text lines describing the data, the model, the optimizer and the backend. Which line an
 * option is on comes from the plugin's schema metadata (see `describeOptions`), not from its name:
 * `group` picks the line, `header: false` leaves it out, and `solvers` keeps an option off the
 * header while another solver is in use (an L-BFGS run does not need to show SGD's momentum).
 */
export function headerLines(info: SessionInfo): HeaderLine[] {
  const described = new Map(info.optionDescriptions.map((d) => [d.name, d]));
  const inGroup = (group: Group) => (name: string) => {
    const d = described.get(name);
    if (d?.header === false || d?.selectsSolver === true) return false;
    if (d?.solvers !== undefined && info.optimizer !== undefined) {
      if (!d.solvers.includes(info.optimizer)) return false;
    }
    // An option the schema says nothing about is shown with the model, the safer default.
    return (d?.group ?? 'model') === group;
  };
  const notes = [info.backendNote, ...info.notes].filter((n): n is string => !!n);
  const optimizer = info.optimizer ?? (info.optimizerDescription || 'built in');
  return [
    {
      label: 'data',
      text: `${info.dataset} · ${info.nTrain} train (${info.sampling}) · ${info.nTest} test · ${info.numFeatures} features`,
    },
    {
      label: 'model',
      text: join([info.classifier, formatOptions(info.classifierOptions, inGroup('model'))]),
    },
    {
      label: 'optimizer',
      text: join([optimizer, formatOptions(info.classifierOptions, inGroup('solver'))]),
    },
    {
      label: 'backend',
      text: join([
        info.backend,
        formatOptions(info.classifierOptions, inGroup('runtime')),
        notes.length > 0 ? `(${notes.join('; ')})` : '',
      ]),
    },
    {
      label: 'held-out',
      text: `${info.nTest} test images, evaluated ${scheduleText(info.evalEvery, info.unit)}`,
    },
  ];
}

/** `name=value` pairs with CLI-style names, e.g. `C=1 max-iter=500 tol=0.0001`. */
export function formatOptions(
  options: Readonly<Record<string, unknown>>,
  include: (name: string) => boolean,
): string {
  return Object.entries(options)
    .filter(([name, value]) => include(name) && value !== undefined)
    .map(([name, value]) => `${kebabCase(name)}=${formatOptionValue(value)}`)
    .join(' ');
}

/** An option value as the header and the report show it: integers plain, others to 6 digits. */
export function formatOptionValue(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(+value.toPrecision(6));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}
