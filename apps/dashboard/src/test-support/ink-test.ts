import { stripVTControlCharacters } from 'node:util';

/** Lets Ink's effects and redraws run; `useInput` subscribes in an effect, so tick before keys. */
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** A frame as the user reads it, escapes removed. */
export const strip = (frame: string | undefined) => stripVTControlCharacters(frame ?? '');

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
