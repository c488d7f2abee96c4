import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('the private Redis of this test run', () => {
  it('is a real Redis that keeps what is written', async () => {
    const client = new Redis(redisUrl as string, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    try {
      const key = `probe:${process.pid}:${Date.now()}`;
      await client.set(key, 'written', 'PX', 10_000);
      expect(await client.get(key)).toBe('written');
      expect(await client.info('server')).toMatch(/redis_version:\d/);
    } finally {
      client.disconnect();
    }
  });
});
