import { randomUUID } from 'node:crypto';
import { describe, inject } from 'vitest';
import { RedisStore } from '../../src/store/redisStore.js';
import { storeContract } from '../store/storeContract.js';

const redisUrl = inject('redisUrl');

// The run's Redis is shared by every suite: each store gets keys of its own.
describe.skipIf(!redisUrl)('on a real Redis', () => {
  storeContract({ name: 'redis', open: (o) => RedisStore.open({ url: redisUrl as string, prefix: `test:${randomUUID()}:`, sweepEveryMs: 0, ...o }) });
});
