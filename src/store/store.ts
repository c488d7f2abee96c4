import type { Kind } from './kinds.js';

export { DAY, DEDUPE_TTL_MS, HOUR, INBOX_TTL_MS, JOB_TTL_MS, KINDS, type Kind } from './kinds.js';

/** What /healthz and /readyz show of the store (never a secret). */
export interface StoreHealth {
  backend: 'memory' | 'sqlite' | 'redis';
  ok: boolean;
  detail?: string;
}

/** One key under its kind, with a TTL (the kind's own unless given): a claim to take. */
export interface KeyOf {
  kind: Kind;
  key: string;
  ttlMs?: number;
}

/** An entry to write: a key under its kind and its value. */
export interface EntryOf<T> extends KeyOf {
  value: T;
}

/** What claimAndSet did: everything, or nothing because `held` (the first claim found live) was taken already. */
export type ClaimedAndSet = { done: true } | { done: false; held: KeyOf };

/**
 * Everything stateful the bot keeps goes through this interface, each key under its kind (see kinds.ts),
 * so that a persistent implementation replaces the in-memory one without touching callers. The TTL
 * defaults to the kind's own; values are stored as JSON (a saved object is a copy, never shared).
 */
export interface Store {
  readonly backend: StoreHealth['backend'];
  /** Atomically claims `key`: true for the first claimer only, false while the claim lives. */
  claim(kind: Kind, key: string, ttlMs?: number): Promise<boolean>;
  /**
   * Takes every claim of `claims` and writes `entry`, as one atomic step (one commit): all of it, or nothing
   * when one of the claims is live already (that one is named). A failure (StoreFullError, the store
   * unreachable) changes nothing either. What the inbox does before answering: dedupe and record an event.
   */
  claimAndSet<T>(claims: readonly KeyOf[], entry: EntryOf<T>): Promise<ClaimedAndSet>;
  /** Releases a claim so that the work can be tried again (for work that failed before it had any effect). */
  release(kind: Kind, key: string): Promise<void>;
  get<T>(kind: Kind, key: string): Promise<T | undefined>;
  set<T>(kind: Kind, key: string, value: T, ttlMs?: number): Promise<void>;
  delete(kind: Kind, key: string): Promise<void>;
  /** Deletes several entries of one kind in one step (one SQLite commit, one Redis round trip). */
  deleteMany(kind: Kind, keys: readonly string[]): Promise<void>;
  /** The newest live entries of one kind, by key descending (for keys that sort by time), at most `limit`. */
  list<T>(kind: Kind, limit: number): Promise<Array<{ key: string; value: T }>>;
  /**
   * The oldest live entries of one kind, by key ascending, only keys after `afterKey` when given (to page
   * on), at most `limit`: the inbox's unfinished events in the order they came in.
   */
  listOldest<T>(kind: Kind, limit: number, afterKey?: string): Promise<Array<{ key: string; value: T }>>;
  /** Live entries of one kind. */
  size(kind: Kind): Promise<number>;
  /** Drops expired entries and enforces each kind's bound (the SQLite store also runs it periodically). */
  sweep(): Promise<void>;
  ping(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** A kind that refuses when full is full of live entries: the write fails rather than forget one. */
export class StoreFullError extends Error {
  constructor(readonly kind: Kind, max: number) {
    super(`the store's "${kind}" entries are at their bound (${max} live entries)`);
  }
}

/**
 * The store's backend cannot be reached (Redis lost, say): nothing was recorded, so the caller must not
 * act as if it had been. The webhook answers 503 (Feishu delivers it again later) and the long connection
 * does not acknowledge. The message names the backend, never its address's credentials.
 */
export class StoreUnavailableError extends Error {
  constructor(readonly backend: StoreHealth['backend'], options?: { cause?: unknown }) {
    super(`the ${backend} store is unreachable`, options);
  }
}
