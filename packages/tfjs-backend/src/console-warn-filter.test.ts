import { afterEach, describe, expect, it, vi } from 'vitest';
import { withConsoleWarnFilter } from './console-warn-filter.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('withConsoleWarnFilter', () => {
  it('drops only matching messages while running, then restores console.warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let bound: ((...args: unknown[]) => void) | undefined;
    const result = await withConsoleWarnFilter(
      (args) => args[0] === 'noise',
      async () => {
        console.warn('noise');
        console.warn('signal', 1);
        // What Emscripten does: keep a bound reference to whatever console.warn is now.
        bound = console.warn.bind(console);
        return 42;
      },
    );
    expect(result).toBe(42);
    expect(console.warn).toBe(warn);
    expect(warn.mock.calls).toEqual([['signal', 1]]);
    bound?.('noise');
    expect(warn.mock.calls).toEqual([['signal', 1], ['noise']]);
  });

  it('restores console.warn when the function throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(
      withConsoleWarnFilter(
        () => true,
        async () => {
          throw new Error('boom');
        },
      ),
    ).rejects.toThrow('boom');
    expect(console.warn).toBe(warn);
  });

  it('leaves a console.warn that someone else installed meanwhile in place', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const theirs = vi.fn();
    await withConsoleWarnFilter(
      () => true,
      async () => {
        console.warn = theirs;
      },
    );
    expect(console.warn).toBe(theirs);
  });
});
