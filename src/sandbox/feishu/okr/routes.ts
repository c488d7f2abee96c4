import type { Request, Router } from 'express';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import type { SandboxState } from '../../state.js';
import { okrData, type OkrRecord } from './data.js';
import { LANGS, OKR_APIS, OKR_CODES, OKR_IDS_MAX, PERIOD_IDS_MAX, PERIOD_PAGE, USER_ID_TYPES, USER_OKRS_LIMIT_MAX, type OkrLang } from './facts.js';
import type { Okr, OkrPeriod } from './types.js';

const invalid = (what: string): never => fail(400, OKR_CODES.invalidParam, `Invalid parameters. Please check document and modify accordingly. (${what})`);

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

function commonParams(req: Request): OkrLang {
  const idType = one(req, 'user_id_type') ?? 'open_id';
  if (!USER_ID_TYPES.includes(idType)) invalid('user_id_type');
  const lang = one(req, 'lang') ?? 'zh_cn';
  if (!(LANGS as readonly string[]).includes(lang)) invalid('lang must be zh_cn or en_us');
  return lang as OkrLang;
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
function view(rec: OkrRecord, periods: OkrPeriod[], lang: OkrLang): Okr {
  if (rec.restricted) return { id: rec.okr.id, permission: 0 };
  const period = periods.find((p) => p.id === rec.okr.period_id);
  const name = (lang === 'en_us' ? period?.en_name : period?.zh_name) ?? rec.okr.name;
  return { ...structuredClone(rec.okr), ...(name ? { name } : {}) };
}

/** OKR v1: periods, a user's OKRs, batch_get (feishu-apis.md §6), validated like the docs say. */
export function registerOkr(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  route(router, state, limits, OKR_APIS.periods, (req) => {
    const size = intParam(req, 'page_size', 1, PERIOD_PAGE.max, false) ?? PERIOD_PAGE.default;
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

  route(router, state, limits, OKR_APIS.userOkrs, (req) => {
    const lang = commonParams(req);
    const offset = intParam(req, 'offset', 0, Number.MAX_SAFE_INTEGER, true) as number;
    const limit = intParam(req, 'limit', 0, USER_OKRS_LIMIT_MAX, true) as number;
    const periodIds = many(req, 'period_ids');
    if (periodIds.length > PERIOD_IDS_MAX) invalid(`period_ids takes at most ${PERIOD_IDS_MAX} ids`);
    const userId = req.params.user_id as string;
    const user = state.users.get(userId);
    if ((one(req, 'user_id_type') ?? 'open_id') !== 'open_id' || !user || user.tenant !== 'home') fail(400, OKR_CODES.userNotFound, 'User not found.');
    const data = okrData(state);
    const mine = data.records.filter((r) => r.owner === userId && (periodIds.length === 0 || periodIds.includes(r.okr.period_id ?? '')));
    return ok({ total: mine.length, okr_list: mine.slice(offset, offset + limit).map((r) => view(r, data.periods, lang)) });
  });

  route(router, state, limits, OKR_APIS.batchGet, (req) => {
    const lang = commonParams(req);
    const ids = many(req, 'okr_ids');
    if (ids.length === 0) invalid('okr_ids is required');
    if (ids.length > OKR_IDS_MAX) invalid(`okr_ids takes at most ${OKR_IDS_MAX} ids`);
    const data = okrData(state);
    const found = ids.map((id) => data.records.find((r) => r.okr.id === id));
    if (found.some((r) => r === undefined)) fail(400, OKR_CODES.okrNotFound, 'OKR data not found.');
    return ok({ okr_list: (found as OkrRecord[]).map((r) => view(r, data.periods, lang)) });
  });
}
