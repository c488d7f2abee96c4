import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kind } from '../../src/store/kinds.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, lastText } from './helpers.js';

// A running job is written as a small header plus one entry per chunk: never its whole result list per chunk.
let h: Harness;
const writes: Array<{ kind: Kind; key: string; bytes: number; results?: number }> = [];
beforeAll(async () => {
  h = await startHarness();
  const store = h.bot.services.store;
  const set = store.set.bind(store);
  store.set = async (kind, key, value, ttl) => {
    const results = (value as { results?: unknown[] } | undefined)?.results;
    writes.push({ kind, key, bytes: JSON.stringify(value).length, ...(Array.isArray(results) ? { results: results.length } : {}) });
    return set(kind, key, value, ttl);
  };
});
afterAll(() => h.close());

describe('the store writes of a status job', () => {
  it('one chunk entry per chunk (the size of a chunk), the header twice (empty results, then all), nothing left behind', async () => {
    const people = addPeople(h, 190, 'ou_dur');
    writes.length = 0;
    await h.say(`/status open 出差 ${people.join(' ')}`);
    expect(lastText(h)).toContain('All succeeded');
    const chunks = writes.filter((w) => w.kind === 'chunk');
    expect(chunks).toHaveLength(4);
    const chunkBytes = Math.max(...chunks.map((w) => w.bytes));
    // ~50 results of {id, result}: a chunk, not the job.
    expect(chunkBytes).toBeLessThan(50 * 120);
    // The header while running under `unfinished` (never dropped for volume), the finished job under `job`.
    const jobWrites = writes.filter((w) => w.kind === 'job' || w.kind === 'unfinished');
    expect(jobWrites.map((w) => [w.kind, w.results])).toEqual([['unfinished', 0], ['job', 190]]);
    expect(writes.filter((w) => w.kind === 'active')).toHaveLength(1);
    const store = h.bot.services.store;
    expect(await store.size('chunk')).toBe(0);
    expect(await store.size('active')).toBe(0);
    expect(await store.size('unfinished')).toBe(0);
  });
});
