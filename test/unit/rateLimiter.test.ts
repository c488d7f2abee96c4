import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, spanOf, type Clock } from '../../src/upstream/rateLimiter.js';
import type { RateWindow } from '../../src/upstream/limits.js';

/** Virtual time: sleeping advances the clock instantly, so minutes of traffic take milliseconds. */
function fakeClock(start = 1_000_000): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += Math.max(0, ms);
    },
  };
  return c;
}

/** The largest number of starts inside any window of `windowMs` (half-open, like the server counts). */
function maxInAnyWindow(starts: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while ((starts[i] as number) - (starts[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function run(windows: RateWindow[], calls: number, jitter?: () => number) {
  const clock = fakeClock();
  const limiter = new SlidingWindowLimiter(windows, clock);
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: calls }, async () => {
      await limiter.acquire();
      starts.push(clock.now());
      if (jitter) clock.t += jitter();
    }),
  );
  return { starts, clock };
}

describe('SlidingWindowLimiter', () => {
  it('never starts more than N calls in any window', async () => {
    const { starts } = await run([{ limit: 5, windowMs: 1000 }], 40);
    expect(starts).toHaveLength(40);
    expect(maxInAnyWindow(starts, 1000)).toBe(5);
  });

  it('holds both windows at once ("1000/min and 50/s")', async () => {
    const { starts } = await run([{ limit: 1000, windowMs: 60_000 }, { limit: 50, windowMs: 1000 }], 2500);
    expect(maxInAnyWindow(starts, 1000)).toBeLessThanOrEqual(50);
    expect(maxInAnyWindow(starts, 60_000)).toBeLessThanOrEqual(1000);
    // And it does not waste capacity: the last 500 calls start right after the second minute (each window
    // widened by the margin), in 10 bursts of 50, one per widened second.
    const [minute, second] = [spanOf({ limit: 1000, windowMs: 60_000 }), spanOf({ limit: 50, windowMs: 1000 })];
    const span = (starts.at(-1) as number) - (starts[0] as number);
    expect(span).toBeGreaterThanOrEqual(2 * minute + 9 * second);
    expect(span).toBeLessThan(2 * minute + 9 * second + 200);
  });

  it('keeps the limit when calls start at irregular times', async () => {
    let x = 7;
    const jitter = () => (x = (x * 7919) % 997) % 37;
    const { starts } = await run([{ limit: 100, windowMs: 60_000 }, { limit: 10, windowMs: 1000 }], 400, jitter);
    expect(maxInAnyWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(maxInAnyWindow(starts, 60_000)).toBeLessThanOrEqual(100);
  });

  it('serves callers in arrival order', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1000 }], clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => {
      await limiter.acquire();
      order.push(i);
    }));
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('waits until a server-given reset time before the next start', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter([{ limit: 100, windowMs: 1000 }], clock);
    await limiter.acquire();
    limiter.pauseUntil(clock.now() + 5000);
    await limiter.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(1_005_000);
  });

  describe('counting a call from the latest time it can have reached the server', () => {
    const WINDOW = { limit: 2, windowMs: 1000 };
    /** A limiter that has seen 20 calls answered in `quickMs` each, all out of the window again. */
    async function primed(quickMs: number) {
      const clock = fakeClock();
      const limiter = new SlidingWindowLimiter([WINDOW], clock);
      for (let i = 0; i < 20; i++) {
        const answered = await limiter.acquire();
        clock.t += quickMs;
        answered();
      }
      clock.t += 10 * WINDOW.windowMs;
      return { clock, limiter };
    }
    /** Two calls at once, answered after `a` and `b` ms; then when the third and the fourth may start. */
    async function afterAnswers(a: number, b: number) {
      const { clock, limiter } = await primed(50);
      const t0 = clock.now();
      const [first, second] = [await limiter.acquire(), await limiter.acquire()];
      clock.t = t0 + Math.min(a, b);
      (a <= b ? first : second)();
      clock.t = t0 + Math.max(a, b);
      (a <= b ? second : first)();
      await limiter.acquire();
      const third = clock.now() - t0;
      await limiter.acquire();
      return { third, fourth: clock.now() - t0 };
    }

    it('counts calls answered as quickly as usual from their start', async () => {
      expect(await afterAnswers(50, 50)).toEqual({ third: spanOf(WINDOW), fourth: spanOf(WINDOW) });
    });

    it('moves a call whose round trip took longer on by the difference: it may have arrived that late', async () => {
      // The second call took 200 ms longer than usual: it may have been held up on its way out, so the
      // server may count it 200 ms after its start. The third waits for the first only, the fourth for it.
      expect(await afterAnswers(50, 250)).toEqual({ third: spanOf(WINDOW), fourth: 200 + spanOf(WINDOW) });
      expect(await afterAnswers(250, 50)).toEqual({ third: spanOf(WINDOW), fourth: 200 + spanOf(WINDOW) });
    });

    it('counts a call from its answer while too few calls were answered to know what is usual', async () => {
      const clock = fakeClock();
      const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1000 }], clock);
      const answered = await limiter.acquire();
      clock.t += 80;
      answered();
      await limiter.acquire();
      expect(clock.now() - 1_000_000).toBe(80 + spanOf({ limit: 1, windowMs: 1000 }));
    });

    it('counts a call not answered yet from its start', async () => {
      const clock = fakeClock();
      const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1000 }], clock);
      await limiter.acquire();
      await limiter.acquire();
      expect(clock.now() - 1_000_000).toBe(spanOf({ limit: 1, windowMs: 1000 }));
    });
  });

  it('lets everything through when no limit is documented', async () => {
    const { starts, clock } = await run([], 100);
    expect(starts).toHaveLength(100);
    expect(clock.now()).toBe(1_000_000);
  });

  describe('expectedWaitMs', () => {
    it('is 0 with room, and the time until the oldest start leaves the widened window when full', async () => {
      const clock = fakeClock();
      const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1000 }], clock);
      expect(limiter.expectedWaitMs()).toBe(0);
      await limiter.acquire();
      expect(limiter.expectedWaitMs()).toBe(0);
      await limiter.acquire();
      // 1000 ms widened by the margin.
      const widened = spanOf({ limit: 2, windowMs: 1000 });
      expect(widened).toBeGreaterThan(1000);
      expect(limiter.expectedWaitMs()).toBe(widened);
      clock.t += 500;
      expect(limiter.expectedWaitMs()).toBe(widened - 500);
    });

    it('counts the callers already waiting, and matches when the next call really starts', async () => {
      const clock = fakeClock();
      const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 60_000 }], clock);
      await limiter.acquire();
      const queued = [limiter.acquire(), limiter.acquire()];
      const expected = limiter.expectedWaitMs();
      const minute = spanOf({ limit: 1, windowMs: 60_000 });
      expect(expected).toBe(3 * minute);
      const asked = clock.now();
      const mine = limiter.acquire();
      await Promise.all([...queued, mine]);
      expect(clock.now() - asked).toBe(expected);
      expect(limiter.expectedWaitMs()).toBe(minute);
    });

    it('honours a pause the server asked for, under every window', () => {
      const clock = fakeClock();
      const limiter = new SlidingWindowLimiter([{ limit: 100, windowMs: 60_000 }, { limit: 10, windowMs: 1000 }], clock);
      limiter.pauseUntil(clock.now() + 5000);
      expect(limiter.expectedWaitMs()).toBe(5000);
    });
  });
});
