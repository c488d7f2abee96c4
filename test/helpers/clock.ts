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
