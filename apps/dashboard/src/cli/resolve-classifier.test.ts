import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClassifierPlugin } from '@digitlab/core';
import { createRegistry, InvalidPluginError, UnknownPluginError } from '@digitlab/core';
import { centroidPlugin } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import { APP_DIR } from '../test-support/run-cli.js';
import { resolveClassifier } from './resolve-classifier.js';

const registry = () => createRegistry([centroidPlugin() as unknown as ClassifierPlugin]);

describe('resolveClassifier', () => {
  it('returns a registered plugin by name', async () => {
    expect((await resolveClassifier('toy-centroid', registry())).name).toBe('toy-centroid');
  });

  it('imports a module path relative to cwd and calls a factory default export', async () => {
    const plugin = await resolveClassifier(
      './src/test-support/fixtures/mean-plugin.mjs',
      registry(),
      APP_DIR,
    );
    expect(plugin.name).toBe('fixture-mean');
  });

  it('names what it found when the default export is not a plugin', async () => {
    await expect(
      resolveClassifier('./src/test-support/fixtures/not-a-plugin.mjs', registry(), APP_DIR),
    ).rejects.toThrow(InvalidPluginError);
  });

  it('lists the registered names for an unknown name that is not an installed package', async () => {
    await expect(resolveClassifier('nonexistent-plugin-xyz', registry())).rejects.toThrow(
      UnknownPluginError,
    );
  });

  it('explains a module path that does not exist', async () => {
    await expect(resolveClassifier('./nowhere.js', registry(), APP_DIR)).rejects.toThrow(
      /could not load classifier module '\.\/nowhere\.js'/,
    );
  });

  it('imports an installed package by name, resolved from the working directory', async () => {
    // A project under the app directory, so the fixture's own `zod` import resolves as it would in
    // a real project that installed the plugin next to its dependencies.
    await mkdir(join(APP_DIR, 'test-results'), { recursive: true });
    const project = await mkdtemp(join(APP_DIR, 'test-results', 'project-'));
    try {
      const pkg = join(project, 'node_modules', 'digitlab-plugin-fixture');
      await mkdir(pkg, { recursive: true });
      await cp(join(APP_DIR, 'src/test-support/fixtures/mean-plugin.mjs'), join(pkg, 'index.mjs'));
      await writeFile(
        join(pkg, 'package.json'),
        JSON.stringify({ name: 'digitlab-plugin-fixture', type: 'module', exports: './index.mjs' }),
      );
      const plugin = await resolveClassifier('digitlab-plugin-fixture', registry(), project);
      expect(plugin.name).toBe('fixture-mean');
      await expect(
        resolveClassifier('digitlab-plugin-fixture', registry(), APP_DIR),
      ).rejects.toThrow(UnknownPluginError);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
