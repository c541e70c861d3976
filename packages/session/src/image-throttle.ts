/** When the session may take the model's images again. */
export interface ImageThrottle {
  /** Whether enough time has passed since the last take. */
  due(): boolean;
  /** Record a take that started at `startedAt` (the clock's time) and has just ended. */
  took(startedAt: number): void;
}

/** Limits on how often the session copies the model's images while training. */
export interface ImageThrottleOptions {
  /** At least this long between two takes. */
  readonly minIntervalMs: number;
  /** At most this share of the time goes to taking images (a slow `inspect` is taken less often). */
  readonly maxShare: number;
}

/**
 * A throttle for image takes: after a take of `cost` ms the next is due once both `minIntervalMs`
 * and the pause that keeps takes within `maxShare` of the time (cost × (1 − share) / share) have
 * passed. The first take is due at once.
 */
export function createImageThrottle(
  { minIntervalMs, maxShare }: ImageThrottleOptions,
  clock: { now(): number },
): ImageThrottle {
  if (!(maxShare > 0 && maxShare <= 1)) {
    throw new RangeError(`image throttle: expected maxShare in (0, 1], found ${maxShare}`);
  }
  let next = Number.NEGATIVE_INFINITY;
  return {
    due: () => clock.now() >= next,
    took(startedAt) {
      const end = clock.now();
      const cost = Math.max(0, end - startedAt);
      next = end + Math.max(minIntervalMs, (cost * (1 - maxShare)) / maxShare);
    },
  };
}
