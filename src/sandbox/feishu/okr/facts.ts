import { perMinute, type ApiFact } from '../../rateWindow.js';

/** OKR v1 facts the emulator plays (feishu-apis.md §6). */

/** §6: "接口频率限制 100 次/分钟" on each API's page. */
const OKR_TIER = [perMinute(100)];

export const OKR_APIS = {
  /** §6.1 */
  periods: { api: 'okr.period.list', method: 'get', path: '/open-apis/okr/v1/periods', windows: OKR_TIER },
  /** §6.2 */
  userOkrs: { api: 'okr.user_okr.list', method: 'get', path: '/open-apis/okr/v1/users/:user_id/okrs', windows: OKR_TIER },
  /** §6.3 */
  batchGet: { api: 'okr.okr.batch_get', method: 'get', path: '/open-apis/okr/v1/okrs/batch_get', windows: OKR_TIER },
} satisfies Record<string, ApiFact>;

/** §6.1: page_size default 10; the maximum is UNCONFIRMED (§11 item 4), the emulator allows 100. */
export const PERIOD_PAGE = { default: 10, max: 100 } as const;
/** §6.1: period `status` values; only 0 is a normal period. */
export const PERIOD_STATUS = { normal: 0, notHandled: 1, invalid: 2, hidden: 3 } as const;
/** §6.2: `limit` 0–10; `period_ids` at most 10. */
export const USER_OKRS_LIMIT_MAX = 10;
export const PERIOD_IDS_MAX = 10;
/** §6.3: `okr_ids` required, at most 10. */
export const OKR_IDS_MAX = 10;
/** §6.2: `user_id_type` values (OKR also takes people_admin_id). */
export const USER_ID_TYPES = ['open_id', 'union_id', 'user_id', 'people_admin_id'];
/** §6.2, §6.3: `lang`, zh_cn by default. */
export const LANGS = ['zh_cn', 'en_us'] as const;
export type OkrLang = (typeof LANGS)[number];

/** §6 error codes (HTTP 400). */
export const OKR_CODES = {
  invalidParam: 1001001,
  userNotFound: 1001003,
  okrNotFound: 1001004,
} as const;
