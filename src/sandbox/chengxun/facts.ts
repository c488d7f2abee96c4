import { perSecond, type ApiFact } from '../rateWindow.js';

/**
 * Chengxun (橙讯) facts the emulator plays (third-party-apis.md §B). Served under CX_MOUNT on the emulator
 * (the real base URL is https://service.cheng-xun.cn/api, §B.1).
 */
export const CX_MOUNT = '/chengxun';

export const CX_APIS = {
  /** §B.2: CONFIRMED [web] (request only); no rate limit known (UNCONFIRMED: none). */
  token: { api: 'chengxun.access_tokens', method: 'get', path: `${CX_MOUNT}/apps/v1/access-tokens`, windows: [] },
  /** §B.3: CONFIRMED [seed]. UNCONFIRMED rate limit (55001 exists, its numbers are unknown): the emulator says 5/s. */
  sameData: { api: 'chengxun.card.batch_set_same_data', method: 'post', path: `${CX_MOUNT}/apps/v1/card/batch-set-same-data`, windows: [perSecond(5)] },
} satisfies Record<string, ApiFact>;

/** UNCONFIRMED (§B.2): the token answer and its lifetime were not readable; the emulator says 2 hours. */
export const TOKEN_TTL_S = 7200;

/** §B.3: `account_id_list` holds 1–200 accounts. */
export const ACCOUNTS = { min: 1, max: 200 } as const;
/** §B.3: card data types; only LIST and KEYDATA are supported yet. */
export const CARD_TYPES = ['KEYDATA', 'LIST', 'IMAGE', 'WEBVIEW'];
export const SUPPORTED_CARD_TYPES = ['KEYDATA', 'LIST'];
/** §B.3: LIST: at most 3 items, text ≤ 100; KEYDATA: at most 4 items, key and data ≤ 20; jump_url and action ≤ 300. */
export const LIST_ITEMS = { max: 3, text: 100 } as const;
export const KEYDATA_ITEMS = { max: 4, key: 20, data: 20 } as const;
export const LINK_MAX = 300;

/** §B.4 error codes (org-service page; INFERRED shared with the self-built-app section). */
export const CX_CODES = {
  invalidRequest: 40000,
  invalidAuth: 40001,
  tokenInvalid: 40004,
  tokenExpired: 40005,
  serverError: 50000,
  invalidCorpId: 50100,
  frequencyLimit: 55001,
} as const;
