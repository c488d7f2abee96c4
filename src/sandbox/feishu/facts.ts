import { type ApiFact } from '../rateWindow.js';

/**
 * Platform-wide Feishu facts the emulator plays (feishu-apis.md §1–§4, §8.3), written from the reference
 * and kept apart from the bot's own tables, so that the emulator can catch the bot getting them wrong.
 */

/** §2: the throttle answer (HTTP 429), its code, message and headers. */
export const RATE_LIMITED = {
  status: 429,
  code: 99991400,
  msg: 'request trigger frequency limit',
  limitHeader: 'x-ogw-ratelimit-limit',
  /** Seconds to wait before the limit resets. */
  resetHeader: 'x-ogw-ratelimit-reset',
} as const;

/** §3: generic codes the emulator answers with. */
export const PLATFORM_CODES = {
  /** Authorization header missing or not `Bearer …`. */
  needToken: 99991661,
  /** Tenant token invalid or expired. */
  tenantTokenInvalid: 99991663,
  /** Token neither `t-…` nor `u-…`. */
  tokenFormat: 99991671,
  /** Wrong path (404). */
  notFound: 99991201,
  /** §3: wrong app_secret. */
  wrongSecret: 10015,
  /**
   * UNCONFIRMED: the code for an unknown app_id. §3 lists none (10012/10013 "get token fail" are the
   * nearest); the emulator says 10003, as the platform's parameter check does.
   */
  unknownAppId: 10003,
} as const;

/** §1.1: tenant tokens start with `t-`, user tokens with `u-`. */
export const TOKEN_PREFIX = /^[tu]-/;

/** §4: the tenant token API; its rate limit is UNCONFIRMED (none stated), so the emulator enforces none. */
export const TENANT_TOKEN: ApiFact = { api: 'auth.tenant_access_token', method: 'post', path: '/open-apis/auth/v3/tenant_access_token/internal', windows: [] };
/** §4: a token lives at most 2 hours. */
export const TENANT_TOKEN_TTL_S = 7200;
/** §4: with 30 minutes or more left, the call returns the same token; with less, a new one (both stay valid). */
export const TENANT_TOKEN_REUSE_MIN_LEFT_MS = 30 * 60 * 1000;

/** §8.3: the bot's identity; documented only through SDK code, no rate limit known (UNCONFIRMED: none). */
export const BOT_INFO: ApiFact = { api: 'bot.info', method: 'get', path: '/open-apis/bot/v3/info', windows: [] };
