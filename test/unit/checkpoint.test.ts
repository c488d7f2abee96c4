import { describe, expect, it } from 'vitest';
import { storeCheckpoint, type BatchCheckpoint } from '../../src/batch/checkpoint.js';
import { BatchInterrupted, runBatch } from '../../src/batch/engine.js';
import { MemoryStore } from '../../src/store/memoryStore.js';

const items = Array.from({ length: 10 }, (_, i) => i);

describe('runBatch with a checkpoint', () => {
  it('records each chunk once, as one write of that chunk only', async () => {
    const store = new MemoryStore();
    const writes: Array<{ key: string; bytes: number }> = [];
    const set = store.set.bind(store);
    store.set = async (kind, key, value, ttl) => {
      writes.push({ key: `${kind}/${key}`, bytes: JSON.stringify(value).length });
      return set(kind, key, value, ttl);
    };
    const cp = storeCheckpoint<string>(store, 'job1', () => false, true);
    const out = await runBatch({ items, chunkSize: 3, runChunk: async (c) => c.map((x) => `r${x}`), failChunk: (c) => c.map(() => 'x'), checkpoint: cp });
    expect(out).toHaveLength(10);
    expect(writes.map((w) => w.key).sort()).toEqual(['chunk/job1:0', 'chunk/job1:1', 'chunk/job1:2', 'chunk/job1:3']);
    expect(Math.max(...writes.map((w) => w.bytes))).toBeLessThanOrEqual(JSON.stringify(['r0', 'r1', 'r2']).length);
    expect(cp.chunks).toBe(4);
  });

  it('a resumed batch takes the checkpointed chunks as they are and sends only the others', async () => {
    const sent: number[][] = [];
    const prior: BatchCheckpoint<string> = {
      prior: async (i) => (i === 0 || i === 2 ? { results: ['old', 'old', 'old'] } : undefined),
      sending: async () => undefined,
      record: async () => undefined,
      stopped: () => false,
    };
    const out = await runBatch({ items, chunkSize: 3, runChunk: async (c) => { sent.push(c); return c.map((x) => `r${x}`); }, failChunk: (c) => c.map(() => 'x'), checkpoint: prior });
    expect(sent.sort()).toEqual([[3, 4, 5], [9]]);
    expect(out).toEqual(['old', 'old', 'old', 'r3', 'r4', 'r5', 'old', 'old', 'old', 'r9']);
  });

  it('a chunk sent before the restart but never answered: sent again when that is harmless, else "may have been applied"', async () => {
    const cp = (): BatchCheckpoint<string> => ({ prior: async (i) => (i === 1 ? { sent: true } : undefined), sending: async () => undefined, record: async () => undefined, stopped: () => false });
    const sent: number[] = [];
    const run = async (c: number[]) => { sent.push(...c); return c.map((x) => `r${x}`); };
    const harmless = await runBatch({ items: [0, 1, 2, 3], chunkSize: 2, runChunk: run, failChunk: (c) => c.map(() => 'x'), checkpoint: cp() });
    expect(harmless).toEqual(['r0', 'r1', 'r2', 'r3']);
    sent.length = 0;
    const marked: number[] = [];
    const strict = await runBatch({
      items: [0, 1, 2, 3], chunkSize: 2, runChunk: run, failChunk: (c) => c.map(() => 'x'),
      mayHaveApplied: (c) => c.map(() => 'unknown'),
      checkpoint: { ...cp(), sending: async (i) => { marked.push(i); } },
    });
    expect(strict).toEqual(['r0', 'r1', 'unknown', 'unknown']);
    expect(sent).toEqual([0, 1]);
    expect(marked).toEqual([0]);
  });

  it('stopping: the chunks in flight finish and are recorded, no new one starts, and the batch says it was interrupted', async () => {
    let stop = false;
    let started = 0;
    const recorded: number[] = [];
    const cp: BatchCheckpoint<number> = { prior: async () => undefined, sending: async () => undefined, record: async (i) => { recorded.push(i); }, stopped: () => stop };
    const err = await runBatch({
      items, chunkSize: 2, concurrency: 2, checkpoint: cp, failChunk: (c) => c,
      runChunk: async (c) => {
        started++;
        if (started === 2) stop = true; // the stop comes while two chunks are in flight
        await new Promise((r) => setTimeout(r, 5));
        return c;
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchInterrupted);
    expect(recorded.sort()).toEqual([0, 1]);
    expect((err as BatchInterrupted).done).toBe(4);
  });
});
