import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/openStore.js';
import { RedisStore } from '../../src/store/redisStore.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { freePort, startRedisServer, type RedisServer } from '../helpers/realServices.js';

const redisUrl = inject('redisUrl');
const opened: RedisStore[] = [];
const servers: RedisServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function open(url: string, prefix: string, now?: () => number): Promise<RedisStore> {
  const store = await RedisStore.open({ url, prefix, now, sweepEveryMs: 0 });
  opened.push(store);
  return store;
}

describe.skipIf(!redisUrl)('the Redis store', () => {
  const url = redisUrl as string;

  it('keeps claims and values across a reopen (a new client on the same Redis)', async () => {
    const prefix = `test:${randomUUID()}:`;
    const first = await open(url, prefix);
    expect(await first.claim('dedupe', 'event:e1')).toBe(true);
    await first.set('job', 'job:j1', { id: 'j1', results: ['ok'] });
    await first.close();
    const second = await open(url, prefix);
    expect(await second.claim('dedupe', 'event:e1')).toBe(false);
    expect(await second.get('job', 'job:j1')).toEqual({ id: 'j1', results: ['ok'] });
    expect(await second.size('job')).toBe(1);
    expect(await second.ping()).toEqual({ backend: 'redis', ok: true, detail: `${new URL(url).protocol}//127.0.0.1:${new URL(url).port}/0` });
  });

  it('gives each key to exactly one of two clients racing for the same keys', async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = [await open(url, prefix), await open(url, prefix)];
    const keys = Array.from({ length: 300 }, (_, i) => `race:${i}`);
    // One claim after another from opposite ends, so that each wins some keys and the two meet in the middle.
    const race = async (s: RedisStore, order: string[]) => {
      const won: Array<string | undefined> = [];
      for (const k of order) won.push((await s.claim('dedupe', k)) ? k : undefined);
      return won;
    };
    const [wonA, wonB] = await Promise.all([race(a, keys), race(b, [...keys].reverse())]);
    const won = [...wonA, ...wonB].filter((k): k is string => k !== undefined);
    expect(won).toHaveLength(300);
    expect(new Set(won).size).toBe(300);
    expect(wonA.filter(Boolean).length).toBeGreaterThan(0);
    expect(wonB.filter(Boolean).length).toBeGreaterThan(0);
  });

  it('sets a real expiry on every entry (PX), and sweeps expired keys out of its indexes', async () => {
    let now = Date.now();
    const prefix = `test:${randomUUID()}:`;
    const store = await open(url, prefix, () => now);
    await store.claim('dedupe', 'event:short', 60_000);
    await store.set('audit', 'k1', { a: 1 }, 100);
    const raw = new Redis(url);
    try {
      const pttl = await raw.pttl(`${prefix}dedupe:e:event:short`);
      expect(pttl).toBeGreaterThan(50_000);
      expect(pttl).toBeLessThanOrEqual(60_000);
      now += 101;
      await store.sweep();
      expect(await raw.zcard(`${prefix}audit:lex`)).toBe(0);
      expect(await raw.zcard(`${prefix}audit:exp`)).toBe(0);
      expect(await raw.exists(`${prefix}audit:e:k1`)).toBe(0);
      expect(await raw.zcard(`${prefix}dedupe:exp`)).toBe(1);
    } finally {
      raw.disconnect();
    }
  });
});

describe.skipIf(!redisUrl)('the Redis store when Redis goes away', () => {
  it('fails fast with StoreUnavailableError, reports it in ping, and works again once Redis is back', async () => {
    const server = await startRedisServer();
    servers.push(server);
    const store = await open(server.url, 'opsbot:');
    expect(await store.claim('dedupe', 'event:before')).toBe(true);
    await server.stop();
    const started = Date.now();
    await expect(store.claim('dedupe', 'event:during')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.get('job', 'job:x')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await store.ping()).toMatchObject({ backend: 'redis', ok: false });
    await server.restart();
    const deadline = Date.now() + 10_000;
    while (!(await store.ping()).ok && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await store.ping()).toMatchObject({ ok: true });
    expect(await store.claim('dedupe', 'event:after')).toBe(true);
  }, 20_000);

  it('refuses to open when nothing answers, naming the address and never the password', async () => {
    const port = await freePort();
    const started = Date.now();
    const opening = openStore({ backend: 'redis', url: `redis://:s3cret-pw@127.0.0.1:${port}/3` });
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    const message = await opening.catch((err: Error) => err.message);
    expect(message).toContain(`cannot reach Redis at redis://127.0.0.1:${port}/3`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
    expect(Date.now() - started).toBeLessThan(8000);
  }, 15_000);
});
