import { LRUCache } from 'lru-cache';
import type { Services } from '../../framework/context.js';
import type { Feishu } from '../../upstream/feishu.js';
import { limitOf } from '../../upstream/limits.js';

export interface SystemStatus {
  id: string;
  title: string;
  i18n: { zh_cn?: string; en_us?: string; ja_jp?: string };
  priority?: number;
}

/** Statuses change rarely and the list API allows only 100 calls a minute: keep them a few minutes. */
export const STATUS_CACHE_TTL_MS = 5 * 60_000;

const caches = new WeakMap<Feishu, LRUCache<'all', SystemStatus[]>>();

function cacheOf(feishu: Feishu): LRUCache<'all', SystemStatus[]> {
  let cache = caches.get(feishu);
  if (!cache) {
    cache = new LRUCache<'all', SystemStatus[]>({ max: 1, ttl: STATUS_CACHE_TTL_MS });
    caches.set(feishu, cache);
  }
  return cache;
}

async function fetchAll(services: Services): Promise<SystemStatus[]> {
  const out: SystemStatus[] = [];
  let pageToken: string | undefined;
  do {
    const res = await services.feishu.call('personal_settings.system_status.list', (sdk, o) =>
      sdk.personal_settings.systemStatus.list({ params: { page_size: limitOf('personal_settings.system_status.list').chunkSize ?? 50, ...(pageToken ? { page_token: pageToken } : {}) } }, o),
    );
    for (const s of res.data?.items ?? []) {
      if (s.system_status_id) out.push({ id: s.system_status_id, title: s.title, i18n: s.i18n_title ?? {}, priority: s.priority });
    }
    pageToken = res.data?.has_more ? res.data.page_token : undefined;
  } while (pageToken);
  return out;
}

/** Every system status of the tenant, all pages; from the cache unless `fresh`. */
export async function listStatuses(services: Services, fresh = false): Promise<SystemStatus[]> {
  const cache = cacheOf(services.feishu);
  const hit = fresh ? undefined : cache.get('all');
  if (hit) return hit;
  const all = await fetchAll(services);
  cache.set('all', all);
  return all;
}

/** By id, or by title in any language, case-insensitively. */
export function matchStatus(statuses: SystemStatus[], text: string): SystemStatus | undefined {
  const wanted = text.trim().toLowerCase();
  return (
    statuses.find((s) => s.id === text.trim()) ??
    statuses.find((s) => [s.title, ...Object.values(s.i18n)].some((title) => title?.trim().toLowerCase() === wanted))
  );
}

/** Resolves a status the user typed; a miss refreshes the cache once (the status may be new). */
export async function resolveStatus(services: Services, text: string): Promise<{ status?: SystemStatus; all: SystemStatus[] }> {
  const cached = await listStatuses(services);
  const hit = matchStatus(cached, text);
  if (hit) return { status: hit, all: cached };
  const fresh = await listStatuses(services, true);
  return { status: matchStatus(fresh, text), all: fresh };
}
