import { RedisStore } from '../store/redisStore.js';
import type { Store } from '../store/store.js';
import { localLimiters, type Clock, type RateLimiters } from './rateLimiter.js';
import { sharedLimiters } from './sharedRateLimiter.js';

/**
 * The rate limits go where the state goes: with a Redis store every instance on that Redis shares one
 * budget per API; with memory or SQLite (one instance) they are kept in this process.
 */
export function limitersFor(store: Store, clock: Clock): RateLimiters {
  return store instanceof RedisStore ? sharedLimiters(store.client, `${store.prefix}rate:`, clock) : localLimiters(clock);
}
