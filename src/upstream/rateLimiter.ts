import type { RateWindow } from './limits.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * What every outgoing call waits on. Two implementations: SlidingWindowLimiter in this process (memory
 * and SQLite stores: one instance), and the shared one in Redis (sharedRateLimiter.ts) when the store is
 * Redis, so that several instances together stay under the platform's limits.
 */
export interface RateLimiter {
  /** Resolves when the caller may start one call. */
  acquire(): Promise<void>;
  /** Pushes every window's next free slot to at least `untilMs` (the server asked us to wait). */
  pauseUntil(untilMs: number): void;
  /** About how long a call asked for now would wait (for the "queued" card; an estimate, never a promise). */
  expectedWaitMs(): number;
}

/** Makes the limiter of one API or one key (`name`) with its windows; a name always gets the same budget. */
export type RateLimiters = (name: string, windows: RateWindow[]) => RateLimiter;

/** Limiters of this process only. */
export const localLimiters = (clock: Clock = realClock): RateLimiters => (_name, windows) => new SlidingWindowLimiter(windows, clock);

/**
 * How much wider than the platform's each window is kept here. The limiter counts a call when it starts,
 * the platform when it arrives; a pair of calls one window apart at the start is answered 429 only when the
 * earlier one took longer to arrive than the later one by more than this margin. So it is sized by how
 * much that delay varies, not by the delay itself. Against the emulator (which counts at arrival) on a
 * shared 2-core machine under a load of 7–10, the delay from start to arrival measured 5 ms at the median,
 * 40 ms at p90, 150 ms at p99 and up to about 200 ms (the first burst after start-up the worst), and margins
 * of 50 and 100 ms were answered 429 there (`npm run bench -- status100k` prints how close the calls came).
 * The cost is margin ÷ window of throughput while a window binds: 200 ms is a sixth of a 1 s window,
 * 0.3% of a minute's.
 */
export const ARRIVAL_MARGIN_MS = 200;

/** A window as the limiter keeps it: widened by the margin (at most a fifth of the window, for short ones). */
export const spanOf = (w: RateWindow, marginMs = ARRIVAL_MARGIN_MS): number => w.windowMs + Math.min(marginMs, w.windowMs / 5);

/**
 * Sliding-window limiter over several windows at once ("1000/min and 50/s"): a call starts only when
 * every window has room, and its start time is recorded in all of them together. Chained single-window
 * limiters cannot give this guarantee, because the first one releases calls the second then bunches up.
 * Each window is kept a little wider than the platform's (ARRIVAL_MARGIN_MS).
 */
export class SlidingWindowLimiter implements RateLimiter {
  private readonly starts: number[] = [];
  private readonly longest: number;
  private tail: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  /** Callers that asked for a turn and have not started yet (the one whose turn it is included). */
  private waiting = 0;

  constructor(
    private readonly windows: RateWindow[],
    private readonly clock: Clock = realClock,
    private readonly marginMs = ARRIVAL_MARGIN_MS,
  ) {
    this.longest = Math.max(0, ...windows.map((w) => this.span(w)));
  }

  private span(w: RateWindow): number {
    return spanOf(w, this.marginMs);
  }

  /** Resolves when the caller may start one call. Callers are served in arrival order. */
  acquire(): Promise<void> {
    this.waiting++;
    const turn = this.tail.then(async () => {
      try {
        await this.waitForRoom();
      } finally {
        this.waiting--;
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /**
   * How long a call asked for now would wait for its turn, behind the callers already waiting: an
   * estimate (the windows as they stand), so that a caller can say it is queued before it waits.
   */
  expectedWaitMs(): number {
    const now = this.clock.now();
    const starts = this.starts.filter((s) => s > now - this.longest);
    let at = now;
    for (let ahead = 0; ahead <= this.waiting; ahead++) {
      for (let wait = this.waitAt(starts, at); wait > 0; wait = this.waitAt(starts, at)) at += wait;
      starts.push(at);
    }
    return at - now;
  }

  /** Pushes every window's next free slot to at least `untilMs` (the server asked us to wait). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** How long a call at `now` must wait, given the starts recorded (oldest first); 0 or less: none. */
  private waitAt(starts: readonly number[], now: number): number {
    let waitMs = this.pausedUntil - now;
    for (const w of this.windows) {
      const span = this.span(w);
      const inWindow = starts.filter((s) => s > now - span);
      if (inWindow.length >= w.limit) {
        const oldestThatMustLeave = inWindow[inWindow.length - w.limit] as number;
        waitMs = Math.max(waitMs, oldestThatMustLeave + span - now);
      }
    }
    return waitMs;
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.longest) this.starts.shift();
      const waitMs = this.waitAt(this.starts, now);
      if (waitMs <= 0) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(waitMs);
    }
  }
}
