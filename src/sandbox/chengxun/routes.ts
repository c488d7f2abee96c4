import type { Request, Router } from 'express';
import type { ServerRateLimits } from '../route.js';
import type { SandboxState } from '../state.js';
import { featureState, VendorFailure, vendorRoute } from '../vendorRoute.js';
import { ACCOUNTS, CARD_TYPES, CX_APIS, CX_CODES, KEYDATA_ITEMS, LINK_MAX, LIST_ITEMS, SUPPORTED_CARD_TYPES, TOKEN_TTL_S } from './facts.js';

/**
 * Emulated Chengxun (third-party-apis.md §B): `{err_code, err_msg}` envelopes, the documented codes and
 * body rules of batch-set-same-data (facts.ts). The token answer's shape is the inferred one
 * (`access_token`, `expires_in` at the top level).
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
      tokenTtlS: TOKEN_TTL_S,
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
  if (typeof v !== 'string' || (required && !v)) throw failure(CX_CODES.invalidRequest, `data.items[${i}].${field} is required and must be a string`);
  if (v.length > max) throw failure(CX_CODES.invalidRequest, `data.items[${i}].${field} longer than ${max}`);
}

function validateData(type: string, data: unknown): void {
  if (!isObject(data) || !Array.isArray(data.items)) throw failure(CX_CODES.invalidRequest, 'data.items is required');
  const items = data.items as unknown[];
  const max = type === 'LIST' ? LIST_ITEMS.max : KEYDATA_ITEMS.max;
  if (items.length > max) throw failure(CX_CODES.invalidRequest, `data.items: at most ${max} for ${type}`);
  items.forEach((raw, i) => {
    if (!isObject(raw)) throw failure(CX_CODES.invalidRequest, `data.items[${i}] must be an object`);
    if (type === 'LIST') {
      checkLength(raw, 'text', LIST_ITEMS.text, true, i);
      if (raw.timestamp !== undefined && !Number.isInteger(raw.timestamp)) throw failure(CX_CODES.invalidRequest, `data.items[${i}].timestamp must be a long`);
    } else {
      checkLength(raw, 'key', KEYDATA_ITEMS.key, true, i);
      checkLength(raw, 'data', KEYDATA_ITEMS.data, true, i);
    }
    checkLength(raw, 'jump_url', LINK_MAX, false, i);
    checkLength(raw, 'action', LINK_MAX, false, i);
  });
}

function validateBatch(b: Record<string, unknown>): void {
  if (typeof b.show_on_all_enterprise !== 'boolean') throw failure(CX_CODES.invalidRequest, 'show_on_all_enterprise is required (boolean)');
  if (b.enterprise_id !== undefined && typeof b.enterprise_id !== 'string') throw failure(CX_CODES.invalidRequest, 'enterprise_id must be a string');
  if (!b.show_on_all_enterprise && !b.enterprise_id) throw failure(CX_CODES.invalidRequest, 'enterprise_id is required unless show_on_all_enterprise is true');
  const ids = b.account_id_list;
  if (!Array.isArray(ids) || ids.length < ACCOUNTS.min || ids.length > ACCOUNTS.max || !ids.every((a) => typeof a === 'string' && a)) {
    throw failure(CX_CODES.invalidRequest, `account_id_list must hold ${ACCOUNTS.min} to ${ACCOUNTS.max} account ids`);
  }
  if (!CARD_TYPES.includes(b.type as string)) throw failure(CX_CODES.invalidRequest, 'type must be KEYDATA, LIST, IMAGE or WEBVIEW');
  if (!SUPPORTED_CARD_TYPES.includes(b.type as string)) throw failure(CX_CODES.invalidRequest, `type ${String(b.type)} is not supported yet`);
  validateData(b.type as string, b.data);
}

export function registerChengxun(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  const cx = cxState(state);
  const common = {
    rateLimited: () => failure(CX_CODES.frequencyLimit, 'request frequency limit exceeded'),
    internal: (msg: string) => failure(CX_CODES.serverError, msg, 500),
  };

  vendorRoute(router, state, limits, { ...common, ...CX_APIS.token }, (req: Request) => {
    const q = req.query as Record<string, unknown>;
    if (typeof q.corp_id !== 'string' || !/^\d+$/.test(q.corp_id)) throw failure(CX_CODES.invalidRequest, 'corp_id is required (number)');
    if (q.corp_id !== CX_SANDBOX.corpId) throw failure(CX_CODES.invalidCorpId, 'invalid corp_id');
    if (q.app_key !== CX_SANDBOX.appKey || q.corp_secret !== CX_SANDBOX.corpSecret) throw failure(CX_CODES.invalidAuth, 'invalid authentication');
    const token = state.nextId('cxt_');
    cx.tokens.set(token, state.now() + cx.tokenTtlS * 1000);
    return { err_code: 0, err_msg: '', access_token: token, expires_in: cx.tokenTtlS };
  });

  vendorRoute(router, state, limits, { ...common, ...CX_APIS.sameData }, (req: Request) => {
    const token = (req.query as Record<string, unknown>).access_token;
    if (typeof token !== 'string' || !token) throw failure(CX_CODES.invalidAuth, 'invalid authentication: access_token missing');
    const expiresAt = cx.tokens.get(token);
    if (expiresAt === undefined) throw failure(CX_CODES.tokenInvalid, 'token invalid');
    if (expiresAt <= state.now()) throw failure(CX_CODES.tokenExpired, 'token expired');
    const b = isObject(req.body) ? req.body : {};
    validateBatch(b);
    const rejected = (b.account_id_list as string[]).find((a) => cx.rejectAccounts.has(a));
    if (rejected) throw failure(CX_CODES.invalidRequest, `account_id ${rejected} not found`);
    cx.requests.push(b);
    return { err_code: 0, err_msg: '' };
  });
}
