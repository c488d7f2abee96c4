import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateWindow } from './limits.js';
import { realClock, SlidingWindowLimiter, spanOf, type CallAnswered, type Clock, type RateLimiter, type RateLimiters } from './rateLimiter.js';

/**
 * rate-limiter-flexible's Redis limiter with a sliding window instead of its fixed one: a fixed window
 * lets a full budget through at the end of one window and another at the start of the next (twice the
 * limit within one second), which a platform counting a sliding window answers with 429. The script
 * keeps each window's call starts in a sorted set, timed by Redis's own clock (every instance agrees), and
 * admits a call only while the window holds fewer than its limit. ARGV (rate-limiter-flexible's): points
 * asked, whole seconds (only a sign to the library that there is a window), the limit, the window in
 * seconds (fractional). Returns {calls counted, ms before the next slot}.
 */
const SLIDING_WINDOW = `
if redis.replicate_commands then redis.replicate_commands() end
local key, limit = KEYS[1], tonumber(ARGV[3])
local span = math.floor(tonumber(ARGV[4]) * 1000)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - span)
local count = redis.call('ZCARD', key)
if count < limit then
  local seq = redis.call('INCR', key .. ':seq')
  redis.call('PEXPIRE', key .. ':seq', span)
  redis.call('ZADD', key, now, now .. '-' .. seq)
  redis.call('PEXPIRE', key, span)
  return {count + 1, span}
end
local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
return {limit + 1, math.max(1, tonumber(oldest[2]) + span - now)}
`;

/**
 * The margin of the shared windows. Redis keeps only each call's start (the instances do not share what
 * their answers tell, as SlidingWindowLimiter learns from them), so the margin must cover the variation of
 * the delay from start to arrival itself: up to about 200 ms measured against the emulator on a loaded
 * 2-core machine (the Redis round trip before the call adds a millisecond or so).
 */
export const SHARED_MARGIN_MS = 200;

/** Nothing to learn from an answer: Redis has the start. */
const NOTHING_TO_LEARN: CallAnswered = () => undefined;

/**
 * One API's (or key's) budget shared by every instance on one Redis: every window must admit the call,
 * the shortest asked first, so that a refusal by a longer window wastes only a short window's slot, which
 * is back within a second. While Redis does not answer, each instance falls back to pacing itself alone
 * (SlidingWindowLimiter): the calls go on, at worst the instances together exceed the limit and are
 * answered 429, which the retry loop sits out.
 */
export class SharedWindowLimiter implements RateLimiter {
  private readonly windows: RateLimiterRedis[];
  /**
   * The library runs a custom script only for a window of a second or more (it passes whole seconds);
   * the script reads the exact window from the limiter's own duration.
   */
  private readonly wholeSeconds: number;
  private readonly fallback: SlidingWindowLimiter;
  private readonly pauseKey: string;
  private tail: Promise<unknown> = Promise.resolve();
  private pausedUntil = 0;
  /** Until when the shared windows last told this process to wait. */
  private busyUntil = 0;

  constructor(
    private readonly client: Redis,
    prefix: string,
    private readonly name: string,
    windows: RateWindow[],
    private readonly clock: Clock = realClock,
  ) {
    this.windows = [...windows]
      .sort((a, b) => a.windowMs - b.windowMs)
      .map((w) => new RateLimiterRedis({
        storeClient: client, keyPrefix: `${prefix}${w.limit}per${w.windowMs}`, points: w.limit, duration: spanOf(w, SHARED_MARGIN_MS) / 1000,
        customIncrTtlLuaScript: SLIDING_WINDOW,
      }));
    this.wholeSeconds = Math.max(1, ...windows.map((w) => Math.ceil(spanOf(w, SHARED_MARGIN_MS) / 1000)));
    this.fallback = new SlidingWindowLimiter(windows, clock);
    this.pauseKey = `${prefix}pause:${name}`;
  }

  /** Callers of this process are served in arrival order, as by the local limiter. */
  acquire(): Promise<CallAnswered> {
    const turn = this.tail.then(() => this.waitForRoom());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Pauses this API for every instance (a key that expires at the time the server gave). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.fallback.pauseUntil(untilMs);
    const ms = Math.ceil(untilMs - this.clock.now());
    if (ms > 0) this.client.set(this.pauseKey, '1', 'PX', ms).catch(() => undefined);
  }

  /**
   * This process's view of the shared windows: the pause the server asked for, or the wait Redis last
   * gave one of its callers. Other instances' calls since then are not seen, so it can only under-estimate.
   */
  expectedWaitMs(): number {
    const now = this.clock.now();
    return Math.max(0, this.pausedUntil - now, this.busyUntil - now, this.fallback.expectedWaitMs());
  }

  private async waitForRoom(): Promise<CallAnswered> {
    for (;;) {
      const localWait = this.pausedUntil - this.clock.now();
      if (localWait > 0) await this.clock.sleep(localWait);
      let waitMs: number;
      try {
        waitMs = await this.tryOnce();
      } catch {
        return this.fallback.acquire();
      }
      if (waitMs <= 0) return NOTHING_TO_LEARN;
      this.busyUntil = this.clock.now() + waitMs;
      await this.clock.sleep(waitMs);
    }
  }

  /** 0 when every window admitted the call; otherwise how long to wait before asking again. */
  private async tryOnce(): Promise<number> {
    const paused = await this.client.pttl(this.pauseKey);
    if (paused > 0) return paused;
    for (const window of this.windows) {
      try {
        await window.consume(this.name, 1, { customDuration: this.wholeSeconds });
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(1, err.msBeforeNext);
        throw err;
      }
    }
    return 0;
  }
}

/** Limiters shared through Redis by every instance whose store is that Redis. */
export const sharedLimiters = (client: Redis, prefix: string, clock: Clock = realClock): RateLimiters =>
  (name, windows) => (windows.length === 0 ? new SlidingWindowLimiter([], clock) : new SharedWindowLimiter(client, prefix, name, windows, clock));
