import type { CxOutcome } from './cards.js';
import type { BatchCheckpoint } from '../../batch/checkpoint.js';
import { runBatch } from '../../batch/engine.js';
import { CX_API, type CardData, type Chengxun } from './client.js';
import { chunkSizeOf } from '../../batch/chunkSize.js';
import { itemErrorOf } from '../../batch/itemError.js';

/** What one /cx card run sets (kept on the job, so that a retry sends the very same data). */
export interface CxInput {
  enterpriseId?: string;
  card: CardData;
  /** The accounts of the run, kept so that a run interrupted by a restart can continue (absent on old jobs). */
  accounts?: string[];
}

/** The documented maximum of account_id_list (1–200). */
export const CX_CHUNK = chunkSizeOf(CX_API.sameData);
const CONCURRENCY = 2;

/**
 * Sends the accounts chunk by chunk. The API answers per call only, so every account of a chunk shares
 * its chunk's fate. `label` names the chunks of this run ("1", "2"… or "retry 1·1"…).
 */
export function runCx(client: Chengxun, input: CxInput, accounts: string[], label: (i: number) => string, onProgress?: (done: number, total: number) => void, checkpoint?: BatchCheckpoint<CxOutcome>): Promise<CxOutcome[]> {
  return runBatch<string, CxOutcome>({
    items: accounts,
    chunkSize: CX_CHUNK,
    concurrency: CONCURRENCY,
    async runChunk(chunk, i) {
      await client.batchSetSameData({ enterpriseId: input.enterpriseId, accountIds: chunk, card: input.card });
      return chunk.map((accountId) => ({ accountId, chunk: label(i), ok: true }));
    },
    failChunk: (chunk, err, i) => chunk.map((accountId) => ({ accountId, chunk: label(i), ok: false, error: itemErrorOf(err) })),
    onProgress,
    observe: client.observeBatch(CX_API.sameData),
    // No mayHaveApplied: batch_set_same_data gives each account the same card data (the job keeps it, its
    // times already resolved; a Retry job copies it), so a chunk sent again after a restart sets what the
    // first send set.
    checkpoint,
  });
}
