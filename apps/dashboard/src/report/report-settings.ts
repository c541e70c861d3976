import type { OptionDescription } from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import type { HeldOutImages, ReportSetting } from '@digitlab/report';
import { formatOptionValue } from '../view-models/header-model.js';
import { kebabCase } from '../view-models/kebab-case.js';

/**
 * One settings row per classifier option, named as its command-line flag (`max-iter`). As in the
 * header, an option that belongs to other solvers than the one in use (SGD's momentum in an
 * L-BFGS run) is left out; the schema's metadata says which, not the option's name.
 */
export function optionSettings(
  options: Readonly<Record<string, unknown>>,
  descriptions: readonly OptionDescription[] = [],
  optimizer?: string,
): ReportSetting[] {
  const described = new Map(descriptions.map((d) => [d.name, d]));
  return Object.entries(options)
    .filter(([name, value]) => {
      const solvers = described.get(name)?.solvers;
      const otherSolver =
        solvers !== undefined && optimizer !== undefined && !solvers.includes(optimizer);
      return value !== undefined && !otherSolver;
    })
    .map(([name, value]) => ({ name: kebabCase(name), value: formatOptionValue(value) }));
}

/** The held-out images for the mistakes figure, when the samples are 2-D images. */
export function heldOutImages(test: Dataset): HeldOutImages | undefined {
  const [height, width, ...rest] = test.imageShape;
  if (height === undefined || width === undefined || rest.length > 0) return undefined;
  return { values: test.features, shape: [height, width] };
}

/** A count with thousands grouped, as the report writes them: 10,000. */
export function groupThousands(n: number): string {
  return n.toLocaleString('en-US');
}
