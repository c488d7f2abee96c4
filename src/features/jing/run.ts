import type { JingOutcome } from './cards.js';
import type { BatchCheckpoint } from '../../batch/checkpoint.js';
import { runBatch } from '../../batch/engine.js';
import type { Jingsocial, UserStatusRequest } from './client.js';
import { JING_API } from './client.js';
import { chunkSizeOf } from '../../batch/chunkSize.js';
import { itemErrorOf } from '../../batch/itemError.js';

/** What one /jing status run sets, with the times already resolved (kept on the job for retries). */
export interface JingInput {
  activity: string;
  signin?: { status: string; time: string };
  approve?: { status: string; time: string };
  /** The users of the run, kept so that a run interrupted by a restart can continue (absent on old jobs). */
  users?: string[];
}

/** UNCONFIRMED: the vendor's maximum of user_ids per call is unknown (§A.3); the number lives in limits.ts only. */
export const JING_CHUNK = chunkSizeOf(JING_API.userStatus);
const CONCURRENCY = 4;

export function requestFor(input: Omit<JingInput, 'users'>, users: string[]): UserStatusRequest {
  return {
    entity_uuid: input.activity,
    user_ids: users,
    ...(input.signin ? { ems_signinstatus: input.signin.status, ems_signintimestamp: input.signin.time } : {}),
    ...(input.approve ? { ems_approvestatus: input.approve.status, ems_approvetimestamp: input.approve.time } : {}),
  };
}

/**
 * Sends the users chunk by chunk. A user the answer does not mention was not updated (the API has no
 * per-user error); a chunk whose call failed marks its users as failed, with the reason.
 */
export function runJing(client: Jingsocial, input: JingInput, users: string[], onProgress?: (done: number, total: number) => void, checkpoint?: BatchCheckpoint<JingOutcome>): Promise<JingOutcome[]> {
  return runBatch<string, JingOutcome>({
    items: users,
    chunkSize: JING_CHUNK,
    concurrency: CONCURRENCY,
    async runChunk(chunk) {
      const records = await client.updateUserStatus(requestFor(input, chunk));
      const returned = new Set(records.map((r) => r.omni_user_uuid));
      return chunk.map((userId) => ({ userId, state: returned.has(userId) ? 'updated' : 'not_updated' }));
    },
    failChunk: (chunk, err) => chunk.map((userId) => ({ userId, state: 'failed', error: itemErrorOf(err) })),
    onProgress,
    observe: client.observeBatch(JING_API.userStatus),
    // No mayHaveApplied: user_status sets the given sign-in / approval status and time on each user, so a
    // chunk sent again after a restart sets the very same values (the times are resolved on the job, and
    // a Retry job copies them from the job it retries).
    checkpoint,
  });
}
