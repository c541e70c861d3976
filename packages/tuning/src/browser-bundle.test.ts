import { expectBrowserBundle } from '@digitlab/bundle-check';
import { it } from 'vitest';

it('the main entry bundles for the browser without importing a Node built-in', async () => {
  await expectBrowserBundle(new URL('../dist/index.js', import.meta.url));
});
