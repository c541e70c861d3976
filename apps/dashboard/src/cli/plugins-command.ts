import type { PluginRegistry } from '@digitlab/core';
import { describeOptions } from '@digitlab/core';
import { kebabCase } from '../view-models/kebab-case.js';
import { type CliIo, writeLine } from './cli-io.js';
import { appFlagFor, valuePlaceholder } from './plugin-flags.js';

/** `digitlab plugins`: each registered classifier with its options (flag, type, default, description). */
export function runPlugins(registry: PluginRegistry, io: CliIo, json = false): number {
  const plugins = registry.list().map((plugin) => ({
    name: plugin.name,
    description: plugin.description,
    options: describeOptions(plugin.options).map((d) => ({
      name: d.name,
      flag: appFlagFor(d) ?? `--${kebabCase(d.name)}`,
      type: d.type,
      default: d.default ?? null,
      ...(d.choices ? { choices: d.choices } : {}),
      description: d.description ?? '',
      placeholder: valuePlaceholder(d),
    })),
  }));
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify(
        plugins.map((p) => ({ ...p, options: p.options.map(({ placeholder, ...o }) => o) })),
      ),
    );
    return 0;
  }
  for (const plugin of plugins) {
    writeLine(io.stdout, `${plugin.name} — ${plugin.description}`);
    const rows = plugin.options.map((o) => ({
      left: `  ${o.flag} ${o.placeholder}`,
      type: o.type,
      def:
        o.default === null
          ? '–'
          : typeof o.default === 'string'
            ? o.default
            : JSON.stringify(o.default),
      text: o.description,
    }));
    const leftWidth = Math.max(...rows.map((r) => r.left.length));
    const typeWidth = Math.max(4, ...rows.map((r) => r.type.length));
    const defWidth = Math.max(7, ...rows.map((r) => r.def.length));
    writeLine(
      io.stdout,
      `${'  flag'.padEnd(leftWidth)}  ${'type'.padEnd(typeWidth)}  ${'default'.padEnd(defWidth)}  description`,
    );
    for (const r of rows) {
      writeLine(
        io.stdout,
        `${r.left.padEnd(leftWidth)}  ${r.type.padEnd(typeWidth)}  ${r.def.padEnd(defWidth)}  ${r.text}`,
      );
    }
    writeLine(io.stdout);
  }
  return 0;
}
