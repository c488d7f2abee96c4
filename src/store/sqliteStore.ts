import Database from 'better-sqlite3';
import { KIND_NAMES, policiesWith, type Kind, type KindPolicy } from './kinds.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { migrate } from './migrations.js';
import { StoreFullError, type ClaimedAndSet, type EntryOf, type KeyOf, type Store, type StoreHealth } from './store.js';

interface Options {
  path: string;
  now?: () => number;
  bounds?: Partial<Record<Kind, number>>;
  /** How often expired entries are dropped and bounds enforced (0: only when `sweep()` is called). */
  sweepEveryMs?: number;
  /** A failed periodic sweep (disk full, say): reported, never thrown from a timer. */
  onSweepError?: (err: unknown) => void;
  /**
   * How often a worker thread checkpoints the WAL (checkpointer.ts), off the event loop; 0: SQLite's own
   * auto-checkpoint, on the writing connection (tests that open many stores).
   */
  checkpointEveryMs?: number;
}

/**
 * The durable store (STORE_URL=sqlite:<path>): one table of entries by kind, WAL mode, schema migrations
 * on open. Every write is one statement, so a claim is atomic even between processes on the same file;
 * claimAndSet is one IMMEDIATE transaction (one commit, one WAL append) for the same reason.
 */
export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly policies: Record<Kind, KindPolicy>;
  /**
   * Rows of each kind in the file (expired ones included until they are deleted), as this process knows
   * them: counted at open and at each sweep, moved by its own writes, so that a write checks its kind's
   * bound without counting. Another process writing to the same file moves it only at the next sweep.
   */
  private readonly rows = new Map<Kind, number>();
  private readonly timer?: NodeJS.Timeout;
  private readonly checkpointer?: Checkpointer;
  private readonly sql;
  /** Reads every claim's expiry, then writes them and the entry, all under the write lock (BEGIN IMMEDIATE). */
  private readonly claimAndSetTx;
  private readonly deleteManyTx;

  constructor({ path, now = Date.now, bounds, sweepEveryMs = 60_000, onSweepError = () => undefined, checkpointEveryMs = 0 }: Options) {
    this.now = now;
    this.policies = policiesWith(bounds);
    this.db = new Database(path);
    try {
      this.db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL loses no commit on a crash of the process, only (possibly) on a power cut.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db, undefined, now());
    } catch (err) {
      this.db.close();
      throw err;
    }
    const db = this.db;
    this.sql = {
      claim: db.prepare(`INSERT INTO entries (kind, key, value, expires_at) VALUES (@kind, @key, 'true', @expiresAt)
        ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at WHERE entries.expires_at <= @now`),
      set: db.prepare(`INSERT INTO entries (kind, key, value, expires_at) VALUES (@kind, @key, @value, @expiresAt)
        ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`),
      expiry: db.prepare('SELECT expires_at FROM entries WHERE kind = ? AND key = ?').pluck(),
      get: db.prepare('SELECT value FROM entries WHERE kind = ? AND key = ? AND expires_at > ?').pluck(),
      delete: db.prepare('DELETE FROM entries WHERE kind = ? AND key = ?'),
      list: db.prepare('SELECT key, value FROM entries WHERE kind = ? AND expires_at > ? ORDER BY key DESC LIMIT ?'),
      // Served by the primary key (kind, key): no new index.
      listOldest: db.prepare('SELECT key, value FROM entries WHERE kind = ? AND key > ? AND expires_at > ? ORDER BY key ASC LIMIT ?'),
      count: db.prepare('SELECT count(*) FROM entries WHERE kind = ? AND expires_at > ?').pluck(),
      expire: db.prepare('DELETE FROM entries WHERE kind = ? AND expires_at <= ?'),
      dropOldest: db.prepare('DELETE FROM entries WHERE rowid IN (SELECT rowid FROM entries WHERE kind = ? ORDER BY expires_at LIMIT ?)'),
      rowsByKind: db.prepare('SELECT kind, count(*) AS n FROM entries GROUP BY kind'),
      ping: db.prepare('SELECT max(version) FROM schema_version').pluck(),
    };
    this.deleteManyTx = db.transaction((kind: Kind, keys: readonly string[]) => {
      let gone = 0;
      for (const key of keys) gone += this.sql.delete.run(kind, key).changes;
      this.moveRows(kind, -gone);
    });
    this.claimAndSetTx = db.transaction((claims: readonly KeyOf[], entry: KeyOf, value: string): ClaimedAndSet => {
      const now = this.now();
      const expiries = claims.map((c) => this.sql.expiry.get(c.kind, c.key) as number | undefined);
      const held = claims.find((_, i) => (expiries[i] ?? -Infinity) > now);
      if (held) return { done: false, held };
      claims.forEach((c, i) => {
        if (expiries[i] === undefined) this.makeRoom(c.kind, now);
        const won = this.sql.claim.run({ kind: c.kind, key: c.key, expiresAt: now + (c.ttlMs ?? this.policies[c.kind].ttlMs), now }).changes === 1;
        if (won && expiries[i] === undefined) this.moveRows(c.kind, 1);
      });
      this.writeEntry(entry.kind, entry.key, value, entry.ttlMs, now);
      return { done: true };
    });
    for (const { kind, n } of this.sql.rowsByKind.all() as Array<{ kind: Kind; n: number }>) this.rows.set(kind, n);
    if (checkpointEveryMs > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(path, checkpointEveryMs, (err, workerGone) => {
        if (workerGone && this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
        onSweepError(err);
      });
    }
    if (sweepEveryMs > 0) {
      this.timer = setInterval(() => this.sweep().catch(onSweepError), sweepEveryMs);
      this.timer.unref();
    }
  }

  async claim(kind: Kind, key: string, ttlMs = this.policies[kind].ttlMs): Promise<boolean> {
    const now = this.now();
    const expiresAt = this.sql.expiry.get(kind, key) as number | undefined;
    if (expiresAt !== undefined && expiresAt > now) return false;
    if (expiresAt === undefined) this.makeRoom(kind, now);
    const won = this.sql.claim.run({ kind, key, expiresAt: now + ttlMs, now }).changes === 1;
    if (won && expiresAt === undefined) this.moveRows(kind, 1);
    return won;
  }

  async claimAndSet<T>(claims: readonly KeyOf[], entry: EntryOf<T>): Promise<ClaimedAndSet> {
    const value = JSON.stringify(entry.value) ?? 'null';
    const rowsBefore = new Map(this.rows);
    try {
      return this.claimAndSetTx.immediate(claims, entry, value);
    } catch (err) {
      // Rolled back: the rows this process counted are the ones it counted before.
      for (const [kind, n] of rowsBefore) this.rows.set(kind, n);
      throw err;
    }
  }

  async release(kind: Kind, key: string): Promise<void> {
    this.moveRows(kind, -this.sql.delete.run(kind, key).changes);
  }

  async get<T>(kind: Kind, key: string): Promise<T | undefined> {
    const json = this.sql.get.get(kind, key, this.now()) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async set<T>(kind: Kind, key: string, value: T, ttlMs?: number): Promise<void> {
    this.writeEntry(kind, key, JSON.stringify(value) ?? 'null', ttlMs, this.now());
  }

  async delete(kind: Kind, key: string): Promise<void> {
    return this.release(kind, key);
  }

  async deleteMany(kind: Kind, keys: readonly string[]): Promise<void> {
    if (keys.length > 0) this.deleteManyTx(kind, keys);
  }

  async list<T>(kind: Kind, limit: number): Promise<Array<{ key: string; value: T }>> {
    const rows = this.sql.list.all(kind, this.now(), Math.max(0, limit)) as Array<{ key: string; value: string }>;
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
  }

  async listOldest<T>(kind: Kind, limit: number, afterKey = ''): Promise<Array<{ key: string; value: T }>> {
    const rows = this.sql.listOldest.all(kind, afterKey, this.now(), Math.max(0, limit)) as Array<{ key: string; value: string }>;
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
  }

  async size(kind: Kind): Promise<number> {
    return this.sql.count.get(kind, this.now()) as number;
  }

  async sweep(): Promise<void> {
    for (const kind of KIND_NAMES) this.sweepKind(kind);
  }

  async ping(): Promise<StoreHealth> {
    try {
      const version = this.sql.ping.get() as number;
      return { backend: 'sqlite', ok: true, detail: `schema ${version}, ${this.db.name}` };
    } catch {
      return { backend: 'sqlite', ok: false, detail: this.db.open ? 'the database does not answer' : 'closed' };
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  /**
   * Room for one new row of `kind`: below the bound, nothing is read. At it, expired rows go first; then a
   * dropOldest kind drops its oldest, and a refuse kind, counted afresh (another process may have deleted
   * some), fails with StoreFullError if it is still full.
   */
  private makeRoom(kind: Kind, now: number): void {
    const { maxEntries, whenFull } = this.policies[kind];
    if (this.rowsOf(kind) < maxEntries) return;
    this.moveRows(kind, -this.sql.expire.run(kind, now).changes);
    if (this.rowsOf(kind) < maxEntries) return;
    if (whenFull === 'dropOldest') {
      this.moveRows(kind, -this.sql.dropOldest.run(kind, this.rowsOf(kind) - maxEntries + 1).changes);
      return;
    }
    this.rows.set(kind, this.sql.count.get(kind, now) as number);
    if (this.rowsOf(kind) >= maxEntries) throw new StoreFullError(kind, maxEntries);
  }

  private writeEntry(kind: Kind, key: string, json: string, ttlMs = this.policies[kind].ttlMs, now: number): void {
    // An existing row, live or expired, is overwritten in place: no new row, no room needed.
    const isNew = this.sql.expiry.get(kind, key) === undefined;
    if (isNew) this.makeRoom(kind, now);
    this.sql.set.run({ kind, key, value: json, expiresAt: now + ttlMs });
    if (isNew) this.moveRows(kind, 1);
  }

  private rowsOf(kind: Kind): number {
    return this.rows.get(kind) ?? 0;
  }

  private moveRows(kind: Kind, by: number): void {
    this.rows.set(kind, this.rowsOf(kind) + by);
  }

  /** Drops the kind's expired rows, counts the rest afresh, and drops the oldest beyond the bound. */
  private sweepKind(kind: Kind): void {
    const { maxEntries, whenFull } = this.policies[kind];
    const now = this.now();
    this.db.transaction(() => {
      this.sql.expire.run(kind, now);
      const count = this.sql.count.get(kind, now) as number;
      const over = whenFull === 'dropOldest' && count > maxEntries ? this.sql.dropOldest.run(kind, count - maxEntries).changes : 0;
      this.rows.set(kind, count - over);
    }).immediate();
  }
}
