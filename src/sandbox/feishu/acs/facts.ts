import type { ApiFact } from '../../rateWindow.js';

/**
 * Smart access control facts the emulator plays (feishu-apis.md §7). Rate limits: UNCONFIRMED (not stated
 * on these pages; other ACS APIs state 5/s), so the emulator enforces none.
 */
export const ACS_APIS = {
  /** §7.1 */
  list: { api: 'acs.user.list', method: 'get', path: '/open-apis/acs/v1/users', windows: [] },
  /** §7.2 */
  get: { api: 'acs.user.get', method: 'get', path: '/open-apis/acs/v1/users/:user_id', windows: [] },
} satisfies Record<string, ApiFact>;

/** §7.1: page_size at most 50; the default is UNCONFIRMED (§11 item 6): the emulator says 20. */
export const USERS_PAGE = { default: 20, min: 1, max: 50 } as const;
/** §7.1: `user_id_type` values. */
export const USER_ID_TYPES = ['open_id', 'union_id', 'user_id'];

/** §7 error codes (HTTP 400). */
export const ACS_CODES = {
  /** §7.1: "page token is invalid": restart the listing without a token. */
  pageTokenInvalid: 1490018,
  /** §7.2 (acs v1 get-user page): "user not found"; check that the user has joined a permission group. */
  userNotFound: 1490101,
  /** §7.2: "params is invalid", documented for another ACS API (rule_external create); UNCONFIRMED for the users APIs. */
  invalidParam: 1490001,
} as const;
