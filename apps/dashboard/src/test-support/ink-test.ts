import { stripVTControlCharacters } from 'node:util';
import { expect, vi } from 'vitest';

/** Lets Ink's effects and redraws run; `useInput` subscribes in an effect, so tick before keys. */
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** A frame as the user reads it, escapes removed. */
export const strip = (frame: string | undefined) => stripVTControlCharacters(frame ?? '');

/**
 * How long a test waits for Ink to draw what it expects. A fixed tick is enough on an idle
 * machine but not on a loaded one; polling the frame costs a passing test nothing.
 */
export const WAIT_MS = 10_000;

/** Polls until `done` holds; fails after `timeout` ms. */
export function waitUntil(done: () => boolean, what: string, timeout = WAIT_MS): Promise<void> {
  return vi.waitFor(
    () => {
      if (!done()) throw new Error(`timed out after ${timeout} ms waiting until ${what}`);
    },
    { timeout, interval: 10 },
  );
}

/**
 * Polls `frame` until it shows `expected` and resolves with that frame; fails with the last frame
 * drawn when `timeout` ms pass first.
 */
export function frameShowing(
  frame: () => string,
  expected: string | RegExp,
  timeout = WAIT_MS,
): Promise<string> {
  return vi.waitFor(
    () => {
      const text = frame();
      if (typeof expected === 'string') expect(text).toContain(expected);
      else expect(text).toMatch(expected);
      return text;
    },
    { timeout, interval: 10 },
  );
}

const mounted: (() => void)[] = [];

/** Has `unmountAll` unmount `app`; returns it. */
export function unmountLater<T extends { unmount: () => void }>(app: T): T {
  mounted.push(app.unmount);
  return app;
}

/** Unmounts every app given to `unmountLater`: `afterEach(unmountAll)`. */
export function unmountAll(): void {
  for (const unmount of mounted.splice(0)) unmount();
}
