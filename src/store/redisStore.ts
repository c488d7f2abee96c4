import type { Redis, Result } from 'ioredis';
import { KIND_NAMES, policiesWith, type Kind, type KindPolicy } from './kinds.js';
import { connectRedis, createRedisClient, describeRedisUrl, redactSecrets } from './redisConnection.js';
import { CLAIM_AND_SET, FULL_REPLY, REMOVE, SWEEP, WRITE } from './redisScripts.js';
import { StoreFullError, StoreUnavailableError, type ClaimedAndSet, type EntryOf, type KeyOf, type Store, type StoreHealth } from './store.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    opsbotWrite(entry: string, exp: string, lex: string, ...args: Array<string | number>): Result<number, Context>;
    opsbotRemove(entry: string, exp: string, lex: string, key: string): Result<number, Context>;
    opsbotSweep(exp: string, lex: string, ...args: Array<string | number>): Result<number, Context>;
    opsbotClaimAndSet(numberOfKeys: number, ...keysThenArgs: Array<string | number>): Result<number, Context>;
  }
}

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so that several bots (or test suites) can share one Redis database. */
  prefix?: string;
  now?: () => number;
  bounds?: Partial<Record<Kind, number>>;
  /** How often expired entries leave the indexes and bounds are enforced (0: only when `sweep()` is called). */
  sweepEveryMs?: number;
  onSweepError?: (err: unknown) => void;
  /** The connection was lost or came back (for the log); never thrown. */
  onConnection?: (event: 'lost' | 'back', detail: string) => void;
}

export const DEFAULT_REDIS_PREFIX = 'opsbot:';
const SWEEP_STEP = 1000;
const LIST_PAGE = 200;

/**
 * The shared store (STORE_URL=redis://…): several instances of the bot on one Redis see the same dedupe
 * keys, claims, jobs and buttons. Each kind keeps its own TTL and bound (redisScripts.ts); persistence is
 * Redis's own (RDB/AOF as configured there). A lost Redis makes every call fail fast with
 * StoreUnavailableError; the client reconnects by itself.
 */
export class RedisStore implements Store {
  readonly backend = 'redis';
  readonly prefix: string;
  readonly where: string;
  private readonly now: () => number;
  private readonly policies: Record<Kind, KindPolicy>;
  private timer?: NodeJS.Timeout;
  private closed = false;

  private constructor(readonly client: Redis, private readonly opts: RedisStoreOptions) {
    this.prefix = opts.prefix ?? DEFAULT_REDIS_PREFIX;
    this.where = describeRedisUrl(opts.url);
    this.now = opts.now ?? Date.now;
    this.policies = policiesWith(opts.bounds);
    client.defineCommand('opsbotWrite', { numberOfKeys: 3, lua: WRITE });
    client.defineCommand('opsbotRemove', { numberOfKeys: 3, lua: REMOVE });
    client.defineCommand('opsbotSweep', { numberOfKeys: 2, lua: SWEEP });
    client.defineCommand('opsbotClaimAndSet', { lua: CLAIM_AND_SET });
  }

  /** Connects (waiting a little for a Redis that is still starting); rejects with the redacted cause. */
  static async open(opts: RedisStoreOptions): Promise<RedisStore> {
    const client = createRedisClient(opts.url);
    try {
      await connectRedis(client, opts.url);
    } catch (err) {
      client.disconnect();
      throw err;
    }
    const store = new RedisStore(client, opts);
    store.watchConnection();
    const every = opts.sweepEveryMs ?? 60_000;
    if (every > 0) {
      store.timer = setInterval(() => store.sweep().catch(opts.onSweepError ?? (() => undefined)), every);
      store.timer.unref();
    }
    return store;
  }

  async claim(kind: Kind, key: string, ttlMs?: number): Promise<boolean> {
    return (await this.write(kind, key, 'claim', 'true', ttlMs)) === 1;
  }

  /** One script run: atomic in Redis. A connection lost after it was sent leaves it unknown whether it ran. */
  async claimAndSet<T>(claims: readonly KeyOf[], entry: EntryOf<T>): Promise<ClaimedAndSet> {
    const items = [...claims, entry];
    const keys = items.flatMap((i) => [this.entryKey(i.kind, i.key), this.key(i.kind, 'exp'), this.key(i.kind, 'lex')]);
    const args = items.flatMap((i) => {
      const { ttlMs, maxEntries, whenFull } = this.policies[i.kind];
      return [i.key, Math.max(1, Math.round(i.ttlMs ?? ttlMs)), maxEntries, whenFull, this.key(i.kind, '')];
    });
    const json = JSON.stringify(entry.value) ?? 'null';
    const at = await this.run(() => this.client.opsbotClaimAndSet(keys.length, ...keys, this.now(), json, ...args));
    if (at > 0) return { done: false, held: claims[at - 1]! };
    if (at < 0) {
      const { kind } = items[-at - 1]!;
      throw new StoreFullError(kind, this.policies[kind].maxEntries);
    }
    return { done: true };
  }

  async release(kind: Kind, key: string): Promise<void> {
    await this.run(() => this.client.opsbotRemove(this.entryKey(kind, key), this.key(kind, 'exp'), this.key(kind, 'lex'), key));
  }

