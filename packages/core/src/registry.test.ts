import { describe, expect, it } from 'vitest';
import type { ClassifierPlugin } from './classifier-plugin.js';
import { DuplicatePluginError, InvalidPluginError, UnknownPluginError } from './errors.js';
import { createRegistry } from './registry.js';
import { centroidPlugin } from './testing/centroid-plugin.js';

describe('createRegistry', () => {
  it('registers, lists in order and gets plugins by name', () => {
    const a = centroidPlugin();
    const b = { ...centroidPlugin(), name: 'other' };
    const registry = createRegistry([a]);
    registry.register(b);
    expect(registry.names()).toEqual(['toy-centroid', 'other']);
    expect(registry.list()).toEqual([a, b]);
    expect(registry.get('other')).toBe(b);
    expect(registry.has('toy-centroid')).toBe(true);
    expect(registry.has('nope')).toBe(false);
  });

  it('rejects an unknown name with the known names in the message', () => {
    const registry = createRegistry([centroidPlugin(), { ...centroidPlugin(), name: 'knn' }]);
    expect(() => registry.get('svm')).toThrow(UnknownPluginError);
    expect(() => registry.get('svm')).toThrow(/unknown classifier 'svm'.*'toy-centroid', 'knn'/);
  });

  it('rejects a duplicate name and keeps the first plugin', () => {
    const first = centroidPlugin();
    const registry = createRegistry([first]);
    expect(() => registry.register(centroidPlugin())).toThrow(DuplicatePluginError);
    expect(() => registry.register(centroidPlugin())).toThrow(/already registered.*'toy-centroid'/);
    expect(registry.get('toy-centroid')).toBe(first);
  });

  it('rejects objects without the plugin shape, naming each missing part', () => {
    const registry = createRegistry();
    const broken = {
      name: 'x',
      description: 'd',
      options: {},
      create: () => undefined,
    } as unknown as ClassifierPlugin;
    expect(() => registry.register(broken)).toThrow(InvalidPluginError);
    expect(() => registry.register(broken)).toThrow(
      /"options" must be a zod schema.*"load" must be a function/,
    );
    expect(registry.names()).toEqual([]);
  });

  it('keeps registries isolated from each other', () => {
    const one = createRegistry([centroidPlugin()]);
    const two = createRegistry();
    expect(one.names()).toEqual(['toy-centroid']);
    expect(two.names()).toEqual([]);
  });
});
