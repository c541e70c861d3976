import type { OptionDescription } from '@digitlab/core';
import { TuningInputError } from './errors.js';

/** The option a text of grid values is for: its name and type as `describeOptions` gives them. */
export type GridOption = Pick<OptionDescription, 'name' | 'type' | 'choices'>;

/**
 * Values to try for one option, from text: `0.001,0.01,0.1`, `logspace:-3:2:6` (6 values from
 * 10⁻³ to 10², as numpy.logspace), `linspace:0:1:5` (numpy.linspace), or for booleans and enums a
 * list of their words (`true,false`, `sgd,adam`). Each value is converted by the option's type; an
 * integer option takes integers only. Errors name the option, the text and what was expected.
 */
export function parseGridValues(option: GridOption, text: string): unknown[] {
  const where = `values of ${option.name} (${JSON.stringify(text)})`;
  const spaced = /^(logspace|linspace):(.*)$/.exec(text.trim());
  if (spaced) {
    const [, kind, rest] = spaced as unknown as [string, 'logspace' | 'linspace', string];
    if (option.type !== 'number' && option.type !== 'integer') {
      throw new TuningInputError(
        `${where}: ${kind} makes numbers, but ${option.name} is ${describeType(option)}`,
      );
    }
    const parts = rest.split(':');
    const [start, stop, count] = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    if (
      parts.length !== 3 ||
      !Number.isFinite(start) ||
      !Number.isFinite(stop) ||
      !Number.isInteger(count) ||
      (count as number) < 1
    ) {
      throw new TuningInputError(
        `${where}: expected ${kind}:<start>:<stop>:<count> with numbers and a count ≥ 1 (e.g. ${kind}:-3:2:6), found ${JSON.stringify(text)}`,
      );
    }
    const values = evenlySpaced(start as number, stop as number, count as number).map((v) =>
      kind === 'logspace' ? 10 ** v : v,
    );
    return values.map((v) => {
      const clean = Number(v.toPrecision(12));
      if (option.type === 'integer' && !Number.isInteger(clean)) {
        throw new TuningInputError(
          `${where}: ${option.name} takes integers, but ${kind} gives ${clean}`,
        );
      }
      return clean;
    });
  }
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new TuningInputError(
      `${where}: expected a comma-separated list of values (or logspace:/linspace:), found an empty item`,
    );
  }
  return items.map((item) => convert(option, item, where));
}

/** `count` evenly spaced numbers from start to stop, both included (numpy.linspace). */
function evenlySpaced(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  const step = (stop - start) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : start + i * step));
}

function convert(option: GridOption, item: string, where: string): unknown {
  switch (option.type) {
    case 'number':
    case 'integer': {
      const value = Number(item);
      if (!Number.isFinite(value) || (option.type === 'integer' && !Number.isInteger(value))) {
        throw new TuningInputError(
          `${where}: expected ${describeType(option)}, found ${JSON.stringify(item)}`,
        );
      }
      return value;
    }
    case 'boolean':
      if (item === 'true') return true;
      if (item === 'false') return false;
      throw new TuningInputError(`${where}: expected true or false, found ${JSON.stringify(item)}`);
    case 'enum': {
      const choice = option.choices?.find((c) => String(c) === item);
      if (choice === undefined) {
        throw new TuningInputError(
          `${where}: expected one of ${(option.choices ?? []).join(', ')}, found ${JSON.stringify(item)}`,
        );
      }
      return choice;
    }
    case 'string':
      return item;
    default:
      try {
        return JSON.parse(item) as unknown;
      } catch {
        throw new TuningInputError(`${where}: expected JSON values, found ${JSON.stringify(item)}`);
      }
  }
}

function describeType(option: GridOption): string {
  switch (option.type) {
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${(option.choices ?? []).join(', ')}`;
    default:
      return option.type === 'string' ? 'text' : 'JSON';
  }
}
