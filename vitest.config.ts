import { defineConfig } from 'vitest/config';

// Shared by every workspace: vitest finds this file from a package directory upward, and each
// package's `vitest run` still runs only that package's tests (the root is the working directory).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
