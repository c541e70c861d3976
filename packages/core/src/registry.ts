import { assertClassifierPlugin, type ClassifierPlugin } from './classifier-plugin.js';
import { DuplicatePluginError, UnknownPluginError } from './errors.js';

/** A set of classifier plugins keyed by name; every miss or clash is an error naming the known ones. */
export interface PluginRegistry {
  /** Add a plugin; throws if its name is taken or it is not a valid plugin. */
  register(plugin: ClassifierPlugin): void;
  /** The plugin with this name; throws `UnknownPluginError` listing the known names. */
  get(name: string): ClassifierPlugin;
  has(name: string): boolean;
  /** Registered plugins in registration order. */
  list(): readonly ClassifierPlugin[];
  names(): readonly string[];
}

/** A new, isolated registry (no globals), optionally pre-filled. */
export function createRegistry(plugins: readonly ClassifierPlugin[] = []): PluginRegistry {
  const byName = new Map<string, ClassifierPlugin>();
  const registry: PluginRegistry = {
    register(plugin) {
      assertClassifierPlugin(
        plugin,
        `plugin ${JSON.stringify((plugin as { name?: unknown })?.name ?? '(unnamed)')}`,
      );
      if (byName.has(plugin.name)) throw new DuplicatePluginError(plugin.name, [...byName.keys()]);
      byName.set(plugin.name, plugin);
    },
    get(name) {
      const plugin = byName.get(name);
      if (!plugin) throw new UnknownPluginError(name, [...byName.keys()]);
      return plugin;
    },
    has: (name) => byName.has(name),
    list: () => [...byName.values()],
    names: () => [...byName.keys()],
  };
  for (const plugin of plugins) registry.register(plugin);
  return registry;
}
