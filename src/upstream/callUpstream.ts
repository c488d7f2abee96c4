import type { Metrics } from '../observe/metrics.js';
import type { UpstreamError } from './errors.js';
import { RATE_LIMIT_CODES } from './feishuOutcome.js';
import type { Clock, RateLimiter } from './rateLimiter.js';

/** What one attempt of an outgoing call came to, as judged by the client that made it. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: UpstreamError; retryAfterMs?: number; authExpired?: boolean };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest server-requested wait (x-ogw-ratelimit-reset) worth sitting out; longer → fail now (default 60 s). */
  maxServerWaitMs?: number;
}

const MAX_SERVER_WAIT_MS = 60_000;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 400, maxDelayMs: 15_000 };
export const REQUEST_TIMEOUT_MS = 10_000;

export interface CallDeps {
  clock: Clock;
  random: () => number;
  retry: RetryPolicy;
  metrics?: Metrics;
}

interface CallHooks {
  limiter?: RateLimiter;
  /** Drops the cached credential so that the next attempt fetches a new one. Called at most once a call. */
  refreshAuth?: () => void;
  onRetry?: (info: { api: string; attempt: number; delayMs: number; error: UpstreamError }) => void;
}

/** Full-jitter exponential backoff: a random delay in [0, min(max, base·2^n)]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * The one retry loop every outgoing call runs through: waits for the rate limiter, retries transient
 * failures with jittered backoff (or the server's own reset time), refreshes an expired credential once,
 * and throws a typed UpstreamError for everything else: marked ambiguous when any attempt's answer was lost
 * after sending (the call may have been carried out).
 */
export async function callUpstream<T>(
  api: string,
  attempt: () => Promise<Outcome<T>>,
  deps: CallDeps,
  hooks: CallHooks = {},
): Promise<T> {
  let refreshed = false;
  // One lost answer is enough: a later attempt refused before it was sent does not undo what it may have done.
  let lostAnswer = false;
  const failure = (e: UpstreamError) => (lostAnswer ? e.asAmbiguous() : e);
  for (let n = 0; ; ) {
    const waitStart = deps.metrics && deps.clock.now();
    const answered = await hooks.limiter?.acquire();
    if (deps.metrics) deps.metrics.limiterWaited(api, (deps.clock.now() - (waitStart as number)) / 1000);
    let outcome: Outcome<T>;
    try {
      outcome = await attempt();
    } finally {
      answered?.();
    }
    deps.metrics?.upstreamCall(api, outcome.ok ? 0 : outcome.error.code);
    if (outcome.ok) return outcome.value;
    lostAnswer ||= outcome.error.ambiguous;
    if (isRateLimited(outcome.error)) deps.metrics?.upstreamRateLimited(api);
    if (outcome.authExpired && hooks.refreshAuth && !refreshed) {
      refreshed = true;
      hooks.refreshAuth();
      continue;
    }
    n++;
    if (!outcome.error.transient || n >= deps.retry.attempts) throw failure(outcome.error);
    if ((outcome.retryAfterMs ?? 0) > (deps.retry.maxServerWaitMs ?? MAX_SERVER_WAIT_MS)) throw failure(outcome.error);
    const delayMs = outcome.retryAfterMs ?? backoffMs(n - 1, deps.retry, deps.random);
    if (outcome.retryAfterMs !== undefined) hooks.limiter?.pauseUntil(deps.clock.now() + outcome.retryAfterMs);
    hooks.onRetry?.({ api, attempt: n, delayMs, error: outcome.error });
    deps.metrics?.upstreamRetry(api);
    await deps.clock.sleep(delayMs);
  }
}

/** HTTP 429 from any platform, or one of Feishu's "slow down" codes. */
const isRateLimited = (e: UpstreamError) => e.httpStatus === 429 || RATE_LIMIT_CODES.has(Number(e.code));
