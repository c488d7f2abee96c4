import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/engine.js';

describe('runBatch', () => {
  it('splits 120 items into 3 chunks of at most 50 and keeps one result per item, in order', async () => {
    const sizes: number[] = [];
    const out = await runBatch({
      items: Array.from({ length: 120 }, (_, i) => i),
      chunkSize: 50,
      runChunk: async (c) => { sizes.push(c.length); return c.map((x) => x * 2); },
      failChunk: (c) => c.map(() => -1),
    });
    expect(sizes.sort()).toEqual([20, 50, 50]);
    expect(out).toEqual(Array.from({ length: 120 }, (_, i) => i * 2));
  });

  it('fails a chunk item by item when it throws or answers the wrong number of results', async () => {
    const out = await runBatch<number, string>({
      items: [1, 2, 3, 4, 5],
      chunkSize: 2,
      runChunk: async (c, i) => { if (i === 0) throw new Error('down'); return i === 1 ? ['only one'] : c.map(String); },
      failChunk: (c, err) => c.map(() => `failed: ${(err as Error).message.split(' ').slice(0, 2).join(' ')}`),
    });
    expect(out).toEqual(['failed: down', 'failed: down', 'failed: chunk 1', 'failed: chunk 1', '5']);
  });

  it('reports progress with each chunk’s results', async () => {
    const seen: Array<[number, number]> = [];
    await runBatch({
      items: [1, 2, 3],
      chunkSize: 1,
      concurrency: 1,
      runChunk: async (c) => c,
      failChunk: (c) => c,
      onProgress: (done, _total, r) => seen.push([done, r.length]),
    });
    expect(seen).toEqual([[1, 1], [2, 1], [3, 1]]);
  });
});

describe('runBatch isolating the items that made a chunk fail', () => {
  const bad = new Set([3, 17]);
  const run = (isolate?: (err: unknown) => boolean) => {
    const calls: number[][] = [];
    const out = runBatch<number, string>({
      items: Array.from({ length: 20 }, (_, i) => i),
      chunkSize: 10,
      concurrency: 1,
      runChunk: async (c) => {
        calls.push(c);
        if (c.some((x) => bad.has(x))) throw new Error('other tenant');
        return c.map((x) => `ok ${x}`);
      },
      failChunk: (c, err) => c.map((x) => `${(err as Error).message} ${x}`),
      isolate,
    });
    return { out, calls };
  };

  it('bisects a refused chunk until the culprit stands alone; everyone else is done', async () => {
    const { out, calls } = run(() => true);
    const results = await out;
    expect(results.filter((r) => r.startsWith('other tenant'))).toEqual(['other tenant 3', 'other tenant 17']);
    expect(results.filter((r) => r.startsWith('ok'))).toHaveLength(18);
    expect(results[5]).toBe('ok 5');
    // 2 chunks, each bisected down to one culprit: far fewer calls than one per person.
    expect(calls.length).toBeLessThanOrEqual(2 * 7);
    expect(calls.every((c) => c.length <= 10)).toBe(true);
  });

  it('fails the whole chunk when the error is not one an item can cause', async () => {
    const { out, calls } = run(() => false);
    expect((await out).filter((r) => r.startsWith('other tenant'))).toHaveLength(20);
    expect(calls).toHaveLength(2);
  });
});
