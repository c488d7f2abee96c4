import { KIND_NAMES, policiesWith, type Kind, type KindPolicy } from './kinds.js';
import { StoreFullError, type ClaimedAndSet, type EntryOf, type KeyOf, type Store, type StoreHealth } from './store.js';

interface Options {
  now?: () => number;
  /** Per-kind bounds instead of the defaults of kinds.ts. */
  bounds?: Partial<Record<Kind, number>>;
}

interface Entry {
  json: string;
  expiresAt: number;
}

/** One kind's entries, in the order they were written (a Map keeps insertion order). */
class Shelf {
  readonly entries = new Map<string, Entry>();
  /** No entry expires before this: sweeping earlier would free nothing. */
  noExpiryBefore = 0;
}

/** A volatile store (STORE_URL=memory:): one bounded map per kind; everything is forgotten on restart. */
export class MemoryStore implements Store {
  readonly backend = 'memory';
  private readonly now: () => number;
  private readonly policies: Record<Kind, KindPolicy>;
  private readonly shelves = new Map<Kind, Shelf>(KIND_NAMES.map((k) => [k, new Shelf()]));

  constructor({ now = Date.now, bounds }: Options = {}) {
    this.now = now;
    this.policies = policiesWith(bounds);
  }

  async claim(kind: Kind, key: string, ttlMs?: number): Promise<boolean> {
    if (this.live(kind, key)) return false;
    this.write(kind, key, 'true', ttlMs);
    return true;
  }

  async claimAndSet<T>(claims: readonly KeyOf[], entry: EntryOf<T>): Promise<ClaimedAndSet> {
    const held = claims.find((c) => this.live(c.kind, c.key));
    if (held) return { done: false, held };
    // Every refusal comes before the first write: a full kind leaves nothing half done.
    const writes = [...claims.map((c) => ({ ...c, json: 'true' })), { ...entry, json: JSON.stringify(entry.value) ?? 'null' }];
    for (const kind of new Set(writes.map((w) => w.kind))) {
      const shelf = this.shelf(kind);
      const fresh = new Set(writes.filter((w) => w.kind === kind && !shelf.entries.has(w.key)).map((w) => w.key)).size;
      this.ensureRoom(kind, shelf, fresh);
    }
    for (const w of writes) this.write(w.kind, w.key, w.json, w.ttlMs);
    return { done: true };
  }

  async release(kind: Kind, key: string): Promise<void> {
    this.shelf(kind).entries.delete(key);
  }

  async get<T>(kind: Kind, key: string): Promise<T | undefined> {
    const entry = this.live(kind, key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async set<T>(kind: Kind, key: string, value: T, ttlMs?: number): Promise<void> {
    this.write(kind, key, JSON.stringify(value) ?? 'null', ttlMs);
  }

  async delete(kind: Kind, key: string): Promise<void> {
    this.shelf(kind).entries.delete(key);
  }

  async deleteMany(kind: Kind, keys: readonly string[]): Promise<void> {
    for (const key of keys) this.shelf(kind).entries.delete(key);
  }

  async list<T>(kind: Kind, limit: number): Promise<Array<{ key: string; value: T }>> {
    this.sweepKind(kind);
    const keys = [...this.shelf(kind).entries.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, Math.max(0, limit));
    return keys.map((key) => ({ key, value: JSON.parse(this.shelf(kind).entries.get(key)!.json) as T }));
  }

  async listOldest<T>(kind: Kind, limit: number, afterKey?: string): Promise<Array<{ key: string; value: T }>> {
    this.sweepKind(kind);
    const entries = this.shelf(kind).entries;
    const keys = [...entries.keys()].filter((k) => afterKey === undefined || k > afterKey).sort().slice(0, Math.max(0, limit));
    return keys.map((key) => ({ key, value: JSON.parse(entries.get(key)!.json) as T }));
  }

  async size(kind: Kind): Promise<number> {
    this.sweepKind(kind);
    return this.shelf(kind).entries.size;
  }

  async sweep(): Promise<void> {
    for (const kind of KIND_NAMES) this.sweepKind(kind);
  }

  async ping(): Promise<StoreHealth> {
    return { backend: 'memory', ok: true, detail: 'volatile: forgotten on restart' };
  }

  async close(): Promise<void> {
    for (const shelf of this.shelves.values()) shelf.entries.clear();
  }

  private shelf(kind: Kind): Shelf {
    const shelf = this.shelves.get(kind);
    if (!shelf) throw new Error(`unknown store kind "${kind}"`);
    return shelf;
  }

  private live(kind: Kind, key: string): Entry | undefined {
    const entries = this.shelf(kind).entries;
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(kind: Kind, key: string, json: string, ttlMs = this.policies[kind].ttlMs): void {
    const shelf = this.shelf(kind);
    // Re-inserted so that the Map's order stays the order of writing.
    const existed = shelf.entries.delete(key);
    if (!existed) this.makeRoom(kind, shelf);
    const expiresAt = this.now() + ttlMs;
    shelf.entries.set(key, { json, expiresAt });
    shelf.noExpiryBefore = Math.min(shelf.noExpiryBefore, expiresAt);
  }

  private makeRoom(kind: Kind, shelf: Shelf): void {
    this.ensureRoom(kind, shelf, 1);
    if (shelf.entries.size < this.policies[kind].maxEntries) return;
    const oldest = shelf.entries.keys().next();
    if (!oldest.done) shelf.entries.delete(oldest.value);
  }

  /** Throws StoreFullError unless a refuse kind has room for `fresh` new keys (expired ones go first). */
  private ensureRoom(kind: Kind, shelf: Shelf, fresh: number): void {
    const { maxEntries, whenFull } = this.policies[kind];
    if (fresh === 0 || shelf.entries.size + fresh <= maxEntries) return;
    this.sweepKind(kind);
    if (whenFull === 'refuse' && shelf.entries.size + fresh > maxEntries) throw new StoreFullError(kind, maxEntries);
  }

  private sweepKind(kind: Kind): void {
    const shelf = this.shelf(kind);
    const now = this.now();
    if (now < shelf.noExpiryBefore) return;
    let soonest = Infinity;
    for (const [key, entry] of shelf.entries) {
      if (entry.expiresAt <= now) shelf.entries.delete(key);
      else soonest = Math.min(soonest, entry.expiresAt);
    }
    shelf.noExpiryBefore = soonest;
  }
}
