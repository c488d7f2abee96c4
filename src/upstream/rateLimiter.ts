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
 * Sliding-window limiter over several windows at once ("1000/min and 50/s"): a call starts only when
 * every window has room, and its start time is recorded in all of them together. Chained single-window
 * limiters cannot give this guarantee, because the first one releases calls the second then bunches up.
 * Each window is widened by a margin (at most a fifth of the window): a call's start here and its
 * arrival at the server differ by a variable delay (50–230 ms measured in the status benchmark, the first
 * burst after start-up the worst), and a burst that arrives early is answered 429 and costs a second.
 */
export const DEFAULT_MARGIN_MS = 200;

/** A window as the limiter keeps it: widened by the margin (at most a fifth of the window). */
export const spanOf = (w: RateWindow, marginMs = DEFAULT_MARGIN_MS): number => w.windowMs + Math.min(marginMs, w.windowMs / 5);

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
    private readonly marginMs = DEFAULT_MARGIN_MS,
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
