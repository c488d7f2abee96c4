import type { Logger } from '../observe/log.js';
import type { BatchObserver, Metrics } from '../observe/metrics.js';
import { callUpstream, DEFAULT_RETRY, type CallDeps, type Outcome, type RetryPolicy } from './callUpstream.js';
import { limitOf } from './limits.js';
import { localLimiters, realClock, type Clock, type RateLimiter, type RateLimiters } from './rateLimiter.js';

/** What every third-party client is built with (tests pass a clock, randomness and a fast retry policy). */
export interface ThirdPartyDeps {
  log: Logger;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  metrics?: Metrics;
  /** Where the rate limits are kept (default: this process). */
  limiters?: RateLimiters;
}

/**
 * The plumbing third-party clients share: one sliding-window limiter per API (rates from limits.ts), the
 * common retry loop, at most one credential refresh per call, and a log line per retry. Each client keeps
 * only what is its own: how a request is built and how an answer is judged.
 */
export class VendorCalls {
  readonly deps: CallDeps;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly makeLimiter: RateLimiters;

  constructor(
    private readonly vendor: string,
    private readonly log: Logger,
    deps: Omit<ThirdPartyDeps, 'log'>,
  ) {
    this.deps = { clock: deps.clock ?? realClock, random: deps.random ?? Math.random, retry: deps.retry ?? DEFAULT_RETRY, metrics: deps.metrics };
    this.makeLimiter = deps.limiters ?? localLimiters(this.deps.clock);
  }

  /** Counts the items of a batch made of these calls (metrics), by the batch's kind. */
  observeBatch(kind: string): BatchObserver | undefined {
    return this.deps.metrics?.batchObserver(kind);
  }

  /** `refreshAuth` drops the credential the vendor refused; absent for calls that carry none (token calls). */
  run<T>(api: string, attempt: () => Promise<Outcome<T>>, refreshAuth?: () => void): Promise<T> {
    return callUpstream(api, attempt, this.deps, {
      limiter: this.limiterFor(api),
      refreshAuth,
      onRetry: ({ attempt: n, delayMs, error }) => this.log.warn({ api, attempt: n, delayMs, code: error.code }, `retrying ${this.vendor} call`),
    });
  }

  /** About how long a call of `api` asked for now would wait for its rate window (for the queued card). */
  expectedWaitMs(api: string): number {
    return this.limiterFor(api).expectedWaitMs();
  }

  private limiterFor(api: string): RateLimiter {
    let limiter = this.limiters.get(api);
    if (!limiter) this.limiters.set(api, (limiter = this.makeLimiter(api, limitOf(api).windows)));
    return limiter;
  }
}
