import { LRUCache } from 'lru-cache';
import type { Store } from './store.js';

interface Options {
  maxEntries?: number;
  now?: () => number;
}

/** A bounded in-process store: oldest entries are evicted past `maxEntries`, each entry expires on its own TTL. */
export class MemoryStore implements Store {
  readonly kind: string = 'memory';
  private readonly cache: LRUCache<string, { value: unknown }>;

  constructor({ maxEntries = 100_000, now = Date.now }: Options = {}) {
    // ttlResolution 0: ask the clock every time (the default caches "now" for 1 ms of real time, which
    // makes an injected clock's jumps invisible, e.g. "once a day" with a test clock).
    this.cache = new LRUCache({ max: maxEntries, ttlAutopurge: false, ttlResolution: 0, perf: { now } });
  }

  /** Always reachable: it lives in this process. */
  async ping(): Promise<void> {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.cache.has(key)) return false;
    this.cache.set(key, { value: true }, { ttl: ttlMs });
    return true;
  }

  async release(key: string): Promise<void> {
    this.cache.delete(key);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.cache.get(key)?.value as T | undefined;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.cache.set(key, { value }, { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.cache.delete(key);
  }
}
