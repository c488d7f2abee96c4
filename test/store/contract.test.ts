import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { storeContract } from './storeContract.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-store-'));
  dirs.push(dir);
  return join(dir, 'store.sqlite');
};

storeContract({ name: 'memory', open: (o) => new MemoryStore(o) });
storeContract({ name: 'sqlite', open: (o) => new SqliteStore({ path: tempFile(), sweepEveryMs: 0, ...o }) });
