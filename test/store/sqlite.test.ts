import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openStore, StoreOpenError } from '../../src/store/openStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { StoreFullError } from '../../src/store/store.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-sqlite-'));
  dirs.push(dir);
  return dir;
};

describe('the SQLite store', () => {
  it('keeps claims and values across a reopen of the same file', async () => {
    const path = join(tempDir(), 'bot.sqlite');
    const first = new SqliteStore({ path, sweepEveryMs: 0 });
    expect(await first.claim('dedupe', 'event:e1')).toBe(true);
    await first.set('job', 'job:j1', { id: 'j1', results: ['ok'] });
    await first.close();
    const second = new SqliteStore({ path, sweepEveryMs: 0 });
    expect(await second.claim('dedupe', 'event:e1')).toBe(false);
    expect(await second.get('job', 'job:j1')).toEqual({ id: 'j1', results: ['ok'] });
    expect(await second.ping()).toMatchObject({ ok: true });
    await second.close();
    expect(await second.ping()).toEqual({ backend: 'sqlite', ok: false, detail: 'closed' });
  });

  it('counts each kind at open: a refuse kind filled by an earlier run still refuses a new key, and a sweep recounts', async () => {
    const path = join(tempDir(), 'bot.sqlite');
    const first = new SqliteStore({ path, sweepEveryMs: 0, bounds: { inbox: 2 } });
    await first.set('inbox', 'e0', 0);
    await first.set('inbox', 'e1', 1);
    await first.close();
    const second = new SqliteStore({ path, sweepEveryMs: 0, bounds: { inbox: 2 } });
    await expect(second.set('inbox', 'e2', 2)).rejects.toBeInstanceOf(StoreFullError);
    // Another connection frees a row: this process sees it when it counts afresh (at the bound, or at a sweep).
    const other = new Database(path);
    other.prepare("DELETE FROM entries WHERE kind = 'inbox' AND key = 'e0'").run();
    other.close();
    await second.set('inbox', 'e2', 2);
    expect(await second.size('inbox')).toBe(2);
    await second.close();
  });

  it('runs in WAL mode, records its schema version, and applies each migration once', async () => {
    const path = join(tempDir(), 'bot.sqlite');
    await new SqliteStore({ path, sweepEveryMs: 0 }).close();
    await new SqliteStore({ path, sweepEveryMs: 0 }).close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    // A later step is applied on the next open, and only that step.
    const next = [...MIGRATIONS, { version: 99, description: 'test step', sql: 'CREATE TABLE added_later (x INTEGER)' }];
    expect(migrate(db, next)).toBe(99);
    expect(migrate(db, next)).toBe(99);
    expect(db.prepare('SELECT version FROM schema_version').pluck().all()).toEqual([...MIGRATIONS.map((m) => m.version), 99]);
    db.close();
    // A file from a newer bot is refused, not silently misread.
    expect(() => new SqliteStore({ path, sweepEveryMs: 0 })).toThrow(/schema version 99, newer than this version of the bot knows/);
  });

  it('sweeps periodically: expired rows leave the file', async () => {
    let now = 1_000_000;
    const path = join(tempDir(), 'bot.sqlite');
    const store = new SqliteStore({ path, now: () => now, sweepEveryMs: 20 });
    await store.claim('dedupe', 'event:old', 100);
    now += 101;
    await new Promise((r) => setTimeout(r, 80));
    const db = new Database(path);
    expect(db.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(0);
    db.close();
    await store.close();
  });

  it('gives each key to exactly one of several processes claiming on the same file', async () => {
    const path = join(tempDir(), 'bot.sqlite');
    await new SqliteStore({ path, sweepEveryMs: 0 }).close();
    const startAt = String(Date.now() + 3000);
    const racers = await Promise.all(
      Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', 'test/store/claimRacer.ts', path, '300', startAt], { encoding: 'utf8' })),
    );
    const won = racers.flatMap((r) => JSON.parse(r.stdout) as string[]);
    expect(won).toHaveLength(300);
    expect(new Set(won).size).toBe(300);
  }, 30_000);

  it('gives each claim and its entry to exactly one of several processes calling claimAndSet on the same file', async () => {
    const path = join(tempDir(), 'bot.sqlite');
    await new SqliteStore({ path, sweepEveryMs: 0 }).close();
    const startAt = String(Date.now() + 3000);
    const racers = await Promise.all(
      Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', 'test/store/claimRacer.ts', path, '300', startAt, 'claimAndSet'], { encoding: 'utf8' })),
    );
    const won = racers.flatMap((r) => JSON.parse(r.stdout) as string[]);
    expect(new Set(won).size).toBe(300);
    const store = new SqliteStore({ path, sweepEveryMs: 0 });
    const entries = await store.listOldest<number>('inbox', 1000);
    await store.close();
    // One entry per key, written by the process that won its claim.
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((e) => e.key.slice(0, e.key.lastIndexOf(':')))).size).toBe(300);
    const perProcess = (pids: number[]) => [...pids.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<number, number>()).values()].sort();
    expect(perProcess(entries.map((e) => e.value))).toEqual(racers.map((r) => (JSON.parse(r.stdout) as string[]).length).filter((n) => n > 0).sort());
  }, 30_000);

  it('creates the directory on first start, and names the path and the cause when it cannot open', async () => {
    const dir = tempDir();
    const store = await openStore({ backend: 'sqlite', path: join(dir, 'nested', 'deeper', 'bot.sqlite') });
    expect(await store.ping()).toMatchObject({ backend: 'sqlite', ok: true });
    await store.close();
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    await expect(openStore({ backend: 'sqlite', path: join(dir, 'a-file', 'bot.sqlite') })).rejects.toThrow(StoreOpenError);
    await expect(openStore({ backend: 'sqlite', path: join(dir, 'a-file', 'bot.sqlite') })).rejects.toThrow(/cannot open the SQLite store at .*a-file.*bot\.sqlite/);
    writeFileSync(join(dir, 'garbage.sqlite'), 'this is not a database file at all, just text '.repeat(100));
    await expect(openStore({ backend: 'sqlite', path: join(dir, 'garbage.sqlite') })).rejects.toThrow(/not a database/);
  });
  it('checkpoints the WAL from its worker thread (not on the writes), and stops it on close', async () => {
    const writeRows = async (store: SqliteStore) => {
      for (let i = 0; i < 300; i++) await store.set('session', `s${i}`, { padding: 'x'.repeat(500) });
    };
    const fileSize = (path: string) => statSync(path).size;
    const withWorker = join(tempDir(), 'bot.sqlite');
    const store = new SqliteStore({ path: withWorker, sweepEveryMs: 0, checkpointEveryMs: 20 });
    await writeRows(store);
    const started = Date.now();
    while (fileSize(withWorker) < 150_000 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(fileSize(withWorker)).toBeGreaterThan(150_000);
    await store.close();
    // The control: SQLite's own auto-checkpoint waits for 1,000 pages of WAL; these rows stay in it.
    const without = join(tempDir(), 'bot.sqlite');
    const plain = new SqliteStore({ path: without, sweepEveryMs: 0 });
    await writeRows(plain);
    await new Promise((r) => setTimeout(r, 200));
    expect(fileSize(without)).toBeLessThan(150_000);
    await plain.close();
  });
});
