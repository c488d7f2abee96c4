import type { Store } from '../store/store.js';

/**
 * What a chunk of a job had come to when the job was last seen: its results (it finished), or only that
 * it was being sent (the process stopped before the answer was recorded).
 */
export type PriorChunk<R> = { results: R[] } | { sent: true } | undefined;

/** How a batch records its progress chunk by chunk, so that a job interrupted by a restart resumes. */
export interface BatchCheckpoint<R> {
  /** What chunk `index` had come to before (a resumed job); always undefined for a fresh job. */
  prior(index: number): Promise<PriorChunk<R>>;
  /** Records that chunk `index` is being sent (only for APIs where sending it twice is not harmless). */
  sending(index: number): Promise<void>;
  /** Records chunk `index`'s results: one write the size of the chunk. */
  record(index: number, results: readonly R[]): Promise<void>;
  /** True once the process is stopping: chunks not started yet are left for the next start. */
  stopped(): boolean;
  /** How many chunks the batch has (set by the engine), so that the checkpoints can be dropped at the end. */
  chunks?: number;
}

const resultsKey = (jobId: string, i: number) => `${jobId}:${i}`;
const sentKey = (jobId: string, i: number) => `${jobId}:${i}:sent`;

/**
 * A job's checkpoints in the store, one entry per chunk under the kind `chunk` (never the whole result
 * list, which a 100,000-person job makes large). `fresh` skips the reads for a job that has none yet.
 */
export function storeCheckpoint<R>(store: Store, jobId: string, stopped: () => boolean, fresh: boolean): BatchCheckpoint<R> {
  return {
    async prior(i) {
      if (fresh) return undefined;
      const results = await store.get<R[]>('chunk', resultsKey(jobId, i));
      if (results) return { results };
      return (await store.get<boolean>('chunk', sentKey(jobId, i))) ? { sent: true } : undefined;
    },
    sending: (i) => store.set('chunk', sentKey(jobId, i), true),
    record: (i, results) => store.set('chunk', resultsKey(jobId, i), results),
    stopped,
  };
}

/** Drops a finished job's checkpoints (its stored job now holds every result). */
export async function dropCheckpoints(store: Store, jobId: string, chunks: number): Promise<void> {
  for (let i = 0; i < chunks; i++) {
    await store.delete('chunk', resultsKey(jobId, i));
    await store.delete('chunk', sentKey(jobId, i));
  }
}

/** What the index of unfinished jobs keeps of each: enough to log and to find its resumer. */
export interface ActiveEntry {
  kind: string;
  since: number;
}

export const markActive = (store: Store, jobId: string, entry: ActiveEntry): Promise<void> => store.set('active', jobId, entry);
export const markFinished = (store: Store, jobId: string): Promise<void> => store.delete('active', jobId);
export const isActive = async (store: Store, jobId: string): Promise<boolean> => (await store.get<ActiveEntry>('active', jobId)) !== undefined;

/** The jobs not finished yet, at start-up: the index's entries (the store lists a kind by key). */
export async function activeJobs(store: Store, limit = 10_000): Promise<Array<{ jobId: string } & ActiveEntry>> {
  return (await store.list<ActiveEntry>('active', limit)).map((e) => ({ jobId: e.key, ...e.value }));
}
