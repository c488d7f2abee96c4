import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { queueContract } from './queueContract.js';

const dir = mkdtempSync(join(tmpdir(), 'opsbot-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

// Two "instances" on one memory store are two queues on one object; on SQLite, two connections to one file.
queueContract({
  name: 'memory',
  stores() {
    const shared = new MemoryStore();
    return async () => Object.assign(Object.create(shared) as MemoryStore, { close: async () => undefined });
  },
});
queueContract({
  name: 'SQLite',
  stores() {
    const path = join(dir, `q${files++}.sqlite`);
    return async () => new SqliteStore({ path });
  },
});
