import pLimit from 'p-limit';

export interface BatchSpec<I, R> {
  items: readonly I[];
  /** The API's documented chunk size (from src/upstream/limits.ts). */
  chunkSize: number;
  /**
   * Chunks in flight at once. The rate limit itself is enforced by the outgoing-call wrapper; concurrency
   * only has to be high enough that call latency does not throttle throughput.
   */
  concurrency?: number;
  /** Calls the API for one chunk and returns exactly one result per item, in order. */
  runChunk(chunk: I[], chunkIndex: number): Promise<R[]>;
  /** A chunk that finally failed (after the wrapper's retries): one failure result per item. */
  failChunk(chunk: I[], error: unknown, chunkIndex: number): R[];
  /** Called after every chunk with the number of items finished so far and that chunk's results. */
  onProgress?(done: number, total: number, chunkResults: readonly R[]): void;
}

export function chunk<I>(items: readonly I[], size: number): I[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const out: I[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const DEFAULT_CONCURRENCY = 8;

/**
 * Runs a batch chunk by chunk with bounded concurrency. Every input item ends with exactly one result,
 * in input order: a chunk whose answer does not have one result per item is failed as a whole rather
 * than guessed at, and a chunk that throws is failed item by item with the reason.
 */
export async function runBatch<I, R>(spec: BatchSpec<I, R>): Promise<R[]> {
  const chunks = chunk(spec.items, spec.chunkSize);
  const limit = pLimit(spec.concurrency ?? DEFAULT_CONCURRENCY);
  const results: R[][] = new Array(chunks.length);
  let done = 0;
  await Promise.all(
    chunks.map((c, i) =>
      limit(async () => {
        let r: R[];
        try {
          r = await spec.runChunk(c, i);
          if (r.length !== c.length) throw new Error(`chunk ${i} returned ${r.length} results for ${c.length} items`);
        } catch (err) {
          r = spec.failChunk(c, err, i);
        }
        results[i] = r;
        done += c.length;
        spec.onProgress?.(done, spec.items.length, r);
      }),
    ),
  );
  return results.flat();
}
