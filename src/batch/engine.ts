import pLimit from 'p-limit';
import type { BatchObserver } from '../observe/metrics.js';
import type { BatchCheckpoint } from './checkpoint.js';

/** The batch stopped taking chunks (the process is stopping); what it did is checkpointed, the rest resumes later. */
export class BatchInterrupted extends Error {
  constructor(readonly done: number, readonly total: number) {
    super(`batch interrupted after ${done} of ${total} items`);
    this.name = 'BatchInterrupted';
  }
}

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
  /**
   * Whether a refused chunk should be split to find the items that caused it (an error one bad item can
   * cause for the whole request). The halves are retried in turn until each culprit stands alone, so the
   * others still get done and only the culprits are failed.
   */
  isolate?(error: unknown, chunk: readonly I[]): boolean;
  /** Called after every chunk with the number of items finished so far and that chunk's results. */
  onProgress?(done: number, total: number, chunkResults: readonly R[]): void;
  /** Counts finished items (metrics): `ok` for items of a call that succeeded, `failed` for failChunk's. */
  observe?: BatchObserver;
  /** Where each chunk's results are recorded, and what a resumed job had done before. */
  checkpoint?: BatchCheckpoint<R>;
  /**
   * For an API where sending a chunk twice is NOT harmless: the results of a chunk that was sent before a
   * restart but whose answer was never recorded ("unknown: may have been applied"), instead of sending
   * it again. Absent: sending again is harmless (say why next to the API's batch), so such a chunk is sent.
   */
  mayHaveApplied?(chunk: I[], chunkIndex: number): R[];
}

export function chunk<I>(items: readonly I[], size: number): I[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const out: I[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const DEFAULT_CONCURRENCY = 8;

/** Runs one chunk; when it is refused in a way `isolate` accepts, bisects it so each item gets its own result. */
async function runOrIsolate<I, R>(spec: BatchSpec<I, R>, c: I[], i: number): Promise<R[]> {
  try {
    const r = await spec.runChunk(c, i);
    if (r.length !== c.length) throw new Error(`chunk ${i} returned ${r.length} results for ${c.length} items`);
    spec.observe?.('ok', c.length);
    return r;
  } catch (err) {
    if (c.length < 2 || !spec.isolate?.(err, c)) {
      spec.observe?.('failed', c.length);
      return spec.failChunk(c, err, i);
    }
    const half = Math.ceil(c.length / 2);
    // Halves run one after the other inside the chunk's concurrency slot; the call wrapper paces them.
    return [...(await runOrIsolate(spec, c.slice(0, half), i)), ...(await runOrIsolate(spec, c.slice(half), i))];
  }
}

/**
 * Runs a batch chunk by chunk with bounded concurrency. Every input item ends with exactly one result,
 * in input order: a chunk whose answer does not have one result per item is failed as a whole rather
 * than guessed at, and a chunk that throws is failed item by item with the reason (after bisecting it,
 * when `isolate` says one item can have caused the refusal).
 */
export async function runBatch<I, R>(spec: BatchSpec<I, R>): Promise<R[]> {
  const chunks = chunk(spec.items, spec.chunkSize);
  const limit = pLimit(spec.concurrency ?? DEFAULT_CONCURRENCY);
  const results: R[][] = new Array(chunks.length);
  const cp = spec.checkpoint;
  if (cp) cp.chunks = chunks.length;
  let done = 0;
  let left = false;
  await Promise.all(
    chunks.map((c, i) =>
      limit(async () => {
        const r = await chunkResults(spec, c, i);
        if (!r) {
          left = true;
          return;
        }
        results[i] = r;
        done += c.length;
        spec.onProgress?.(done, spec.items.length, r);
      }),
    ),
  );
  if (left) throw new BatchInterrupted(done, spec.items.length);
  return results.flat();
}

/**
 * One chunk's results: recorded before (a resumed job), or sent now and recorded, or, when the process is
 * stopping, undefined (left for the next start). A chunk sent before a restart whose answer was never
 * recorded is sent again, unless the API says that is not harmless (`mayHaveApplied`).
 */
async function chunkResults<I, R>(spec: BatchSpec<I, R>, c: I[], i: number): Promise<R[] | undefined> {
  const cp = spec.checkpoint;
  if (!cp) return runOrIsolate(spec, c, i);
  const prior = await cp.prior(i);
  if (prior && 'results' in prior) return prior.results;
  if (cp.stopped()) return undefined;
  let r: R[];
  if (prior && spec.mayHaveApplied) r = spec.mayHaveApplied(c, i);
  else {
    if (spec.mayHaveApplied) await cp.sending(i);
    r = await runOrIsolate(spec, c, i);
  }
  await cp.record(i, r);
  return r;
}