  async deleteMany(kind: Kind, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.run(async () => {
      const pipeline = this.client.pipeline();
      for (const key of keys) pipeline.opsbotRemove(this.entryKey(kind, key), this.key(kind, 'exp'), this.key(kind, 'lex'), key);
      const answers = (await pipeline.exec()) ?? [];
      const failed = answers.find(([err]) => err);
      if (failed?.[0]) throw failed[0];
    });
  }

  async get<T>(kind: Kind, key: string): Promise<T | undefined> {
    const raw = await this.run(() => this.client.get(this.entryKey(kind, key)));
    return this.decode<T>(raw);
  }

  async set<T>(kind: Kind, key: string, value: T, ttlMs?: number): Promise<void> {
    await this.write(kind, key, 'set', JSON.stringify(value) ?? 'null', ttlMs);
  }

  delete(kind: Kind, key: string): Promise<void> {
    return this.release(kind, key);
  }

  list<T>(kind: Kind, limit: number): Promise<Array<{ key: string; value: T }>> {
    return this.page<T>(kind, limit, (offset) => this.client.zrevrangebylex(this.key(kind, 'lex'), '+', '-', 'LIMIT', offset, LIST_PAGE));
  }

  listOldest<T>(kind: Kind, limit: number, afterKey?: string): Promise<Array<{ key: string; value: T }>> {
    const from = afterKey === undefined ? '-' : `(${afterKey}`;
    return this.page<T>(kind, limit, (offset) => this.client.zrangebylex(this.key(kind, 'lex'), from, '+', 'LIMIT', offset, LIST_PAGE));
  }

  async size(kind: Kind): Promise<number> {
    return this.run(() => this.client.zcount(this.key(kind, 'exp'), `(${this.now()}`, '+inf'));
  }

  async sweep(): Promise<void> {
    for (const kind of KIND_NAMES) {
      const { maxEntries, whenFull } = this.policies[kind];
      for (;;) {
        const args = [this.now(), SWEEP_STEP, maxEntries, whenFull, this.key(kind, '')];
        const gone = await this.run(() => this.client.opsbotSweep(this.key(kind, 'exp'), this.key(kind, 'lex'), ...args));
        if (gone < SWEEP_STEP) break;
      }
    }
  }

  async ping(): Promise<StoreHealth> {
    if (this.client.status !== 'ready') return { backend: 'redis', ok: false, detail: `${this.where} unreachable (${this.client.status})` };
    try {
      await this.client.ping();
      return { backend: 'redis', ok: true, detail: this.where };
    } catch {
      return { backend: 'redis', ok: false, detail: `${this.where} does not answer` };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    // quit() waits for the answers of commands already sent; a lost Redis has none to give.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  /** Live entries in the order the lex index gives them, page by page, at most `limit`. */
  private async page<T>(kind: Kind, limit: number, keysAt: (offset: number) => Promise<string[]>): Promise<Array<{ key: string; value: T }>> {
    const out: Array<{ key: string; value: T }> = [];
    for (let offset = 0; out.length < limit; offset += LIST_PAGE) {
      const keys = await this.run(() => keysAt(offset));
      if (keys.length === 0) break;
      const raws = await this.run(() => this.client.mget(keys.map((k) => this.entryKey(kind, k))));
      keys.forEach((key, i) => {
        const value = this.decode<T>(raws[i] ?? null);
        if (value !== undefined && out.length < limit) out.push({ key, value });
      });
    }
    return out;
  }

  private key(kind: Kind, suffix: string): string {
    return `${this.prefix}${kind}:${suffix}`;
  }

  private entryKey(kind: Kind, key: string): string {
    return this.key(kind, `e:${key}`);
  }

  private write(kind: Kind, key: string, mode: 'claim' | 'set', json: string, ttlMs?: number): Promise<number> {
    const { ttlMs: defaultTtl, maxEntries, whenFull } = this.policies[kind];
    const args = [key, this.now(), Math.max(1, Math.round(ttlMs ?? defaultTtl)), maxEntries, whenFull, mode, json, this.key(kind, '')];
    return this.run(() => this.client.opsbotWrite(this.entryKey(kind, key), this.key(kind, 'exp'), this.key(kind, 'lex'), ...args), kind);
  }

  /** A stored entry's value, or undefined when it is missing or expired by this store's clock. */
  private decode<T>(raw: string | null): T | undefined {
    if (raw === null) return undefined;
    const sep = raw.indexOf(':');
    if (sep < 0 || Number(raw.slice(0, sep)) <= this.now()) return undefined;
    return JSON.parse(raw.slice(sep + 1)) as T;
  }

  /** Runs one Redis call: a full kind becomes StoreFullError, any other failure StoreUnavailableError. */
  private async run<T>(call: () => Promise<T>, kind?: Kind): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (kind && err instanceof Error && err.message.includes(FULL_REPLY)) throw new StoreFullError(kind, this.policies[kind].maxEntries);
      throw new StoreUnavailableError('redis', { cause: err });
    }
  }

  private watchConnection(): void {
    let lost = false;
    this.client.on('error', (err: Error) => {
      if (lost || this.closed) return;
      lost = true;
      this.opts.onConnection?.('lost', `${this.where}: ${redactSecrets(err.message, this.opts.url)}`);
    });
    this.client.on('close', () => {
      if (lost || this.closed) return;
      lost = true;
      this.opts.onConnection?.('lost', `${this.where}: connection closed`);
    });
    this.client.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.opts.onConnection?.('back', this.where);
    });
  }
}
