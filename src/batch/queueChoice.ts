import type { Logger } from '../observe/log.js';
import { RedisStore } from '../store/redisStore.js';
import type { Store } from '../store/store.js';
import { BullQueue } from './bullQueue.js';
import { InProcessQueue } from './inProcessQueue.js';
import type { JobQueue, QueueHooks } from './jobQueue.js';

/**
 * The jobs go where the state goes: with a Redis store they are shared by every instance on that Redis
 * (BullMQ: one runs each job, another takes it over when it dies); with memory or SQLite (one instance)
 * they run in this process.
 */
export function queueFor(store: Store, log: Logger, hooks: QueueHooks): JobQueue {
  if (!(store instanceof RedisStore)) return new InProcessQueue(store, log, hooks);
  // BullMQ blocks on its connections and retries by itself: no command timeout, no per-request retry limit.
  const connection = store.client.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, commandTimeout: undefined });
  return new BullQueue({ connection, prefix: `${store.prefix}bull`, store, log, hooks });
}
