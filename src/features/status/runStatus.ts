import type { Services } from '../../framework/context.js';
import type { BatchCheckpoint } from '../../batch/checkpoint.js';
import { runBatch } from '../../batch/engine.js';
import { isUpstreamError, type UpstreamError } from '../../upstream/errors.js';
import { limitOf } from '../../upstream/limits.js';
import type { PersonOutcome, StatusInput } from './job.js';
import { OTHER_TENANT, REQUEST_FAILED, REQUEST_REFUSED, REQUEST_UNKNOWN, resultInfo } from './results.js';

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

const OTHER_TENANT_CODE = 2005006;
const INVALID_PARAM_CODE = 2005001;
/** A 2005001 naming one of these is about the whole request, so splitting the chunk cannot help. */
const REQUEST_WIDE_PARAM = /system_status_id|end_time|user_id_type|page_/i;

/**
 * Errors one person can cause for a whole chunk: a user of another tenant (2005006), or an id the API
 * finds invalid (2005001 that does not name a request-wide parameter). Such chunks are bisected.
 */
export function oneUserCanCause(err: unknown): boolean {
  if (!isUpstreamError(err) || err.transient) return false;
  const code = Number(err.code);
  return code === OTHER_TENANT_CODE || (code === INVALID_PARAM_CODE && !REQUEST_WIDE_PARAM.test(err.msg));
}

function outcomeOfFailure(err: UpstreamError, alone: boolean): string {
  // A lost answer: the status may have been set for the whole chunk.
  if (err.ambiguous) return REQUEST_UNKNOWN;
  if (err.transient) return REQUEST_FAILED;
  return alone && Number(err.code) === OTHER_TENANT_CODE ? OTHER_TENANT : REQUEST_REFUSED;
}

/** The batch API of a run (its rate window is what a run behind another waits for). */
export const apiOf = (input: Pick<StatusInput, 'op'>) =>
  input.op === 'open' ? ('personal_settings.system_status.batch_open' as const) : ('personal_settings.system_status.batch_close' as const);

function pickResults(chunk: string[], list: Array<{ user_id?: string; result?: string }> | undefined): PersonOutcome[] {
  const byId = new Map((list ?? []).map((r) => [r.user_id, r.result]));
  return chunk.map((id) => {
    const result = byId.get(id);
    if (!result) throw new Error(`no result for ${id} in the answer`);
    return { id, result };
  });
}

/** One batch_open or batch_close call for a chunk of people. */
async function callChunk(services: Services, input: StatusInput, chunk: string[]): Promise<PersonOutcome[]> {
  const api = apiOf(input);
  const path = { system_status_id: input.statusId };
  const params = { user_id_type: 'open_id' as const };
  if (input.op === 'open') {
    // The reference types end_time as a string of seconds; the SDK's type says number.
    const endTime = String(input.endSec ?? 0) as unknown as number;
    const res = await services.feishu.call(api, (sdk, o) =>
      sdk.personal_settings.systemStatus.batchOpen({ path, params, data: { user_list: chunk.map((user_id) => ({ user_id, end_time: endTime })) } }, o),
    );
    return pickResults(chunk, res.data?.result_list);
  }
  const res = await services.feishu.call(api, (sdk, o) => sdk.personal_settings.systemStatus.batchClose({ path, params, data: { user_list: chunk } }, o));
  return pickResults(chunk, res.data?.result_list);
}

/**
 * Opens or closes a system status for every person of `input`, chunk by chunk; one outcome per person, in
 * order. A chunk refused because of one person is split until that person stands alone.
 */
export async function runStatus(
  services: Services,
  input: StatusInput,
  onProgress?: (tally: Tally) => void,
  concurrency = STATUS_CONCURRENCY,
  checkpoint?: BatchCheckpoint<PersonOutcome>,
): Promise<PersonOutcome[]> {
  const api = apiOf(input);
  const tally: Tally = { done: 0, total: input.people.length, ok: 0, failed: 0 };
  return runBatch<string, PersonOutcome>({
    items: input.people,
    chunkSize: limitOf(api).chunkSize ?? 50,
    concurrency,
    runChunk: (chunk) => callChunk(services, input, chunk),
    isolate: oneUserCanCause,
    observe: services.feishu.observeBatch(api),
    // No mayHaveApplied: a chunk sent before a restart is sent again, which is harmless. batch_open of the
    // same status and end time for the same person sets the same state; batch_close of a status that is
    // off leaves it off (and answers `success`). So a resumed chunk converges on one state, not two.
    checkpoint,
    failChunk(chunk, err) {
      if (!isUpstreamError(err)) {
        services.log.error({ err, api }, 'status chunk failed unexpectedly');
        const error = { code: 'ERROR', msg: err instanceof Error ? err.message : String(err) };
        return chunk.map((id) => ({ id, result: REQUEST_FAILED, error }));
      }
      const error = { code: String(err.code), msg: err.msg };
      const result = outcomeOfFailure(err, chunk.length === 1);
      return chunk.map((id) => ({ id, result, error }));
    },
    onProgress(done, _total, chunkResults) {
      tally.done = done;
      for (const r of chunkResults) {
        if (resultInfo(r.result).success) tally.ok++;
        else tally.failed++;
      }
      onProgress?.({ ...tally });
    },
  });
}
