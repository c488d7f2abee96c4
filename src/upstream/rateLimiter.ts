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
  /** Resolves when the caller may start one call, with what to call once that call has its answer. */
  acquire(): Promise<CallAnswered>;
  /** Pushes every window's next free slot to at least `untilMs` (the server asked us to wait). */
  pauseUntil(untilMs: number): void;
  /** About how long a call asked for now would wait (for the "queued" card; an estimate, never a promise). */
  expectedWaitMs(): number;
}

/** Tells a limiter that the call it let start has its answer (or failed): see SlidingWindowLimiter. */
export type CallAnswered = () => void;

/** Makes the limiter of one API or one key (`name`) with its windows; a name always gets the same budget. */
export type RateLimiters = (name: string, windows: RateWindow[]) => RateLimiter;

/** Limiters of this process only. */
export const localLimiters = (clock: Clock = realClock): RateLimiters => (_name, windows) => new SlidingWindowLimiter(windows, clock);

/**
 * How much wider than the platform's each window is kept here. The limiter counts a call when it starts,
 * the platform when it arrives; a pair of calls one window apart at the start is answered 429 only when the
 * earlier one took longer to arrive than the later one by more than the margin. So it is sized by how
 * much that delay varies, not by the delay itself, and the large variations are learnt from the answers
 * (see SlidingWindowLimiter): what is left is the way out of the fastest call (under a millisecond over
 * loopback, half the round trip to the platform, a few tens of ms) and calls not yet answered when the next
 * one is due. The cost is margin ÷ window of throughput while a window binds: 50 ms is 5% of a 1 s window,
 * less than 0.1% of a minute's.
 */
export const ARRIVAL_MARGIN_MS = 50;

/** A window as the limiter keeps it: widened by the margin (at most a fifth of the window, for short ones). */
export const spanOf = (w: RateWindow, marginMs = ARRIVAL_MARGIN_MS): number => w.windowMs + Math.min(marginMs, w.windowMs / 5);

/**
 * What a quick round trip is: the 5th percentile of the latest 200 answered calls, not the fastest one,
 * so that one answer much quicker than the rest (a refusal from a gateway) does not make every call count
 * as late. Until 20 calls have been answered there is no telling, and a call counts from its answer (the
 * first calls after start-up, on new connections, are also the ones most held up on their way out). A call
 * quicker than that is counted from its start; the margin covers the difference.
 */
const QUICK_PERCENTILE = 0.05;
const ROUND_TRIPS_KEPT = 200;
const ROUND_TRIPS_NEEDED = 20;

/** A call counted in the windows: when it started, and the latest it can have reached the server. */
interface Counted {
  startedAt: number;
  /** Its start until it is answered (see SlidingWindowLimiter). */
  latestArrival: number;
}

/**
 * Sliding-window limiter over several windows at once ("1000/min and 50/s"): a call starts only when
 * every window has room, and its start time is recorded in all of them together. Chained single-window
 * limiters cannot give this guarantee, because the first one releases calls the second then bunches up.
 * Each window is kept a little wider than the platform's (ARRIVAL_MARGIN_MS).
 *
 * A call is counted from the latest time it can have reached the server: its start, moved on by as much as
 * its round trip took longer than a quick one (the way back and the server's own time take about that at
 * least). A call held up on its way out (a busy CPU, a new connection) has a long round trip,
 * and so the call one window after it waits for that much longer; measured against the emulator on a
 * loaded 2-core machine, such delays reach 200 ms while the median is 5 ms, so a fixed margin either wastes
 * a fifth of a 1 s window or lets 429s through. A slow answer moves a call on too, which only costs
 * throughput while the window binds, and a slow server makes the window bind less.
 */
export class SlidingWindowLimiter implements RateLimiter {
  private counted: Counted[] = [];
  /** The round trips of the latest answered calls (see QUICK_PERCENTILE). */
  private readonly roundTrips: number[] = [];
  private readonly longest: number;
  private tail: Promise<unknown> = Promise.resolve();
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
  acquire(): Promise<CallAnswered> {
    this.waiting++;
    const turn = this.tail.then(async () => {
      try {
        return await this.waitForRoom();
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
    const starts = this.arrivals().filter((s) => s > now - this.longest);
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

  /** Records an answered call's round trip, and so the latest it can have reached the server. */
  private answered(call: Counted, roundTripMs: number): void {
    this.roundTrips.push(roundTripMs);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
    const sorted = [...this.roundTrips].sort((a, b) => a - b);
    const quickMs = sorted.length < ROUND_TRIPS_NEEDED ? 0 : (sorted[Math.floor(sorted.length * QUICK_PERCENTILE)] as number);
    call.latestArrival = call.startedAt + Math.max(0, roundTripMs - quickMs);
  }

  /** The latest arrivals, oldest first. */
  private arrivals(): number[] {
    return this.counted.map((c) => c.latestArrival).sort((a, b) => a - b);
  }

  /** How long a call at `now` must wait, given the arrivals counted (oldest first); 0 or less: none. */
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

  private async waitForRoom(): Promise<CallAnswered> {
    for (;;) {
      const now = this.clock.now();
      if (this.counted.length > 0 && (this.counted[0] as Counted).startedAt <= now - this.longest) this.forget(now);
      const waitMs = this.waitAt(this.arrivals(), now);
      if (waitMs <= 0) {
        const call: Counted = { startedAt: now, latestArrival: now };
        if (this.windows.length > 0) this.counted.push(call);
        return () => this.answered(call, this.clock.now() - now);
      }
      await this.clock.sleep(waitMs);
    }
  }

  /** Drops the calls that have left every window (counted from their latest arrival). */
  private forget(now: number): void {
    this.counted = this.counted.filter((c) => c.latestArrival > now - this.longest);
  }
}
