import type { Request, Router } from 'express';
import type { Okr, OkrPeriod } from '../../../features/okr/types.js';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import type { SandboxState } from '../../state.js';
import { okrData, type OkrRecord } from './data.js';

const INVALID = 1001001;
const USER_NOT_FOUND = 1001003;
const OKR_NOT_FOUND = 1001004;
/** UNCONFIRMED: the periods page size maximum is not documented; the default is 10. */
const PERIOD_PAGE_DEFAULT = 10;
const PERIOD_PAGE_MAX = 100;
const USER_ID_TYPES = new Set(['open_id', 'union_id', 'user_id', 'people_admin_id']);

const invalid = (what: string): never => fail(400, INVALID, `Invalid parameters. Please check document and modify accordingly. (${what})`);

function one(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return invalid(`${name} must be given once`);
  return v;
}

function many(req: Request, name: string): string[] {
  const v = req.query[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string' && x !== '')) return invalid(`${name} must be strings`);
  return list as string[];
}

function commonParams(req: Request): 'zh_cn' | 'en_us' {
  const idType = one(req, 'user_id_type') ?? 'open_id';
  if (!USER_ID_TYPES.has(idType)) invalid('user_id_type');
  const lang = one(req, 'lang') ?? 'zh_cn';
  if (lang !== 'zh_cn' && lang !== 'en_us') invalid('lang must be zh_cn or en_us');
  return lang as 'zh_cn' | 'en_us';
}

function intParam(req: Request, name: string, min: number, max: number, required: boolean): number | undefined {
  const raw = one(req, name);
  if (raw === undefined) return required ? invalid(`${name} is required`) : undefined;
  if (!/^\d+$/.test(raw)) return invalid(`${name} must be a non-negative integer`);
  const n = Number(raw);
  if (n < min || n > max) invalid(`${name} must be ${min}-${max}`);
  return n;
}

/** An OKR as the caller sees it: period name in the asked language; only the id without access. */
function view(rec: OkrRecord, periods: OkrPeriod[], lang: 'zh_cn' | 'en_us'): Okr {
  if (rec.restricted) return { id: rec.okr.id, permission: 0 };
  const period = periods.find((p) => p.id === rec.okr.period_id);
  const name = (lang === 'en_us' ? period?.en_name : period?.zh_name) ?? rec.okr.name;
  return { ...structuredClone(rec.okr), ...(name ? { name } : {}) };
}

/** OKR v1: periods, a user's OKRs, batch_get (feishu-apis.md §6), validated like the docs say. */
export function registerOkr(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  route(router, state, limits, { api: 'okr.period.list', method: 'get', path: '/open-apis/okr/v1/periods' }, (req) => {
    const size = intParam(req, 'page_size', 1, PERIOD_PAGE_MAX, false) ?? PERIOD_PAGE_DEFAULT;
    const token = one(req, 'page_token');
    let offset = 0;
    if (token !== undefined) {
      const m = /^p(\d+)$/.exec(token);
      if (!m) invalid('page_token');
      offset = Number(m?.[1]);
    }
    const periods = okrData(state).periods;
    const items = periods.slice(offset, offset + size);
    const more = offset + size < periods.length;
    return ok({ items, has_more: more, ...(more ? { page_token: `p${offset + size}` } : {}) });
  });

  route(router, state, limits, { api: 'okr.user_okr.list', method: 'get', path: '/open-apis/okr/v1/users/:user_id/okrs' }, (req) => {
    const lang = commonParams(req);
    const offset = intParam(req, 'offset', 0, Number.MAX_SAFE_INTEGER, true) as number;
    const limit = intParam(req, 'limit', 0, 10, true) as number;
    const periodIds = many(req, 'period_ids');
    if (periodIds.length > 10) invalid('period_ids takes at most 10 ids');
    const userId = req.params.user_id as string;
    const user = state.users.get(userId);
    if ((one(req, 'user_id_type') ?? 'open_id') !== 'open_id' || !user || user.tenant !== 'home') fail(400, USER_NOT_FOUND, 'User not found.');
    const data = okrData(state);
    const mine = data.records.filter((r) => r.owner === userId && (periodIds.length === 0 || periodIds.includes(r.okr.period_id ?? '')));
    return ok({ total: mine.length, okr_list: mine.slice(offset, offset + limit).map((r) => view(r, data.periods, lang)) });
  });

  route(router, state, limits, { api: 'okr.okr.batch_get', method: 'get', path: '/open-apis/okr/v1/okrs/batch_get' }, (req) => {
    const lang = commonParams(req);
    const ids = many(req, 'okr_ids');
    if (ids.length === 0) invalid('okr_ids is required');
    if (ids.length > 10) invalid('okr_ids takes at most 10 ids');
    const data = okrData(state);
    const found = ids.map((id) => data.records.find((r) => r.okr.id === id));
    if (found.some((r) => r === undefined)) fail(400, OKR_NOT_FOUND, 'OKR data not found.');
    return ok({ okr_list: (found as OkrRecord[]).map((r) => view(r, data.periods, lang)) });
  });
}
