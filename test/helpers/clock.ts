import type { Clock } from '../../src/upstream/rateLimiter.js';

/** Real time plus an offset the test can push forward (token expiry) without waiting. */
export function shiftableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/**
 * Virtual time for the bot and the emulator together: it stands still until someone sleeps, and a sleep
 * moves it on at once, so a minute's rate-limit wait takes no real time and its length is exact.
 */
export function virtualClock(start = Date.UTC(2026, 11, 1, 2, 0, 0)): Clock {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
    },
  };
}
