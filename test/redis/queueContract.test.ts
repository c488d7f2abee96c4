import { randomUUID } from 'node:crypto';
import { describe, inject } from 'vitest';
import { RedisStore } from '../../src/store/redisStore.js';
import { queueContract } from '../store/queueContract.js';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('on a real Redis', () => {
  queueContract({
    name: 'Redis (BullMQ)',
    stores() {
      const prefix = `test:${randomUUID()}:`;
      return () => RedisStore.open({ url: redisUrl as string, prefix, sweepEveryMs: 0 });
    },
  });
});
