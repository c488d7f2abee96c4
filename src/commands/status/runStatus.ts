import type { Services } from '../../bot/context.js';
import { runBatch } from '../../batch/engine.js';
import { isUpstreamError } from '../../upstream/errors.js';
import { limitOf } from '../../upstream/limits.js';
import type { PersonOutcome, StatusInput } from './job.js';
import { REQUEST_FAILED } from './results.js';

/**
 * Chunks in flight at once. The rate limiter paces the calls; this only has to cover call latency
 * (50 calls/s × ~100 ms latency = 5 in flight), with headroom for slower networks.
 */
export const STATUS_CONCURRENCY = 10;

export interface Tally {
  done: number;
  total: number;
  ok: number;
  failed: number;
}

const apiOf = (input: StatusInput) =>
  input.op === 'open' ? ('personal_settings.system_status.batch_open' as const) : ('personal_settings.system_status.batch_close' as const);

function pickResults(chunk: string[], list: Array<{ user_id?: string; result?: string }> | undefined): PersonOutcome[] {
  const byId = new Map((list ?? []).map((r) => [r.user_id, r.result]));
  return chunk.map((id) => {
    const result = byId.get(id);
    if (!result) throw new Error(`no result for ${id} in the answer`);
    return { id, result };
  });
}

/** Opens or closes a system status for every person of `input`, chunk by chunk; one outcome per person, in order. */
export async function runStatus(
  services: Services,
  input: StatusInput,
  onProgress?: (tally: Tally) => void,
  isSuccess?: (r: string) => boolean,
  concurrency = STATUS_CONCURRENCY,
): Promise<PersonOutcome[]> {
  const api = apiOf(input);
  const tally: Tally = { done: 0, total: input.people.length, ok: 0, failed: 0 };
  const path = { system_status_id: input.statusId };
  const endTime = String(input.endSec ?? 0);
  return runBatch<string, PersonOutcome>({
    items: input.people,
    chunkSize: limitOf(api).chunkSize ?? 50,
    concurrency,
    async runChunk(chunk) {
      if (input.op === 'open') {
        const res = await services.feishu.call(api, (sdk, o) =>
          sdk.personal_settings.systemStatus.batchOpen(
            // The reference types end_time as a string of seconds; the SDK's type says number.
            { path, params: { user_id_type: 'open_id' }, data: { user_list: chunk.map((user_id) => ({ user_id, end_time: endTime as unknown as number })) } },
            o,
          ),
        );
        return pickResults(chunk, res.data?.result_list);
      }
      const res = await services.feishu.call(api, (sdk, o) =>
        sdk.personal_settings.systemStatus.batchClose({ path, params: { user_id_type: 'open_id' }, data: { user_list: chunk } }, o),
      );
      return pickResults(chunk, res.data?.result_list);
    },
    failChunk(chunk, err) {
      const error = isUpstreamError(err) ? { code: String(err.code), msg: err.msg } : { code: 'ERROR', msg: err instanceof Error ? err.message : String(err) };
      if (!isUpstreamError(err)) services.log.error({ err, api }, 'status chunk failed unexpectedly');
      return chunk.map((id) => ({ id, result: REQUEST_FAILED, error }));
    },
    onProgress(done, _total, chunkResults) {
      tally.done = done;
      for (const r of chunkResults) {
        if (isSuccess?.(r.result) ?? r.result.startsWith('success')) tally.ok++;
        else tally.failed++;
      }
      onProgress?.({ ...tally });
    },
  });
}
