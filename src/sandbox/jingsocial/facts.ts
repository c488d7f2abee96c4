import { perSecond, type ApiFact } from '../rateWindow.js';

/**
 * Jingsocial facts the emulator plays (third-party-apis.md §A). Served under JING_MOUNT on the emulator
 * (the real base URL is https://jingopenapi.jingsocial.com, §A.1).
 */
export const JING_MOUNT = '/jingsocial';

/**
 * UNCONFIRMED (§A.1, §C item 1): each API has a frequency limit but the numbers are unknown; the emulator
 * enforces 5 a second on the batch API and none on the token APIs.
 */
const ASSUMED_BATCH_TIER = [perSecond(5)];

export const JING_APIS = {
  /** §A.2: INFERRED path ("Get Access Token", POST); only the refresh path is confirmed. */
  token: { api: 'jingsocial.oauth2.token', method: 'post', path: `${JING_MOUNT}/v1/oauth2/token`, windows: [] },
  /** §A.2: CONFIRMED [web]. */
  refresh: { api: 'jingsocial.oauth2.token.refresh', method: 'post', path: `${JING_MOUNT}/v1/oauth2/token/refresh`, windows: [] },
  /** §A.3: CONFIRMED [seed]. */
  userStatus: { api: 'jingsocial.activity.user_status.batch', method: 'post', path: `${JING_MOUNT}/v1/activity/update/userStatus/batch`, windows: ASSUMED_BATCH_TIER },
} satisfies Record<string, ApiFact>;

/** §A.1: auth travels in these request headers (not `Authorization`). */
export const AUTH_HEADERS = { appId: 'app_id', accessToken: 'access_token' } as const;

/** §A.2: the refresh token lives 30 days. */
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 3600;
/** UNCONFIRMED (§A.2): the access token's full lifetime; the doc's example counts down from below 7200. */
export const ACCESS_TOKEN_TTL_S = 7200;

/** UNCONFIRMED (§A.3): the largest `user_ids` per call is unknown; the emulator accepts 100 (the reference's suggestion). */
export const USER_IDS_MAX = 100;

/**
 * §A.3: the seed shows "0"/"1" for sign-in and "1"/"2" for approval but never their meanings. INFERRED:
 * sign-in 0 not signed in, 1 signed in; approval 0 pending, 1 approved, 2 rejected. The emulator accepts these values only.
 */
export const SIGNIN_STATUSES = ['0', '1'];
export const APPROVE_STATUSES = ['0', '1', '2'];
/** §A.3: time fields look like "YYYY-MM-DD HH:mm:ss" (from the example). */
export const TIME_FORMAT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/**
 * UNCONFIRMED (§A.1: the global error table was not readable): the emulator's own codes, all under HTTP 200
 * (the seed shows a "200 失败" example) but for the rate limit and its own failures.
 */
export const JING_CODES = {
  invalidParam: 40000,
  tokenInvalid: 40001,
  badCredentials: 40013,
  refreshTokenInvalid: 40030,
  activityNotFound: 40400,
  /** Answered with HTTP 429. */
  rateLimited: 429,
  internal: 50000,
} as const;
