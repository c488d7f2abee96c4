/**
 * Everything stateful the bot keeps (dedupe keys, jobs, button references, cursors) goes through this
 * interface, so that a persistent, shared implementation can replace the in-memory one without touching callers.
 */
export interface Store {
  /** What keeps the state ("memory", …), for the start-up banner and /healthz. */
  readonly kind: string;
  /** Resolves when the store can be used, throws when it cannot (readiness: GET /readyz). */
  ping(): Promise<void>;
  /** Atomically claims `key` for `ttlMs`. Returns true for the first claimer only, false while the claim lives. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Releases a claim so that the work can be tried again (for work that failed before it had any effect). */
  release(key: string): Promise<void>;
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** Dedupe keys outlive Feishu's whole re-delivery window (15 s, 5 min, 1 h, 6 h: about 7.1 h). */
export const DEDUPE_TTL_MS = 8 * HOUR;
/** Jobs and button references live as long as a 2.0 card can be interacted with. */
export const JOB_TTL_MS = 14 * DAY;
