import { describe, expect, it } from 'vitest';
import { describeRedisUrl, redactSecrets } from '../../src/store/redisConnection.js';
import { parseStoreUrl } from '../../src/store/storeUrl.js';

// What is said about a redis STORE_URL, on /healthz, in logs and start-up messages: never its password.
describe('a redis STORE_URL', () => {
  it('is accepted in its documented forms', () => {
    for (const url of ['redis://127.0.0.1:6379/0', 'redis://:pw@cache:6380/2', 'redis://cache', 'rediss://user:pw@cache.example.com:6380/1']) {
      expect(parseStoreUrl(url)).toEqual({ ok: true, location: { backend: 'redis', url } });
    }
    expect(parseStoreUrl('redis://:pw@cache:6379/db1')).toMatchObject({ ok: false });
    expect(parseStoreUrl('redis://')).toMatchObject({ ok: false });
  });

  it('is described by scheme, host, port and database only', () => {
    expect(describeRedisUrl('redis://:hunter2@cache:6380/2')).toBe('redis://cache:6380/2');
    expect(describeRedisUrl('rediss://ops:hunter2@cache.example.com')).toBe('rediss://cache.example.com:6379/0');
    expect(describeRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379/0');
  });

  it('has its password blotted out of any message that repeats it, as written or URL-encoded', () => {
    const url = 'redis://:p%40ss%2Fword@cache:6379/0';
    expect(redactSecrets('WRONGPASS for p@ss/word and p%40ss%2Fword', url)).toBe('WRONGPASS for *** and ***');
    expect(redactSecrets('connect ECONNREFUSED 127.0.0.1:6379', 'redis://127.0.0.1:6379')).toBe('connect ECONNREFUSED 127.0.0.1:6379');
  });
});
