import { perMinute, perSecond, type ApiFact } from '../../rateWindow.js';

/** System status facts the emulator plays (feishu-apis.md §5). */
export const STATUS_APIS = {
  /** §5.1: 100 / minute. */
  list: { api: 'personal_settings.system_status.list', method: 'get', path: '/open-apis/personal_settings/v1/system_statuses', windows: [perMinute(100)] },
  /** §5.2: 1000 / minute and 50 / second. */
  batchOpen: {
    api: 'personal_settings.system_status.batch_open', method: 'post',
    path: '/open-apis/personal_settings/v1/system_statuses/:system_status_id/batch_open', windows: [perMinute(1000), perSecond(50)],
  },
  /** §5.3: 1000/min and 50/s, the same as batch_open. */
  batchClose: {
    api: 'personal_settings.system_status.batch_close', method: 'post',
    path: '/open-apis/personal_settings/v1/system_statuses/:system_status_id/batch_close', windows: [perMinute(1000), perSecond(50)],
  },
} satisfies Record<string, ApiFact>;

/** §5.1: page_size default 50, range 1–50. */
export const LIST_PAGE = { default: 50, min: 1, max: 50 } as const;
/** §5.2, §5.3: `user_list` length 1–50. */
export const USER_LIST = { min: 1, max: 50 } as const;
/** §5.2: `end_time` no more than 365 days from now. */
export const MAX_END_AHEAD_S = 365 * 24 * 3600;
/** §5.2: `user_id_type` values. */
export const USER_ID_TYPES = ['open_id', 'union_id', 'user_id'];

/** §5.1–§5.3 error codes (HTTP 400). */
export const STATUS_CODES = {
  invalidParam: 2005001,
  otherTenantUser: 2005006,
  tenantNoPermission: 2005007,
} as const;

/** §5.2: batch_open `result` values; §5.3: batch_close answers `success` instead of the three success_* values. */
export const OPEN_RESULTS = {
  shown: 'success_show',
  userClosedSync: 'success_user_close_syn',
  higherPriority: 'success_user_in_higher_priority_system_status',
} as const;
export const CLOSE_SUCCESS = 'success';
export const FAILURE_RESULTS = {
  fail: 'fail',
  invisible: 'invisible_user_id',
  invalid: 'invalid_user_id',
  resigned: 'resign_user_id',
} as const;
