import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadJob, saveJob, type Job, type JobState } from '../../src/batch/jobs.js';
import type { Kind } from '../../src/store/kinds.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import type { Store } from '../../src/store/store.js';

// The `job` kind drops its oldest entries past its bound: a job still previewed or running must not be
// one of them, however many newer jobs finish meanwhile. Bounds scaled down to a few entries.
const dirs: string[] = [];
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const backends: Array<[string, (bounds: Partial<Record<Kind, number>>) => Store]> = [
  ['memory', (bounds) => new MemoryStore({ bounds })],
  ['sqlite', (bounds) => {
    const dir = mkdtempSync(join(tmpdir(), 'opsbot-unfinished-'));
    dirs.push(dir);
    return new SqliteStore({ path: join(dir, 'store.sqlite'), sweepEveryMs: 0, bounds });
  }],
];

const job = (id: string, state: JobState): Job => ({ id, kind: 'status', createdBy: 'ou_admin', createdAt: 1, state, input: { people: ['ou_a'] }, results: [], meta: {} });

describe.each(backends)('jobs on the %s store', (_name, open) => {
  const store = (bounds: Partial<Record<Kind, number>>) => {
    const s = open(bounds);
    opened.push(s);
    return s;
  };

  it('a running and a previewed job outlive ten times the job bound of newer finished jobs', async () => {
    const s = store({ job: 3 });
    await saveJob(s, job('st_running', 'running'));
    await saveJob(s, job('st_preview', 'previewed'));
    for (let i = 0; i < 30; i++) await saveJob(s, job(`st_done${String(i).padStart(2, '0')}`, 'done'));
    await s.sweep();
    expect(await s.size('job')).toBe(3);
    expect((await loadJob(s, 'st_running'))?.state).toBe('running');
    expect((await loadJob(s, 'st_preview'))?.state).toBe('previewed');
    expect(await loadJob(s, 'st_done00')).toBeUndefined(); // finished ones are still dropped by volume
    expect((await loadJob(s, 'st_done29'))?.state).toBe('done');
  });

  it('a job that ends moves to the finished jobs; a restarted one is found either way', async () => {
    const s = store({ job: 3 });
    const j = job('st_moves', 'running');
    await saveJob(s, j);
    expect(await s.size('unfinished')).toBe(1);
    await saveJob(s, { ...j, state: 'done', results: ['ok'] });
    expect(await s.size('unfinished')).toBe(0);
    expect(await loadJob(s, 'st_moves')).toMatchObject({ state: 'done', results: ['ok'] });
    // A running header stored by an older version under `job` still loads.
    await s.set('job', 'job:st_old', job('st_old', 'running'));
    expect((await loadJob(s, 'st_old'))?.state).toBe('running');
  });

  it('unfinished jobs are refused past their own bound rather than one of them dropped', async () => {
    const s = store({ unfinished: 2 });
    await saveJob(s, job('st_a', 'running'));
    await saveJob(s, job('st_b', 'previewed'));
    await expect(saveJob(s, job('st_c', 'running'))).rejects.toThrow(/unfinished/);
    expect((await loadJob(s, 'st_a'))?.state).toBe('running');
    await saveJob(s, job('st_a', 'done'));
    await saveJob(s, job('st_c', 'running'));
    expect((await loadJob(s, 'st_c'))?.state).toBe('running');
  });
});
