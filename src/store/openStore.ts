import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Kind } from './kinds.js';
import { MemoryStore } from './memoryStore.js';
import { describeRedisUrl } from './redisConnection.js';
import { RedisStore, type RedisStoreOptions } from './redisStore.js';
import { SqliteStore } from './sqliteStore.js';
import type { StoreLocation } from './storeUrl.js';
import type { Store } from './store.js';

/** The WAL is checkpointed off the event loop this often (a few MB of WAL at most at 500 events/s). */
export const CHECKPOINT_EVERY_MS = 1000;

/** The store could not be opened at start-up: the message says where and why, for the operator. */
export class StoreOpenError extends Error {}

export interface OpenOptions {
  now?: () => number;
  bounds?: Partial<Record<Kind, number>>;
  onSweepError?: (err: unknown) => void;
  /** Redis only: the connection was lost or came back. */
  onConnection?: RedisStoreOptions['onConnection'];
}

/** Opens the store STORE_URL names; a SQLite file's directory is created on first start, Redis must answer. */
export async function openStore(location: StoreLocation, opts: OpenOptions = {}): Promise<Store> {
  if (location.backend === 'memory') return new MemoryStore({ now: opts.now, bounds: opts.bounds });
  if (location.backend === 'redis') return openRedis(location.url, opts);
  const path = resolve(location.path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    return new SqliteStore({ path, now: opts.now, bounds: opts.bounds, onSweepError: opts.onSweepError, checkpointEveryMs: CHECKPOINT_EVERY_MS });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreOpenError(`STORE_URL: cannot open the SQLite store at ${path}: ${reason}. Check that the directory is writable, or set another STORE_URL (sqlite:<path> or memory:).`);
  }
}

async function openRedis(url: string, opts: OpenOptions): Promise<Store> {
  try {
    return await RedisStore.open({ url, now: opts.now, bounds: opts.bounds, onSweepError: opts.onSweepError, onConnection: opts.onConnection });
  } catch (err) {
    // connectRedis has already blotted out the password; the address is shown without it.
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreOpenError(`STORE_URL: cannot reach Redis at ${describeRedisUrl(url)}: ${reason}. Check that Redis runs there and that the password and database are right.`);
  }
}
