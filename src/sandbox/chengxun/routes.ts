import type { Request, Router } from 'express';
import { CHENGXUN_SAME_DATA_PATH, CHENGXUN_TOKEN_PATH, CX_API } from '../../features/cx/client.js';
import type { ServerRateLimits } from '../route.js';
import type { SandboxState } from '../state.js';
import { featureState, VendorFailure, vendorRoute } from '../vendorRoute.js';

/**
 * Emulated Chengxun (third-party-apis.md §B): `{err_code, err_msg}` envelopes, the documented codes
 * (40000 parameters, 40001 authentication, 40004 token invalid, 40005 token expired, 50100 corp id,
 * 55001 frequency), the documented body rules of batch-set-same-data. The token answer's shape is the
 * inferred one (`access_token`, `expires_in` at the top level).
 */
export const CX_SANDBOX = { appKey: 'cx_sandbox_key', corpId: '20001', corpSecret: 'cx-sandbox-secret' };

export interface CxState {
  tokenTtlS: number;
  tokens: Map<string, number>;
  /** A call naming one of these accounts fails as a whole (emulator-only: real per-account behaviour is unknown). */
  rejectAccounts: Set<string>;
  /** Every accepted batch request body, in arrival order. */
  requests: Array<Record<string, unknown>>;
  /** Every token stops working at once, as if it had expired on the server. */
  expireTokens(): void;
}

export function cxState(state: SandboxState): CxState {
  return featureState(state, 'chengxun', () => {
    const tokens = new Map<string, number>();
    return {
      tokenTtlS: 7200,
      tokens,
      rejectAccounts: new Set<string>(),
      requests: [],
      expireTokens: () => {
        for (const k of tokens.keys()) tokens.set(k, 0);
      },
    };
  });
}

const failure = (err_code: number, err_msg: string, status = 200) => new VendorFailure(status, { err_code, err_msg });
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function checkLength(item: Record<string, unknown>, field: string, max: number, required: boolean, i: number): void {
  const v = item[field];
  if (v === undefined && !required) return;
  if (typeof v !== 'string' || (required && !v)) throw failure(40000, `data.items[${i}].${field} is required and must be a string`);
  if (v.length > max) throw failure(40000, `data.items[${i}].${field} longer than ${max}`);
}

function validateData(type: string, data: unknown): void {
  if (!isObject(data) || !Array.isArray(data.items)) throw failure(40000, 'data.items is required');
  const items = data.items as unknown[];
  const max = type === 'LIST' ? 3 : 4;
  if (items.length > max) throw failure(40000, `data.items: at most ${max} for ${type}`);
  items.forEach((raw, i) => {
    if (!isObject(raw)) throw failure(40000, `data.items[${i}] must be an object`);
    if (type === 'LIST') {
      checkLength(raw, 'text', 100, true, i);
      if (raw.timestamp !== undefined && !Number.isInteger(raw.timestamp)) throw failure(40000, `data.items[${i}].timestamp must be a long`);
    } else {
      checkLength(raw, 'key', 20, true, i);
      checkLength(raw, 'data', 20, true, i);
    }
    checkLength(raw, 'jump_url', 300, false, i);
    checkLength(raw, 'action', 300, false, i);
  });
}

function validateBatch(b: Record<string, unknown>): void {
  if (typeof b.show_on_all_enterprise !== 'boolean') throw failure(40000, 'show_on_all_enterprise is required (boolean)');
  if (b.enterprise_id !== undefined && typeof b.enterprise_id !== 'string') throw failure(40000, 'enterprise_id must be a string');
  if (!b.show_on_all_enterprise && !b.enterprise_id) throw failure(40000, 'enterprise_id is required unless show_on_all_enterprise is true');
  const ids = b.account_id_list;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 200 || !ids.every((a) => typeof a === 'string' && a)) {
    throw failure(40000, 'account_id_list must hold 1 to 200 account ids');
  }
  if (!['KEYDATA', 'LIST', 'IMAGE', 'WEBVIEW'].includes(b.type as string)) throw failure(40000, 'type must be KEYDATA, LIST, IMAGE or WEBVIEW');
  if (b.type === 'IMAGE' || b.type === 'WEBVIEW') throw failure(40000, `type ${String(b.type)} is not supported yet`);
  validateData(b.type as string, b.data);
}

export function registerChengxun(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  const cx = cxState(state);
  const common = {
    rateLimited: () => failure(55001, 'request frequency limit exceeded'),
    internal: (msg: string) => failure(50000, msg, 500),
  };

  vendorRoute(router, state, limits, { ...common, api: CX_API.token, method: 'get', path: `/chengxun${CHENGXUN_TOKEN_PATH}` }, (req: Request) => {
    const q = req.query as Record<string, unknown>;
    if (typeof q.corp_id !== 'string' || !/^\d+$/.test(q.corp_id)) throw failure(40000, 'corp_id is required (number)');
    if (q.corp_id !== CX_SANDBOX.corpId) throw failure(50100, 'invalid corp_id');
    if (q.app_key !== CX_SANDBOX.appKey || q.corp_secret !== CX_SANDBOX.corpSecret) throw failure(40001, 'invalid authentication');
    const token = state.nextId('cxt_');
    cx.tokens.set(token, state.now() + cx.tokenTtlS * 1000);
    return { err_code: 0, err_msg: '', access_token: token, expires_in: cx.tokenTtlS };
  });

  vendorRoute(router, state, limits, { ...common, api: CX_API.sameData, method: 'post', path: `/chengxun${CHENGXUN_SAME_DATA_PATH}` }, (req: Request) => {
    const token = (req.query as Record<string, unknown>).access_token;
    if (typeof token !== 'string' || !token) throw failure(40001, 'invalid authentication: access_token missing');
    const expiresAt = cx.tokens.get(token);
    if (expiresAt === undefined) throw failure(40004, 'token invalid');
    if (expiresAt <= state.now()) throw failure(40005, 'token expired');
    const b = isObject(req.body) ? req.body : {};
    validateBatch(b);
    const rejected = (b.account_id_list as string[]).find((a) => cx.rejectAccounts.has(a));
    if (rejected) throw failure(40000, `account_id ${rejected} not found`);
    cx.requests.push(b);
    return { err_code: 0, err_msg: '' };
  });
}
