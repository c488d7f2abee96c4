import { runBatch } from '../../batch/engine.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { Feishu } from '../../upstream/feishu.js';
import { limitOf } from '../../upstream/limits.js';
import type { Okr, OkrLang, OkrPeriod } from './types.js';

/** Safety stop for paginated reads, far above any real tenant's number of periods. */
const MAX_PAGES = 50;
const USER_OKR_PAGE = 10;
/** The documented default; the maximum is not documented (UNCONFIRMED). */
const PERIOD_PAGE = 10;
export const BATCH_GET_CHUNK = limitOf('okr.okr.batch_get').chunkSize ?? 10;

export async function listPeriods(feishu: Feishu): Promise<OkrPeriod[]> {
  const out: OkrPeriod[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await feishu.call('okr.period.list', (sdk, o) =>
      sdk.okr.period.list({ params: { page_size: PERIOD_PAGE, ...(pageToken ? { page_token: pageToken } : {}) } }, o),
    );
    for (const p of res.data?.items ?? []) if (p.id) out.push(p as OkrPeriod);
    pageToken = res.data?.page_token;
    if (!res.data?.has_more || !pageToken) break;
  }
  return out;
}

interface UserOkrPage {
  data?: { total?: number; okr_list?: Okr[] };
}

/** A user's OKRs (one per period), optionally only for some periods (≤10 ids, as documented). */
export async function listUserOkrs(feishu: Feishu, openId: string, lang: OkrLang, periodIds?: string[]): Promise<Okr[]> {
  const out: Okr[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = (await feishu.call('okr.user_okr.list', (sdk, o) =>
      sdk.okr.userOkr.list(
        {
          path: { user_id: openId },
          params: {
            user_id_type: 'open_id',
            offset: String(out.length),
            limit: String(USER_OKR_PAGE),
            lang,
            ...(periodIds && periodIds.length > 0 ? { period_ids: periodIds.slice(0, 10) } : {}),
          },
        },
        o,
      ),
    )) as UserOkrPage;
    const list = res.data?.okr_list ?? [];
    out.push(...list);
    const total = res.data?.total ?? 0;
    if (list.length === 0 || out.length >= total) break;
  }
  return out;
}

export type BatchItem = { id: string; okr?: Okr; error?: unknown };

const OKR_NOT_FOUND = 1001004;
const isNotFound = (err: unknown) => isUpstreamError(err) && Number(err.code) === OKR_NOT_FOUND;

async function batchGetOnce(feishu: Feishu, ids: string[], lang: OkrLang): Promise<Map<string, Okr>> {
  const res = (await feishu.call('okr.okr.batch_get', (sdk, o) =>
    sdk.okr.okr.batchGet({ params: { user_id_type: 'open_id', okr_ids: ids, lang } }, o),
  )) as { data?: { okr_list?: Okr[] } };
  return new Map((res.data?.okr_list ?? []).map((okr) => [okr.id, okr]));
}

/**
 * Reads OKRs by id, ≤10 ids per call through the batch engine. Each id ends with its OKR, nothing (not
 * found) or the error of its chunk.
 */
export async function batchGetOkrs(feishu: Feishu, ids: string[], lang: OkrLang): Promise<BatchItem[]> {
  return runBatch<string, BatchItem>({
    items: ids,
    chunkSize: BATCH_GET_CHUNK,
    concurrency: 3,
    async runChunk(chunk) {
      try {
        const byId = await batchGetOnce(feishu, chunk, lang);
        return chunk.map((id) => ({ id, okr: byId.get(id) }));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        if (chunk.length === 1) return [{ id: chunk[0] as string }];
      }
      // One unknown id fails its whole chunk: ask id by id so the others are not lost.
      const out: BatchItem[] = [];
      for (const id of chunk) {
        try {
          out.push({ id, okr: (await batchGetOnce(feishu, [id], lang)).get(id) });
        } catch (err) {
          out.push(isNotFound(err) ? { id } : { id, error: err });
        }
      }
      return out;
    },
    failChunk: (chunk, error) => chunk.map((id) => ({ id, error })),
    observe: feishu.observeBatch('okr.okr.batch_get'),
  });
}
