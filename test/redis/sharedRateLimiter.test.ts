import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { RateWindow } from '../../src/upstream/limits.js';
import { SharedWindowLimiter } from '../../src/upstream/sharedRateLimiter.js';
import { startRedisServer, type RedisServer } from '../helpers/realServices.js';

const redisUrl = inject('redisUrl');
const clients: Redis[] = [];
const servers: RedisServer[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function client(url: string): Promise<Redis> {
  const c = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => 50 });
  c.on('error', () => undefined);
  clients.push(c);
  await c.connect();
  return c;
}

/** The most starts any `windowMs`-long stretch holds. */
const maxIn = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

async function startsOf(limiter: SharedWindowLimiter, n: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => limiter.acquire().then(() => times.push(Date.now()))));
  return times;
}

describe.skipIf(!redisUrl)('the rate limiter shared through Redis', () => {
  const SHORT: RateWindow = { limit: 4, windowMs: 250 };
  const LONG: RateWindow = { limit: 10, windowMs: 800 };

  it('keeps two instances together under both windows of one API (a sliding window, not a fixed one)', async () => {
    const prefix = `test:${randomUUID()}:rate:`;
    const [a, b] = [new SharedWindowLimiter(await client(redisUrl as string), prefix, 'api.x', [LONG, SHORT]), new SharedWindowLimiter(await client(redisUrl as string), prefix, 'api.x', [LONG, SHORT])];
    const started = Date.now();
    const [ta, tb] = await Promise.all([startsOf(a, 12), startsOf(b, 12)]);
    const all = [...ta, ...tb].sort((x, y) => x - y);
    expect(all).toHaveLength(24);
    expect(maxIn(all, SHORT.windowMs)).toBeLessThanOrEqual(SHORT.limit);
    expect(maxIn(all, LONG.windowMs)).toBeLessThanOrEqual(LONG.limit);
    // 24 starts at 10 per (800 + 160) ms: at least two full long windows, and both instances got turns early on.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * LONG.windowMs);
    expect(Math.min(...ta)).toBeLessThan(started + LONG.windowMs);
    expect(Math.min(...tb)).toBeLessThan(started + LONG.windowMs);
  }, 20_000);

  it('keeps separate budgets for separate APIs, and a pause asked by the server holds every instance', async () => {
    const prefix = `test:${randomUUID()}:rate:`;
    const c = await client(redisUrl as string);
    const x = new SharedWindowLimiter(c, prefix, 'api.x', [SHORT]);
    const y = new SharedWindowLimiter(c, prefix, 'api.y', [SHORT]);
    const started = Date.now();
    await Promise.all([startsOf(x, 4), startsOf(y, 4)]);
    expect(Date.now() - started).toBeLessThan(SHORT.windowMs);
    const other = new SharedWindowLimiter(await client(redisUrl as string), prefix, 'api.z', [SHORT]);
    const z = new SharedWindowLimiter(c, prefix, 'api.z', [SHORT]);
    z.pauseUntil(Date.now() + 400);
    await new Promise((r) => setTimeout(r, 20));
    const before = Date.now();
    await other.acquire();
    expect(Date.now() - before).toBeGreaterThanOrEqual(300);
  });

  it('goes on pacing this instance alone while Redis does not answer', async () => {
    const server = await startRedisServer();
    servers.push(server);
    const limiter = new SharedWindowLimiter(await client(server.url), 'opsbot:rate:', 'api.x', [SHORT]);
    await server.stop();
    const times = await startsOf(limiter, 8);
    expect(times).toHaveLength(8);
    expect(maxIn(times, SHORT.windowMs)).toBeLessThanOrEqual(SHORT.limit);
  });
});
