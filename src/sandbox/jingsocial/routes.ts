import type { Request, Router } from 'express';
import type { ServerRateLimits } from '../route.js';
import type { SandboxState } from '../state.js';
import { featureState, VendorFailure, vendorRoute, type VendorRouteSpec } from '../vendorRoute.js';
import {
  ACCESS_TOKEN_TTL_S, APPROVE_STATUSES, AUTH_HEADERS, JING_APIS, JING_CODES, REFRESH_TOKEN_TTL_S, SIGNIN_STATUSES, TIME_FORMAT, USER_IDS_MAX,
} from './facts.js';

/**
 * Emulated Jingsocial (third-party-apis.md §A). Where the docs are silent the emulator picks one answer
 * and the client must cope with it (facts.ts: the error codes are the emulator's own).
 */
export const JING_SANDBOX_APP_ID = 'jing_sandbox_app';
export const JING_SANDBOX_APP_SECRET = 'jing-sandbox-secret';
export const JING_DEMO_ACTIVITIES = ['etDemoActivity0001', 'etDemoActivity0002'];
/** In the sandbox, user ids starting with this are unknown to Jingsocial and left out of the answer. */
export const JING_ABSENT_PREFIX = 'gone';

export interface JingState {
  accessTtlS: number;
  refreshTtlS: number;
  accessTokens: Map<string, number>;
  refreshTokens: Map<string, number>;
  activities: Set<string>;
  /** Users the API silently leaves out of its answer (besides ids starting with JING_ABSENT_PREFIX). */
  absentUsers: Set<string>;
  /** Every accepted batch request body, in arrival order. */
  requests: Array<Record<string, unknown>>;
  /** Server-side revocation: every access token stops working (the client still believes in it). */
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
}

export function jingState(state: SandboxState): JingState {
  return featureState(state, 'jingsocial', () => {
    const accessTokens = new Map<string, number>();
    const refreshTokens = new Map<string, number>();
    return {
      accessTtlS: ACCESS_TOKEN_TTL_S,
      refreshTtlS: REFRESH_TOKEN_TTL_S,
      accessTokens,
      refreshTokens,
      activities: new Set(JING_DEMO_ACTIVITIES),
      absentUsers: new Set<string>(),
      requests: [],
      expireAccessTokens: () => accessTokens.clear(),
      revokeRefreshTokens: () => refreshTokens.clear(),
    };
  });
}

const failure = (code: number, msg: string, status = 200) =>
  new VendorFailure(status, { code, msg, message: msg, data: null, timestamp: Date.now() });
const body = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

function validateBatch(b: Record<string, unknown>): void {
  if (typeof b.entity_uuid !== 'string' || !b.entity_uuid) throw failure(JING_CODES.invalidParam, 'entity_uuid is required');
  const ids = b.user_ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((u) => typeof u === 'string' && u)) {
    throw failure(JING_CODES.invalidParam, 'user_ids must be a non-empty array of strings');
  }
  if (ids.length > USER_IDS_MAX) throw failure(JING_CODES.invalidParam, `user_ids: at most ${USER_IDS_MAX} per call`);
  const status = (field: string, allowed: string[]) => {
    if (b[field] !== undefined && !allowed.includes(b[field] as string)) throw failure(JING_CODES.invalidParam, `${field} must be one of ${allowed.join(', ')} (a string)`);
  };
  status('ems_signinstatus', SIGNIN_STATUSES);
  status('ems_approvestatus', APPROVE_STATUSES);
  for (const f of ['ems_signintimestamp', 'ems_approvetimestamp']) {
    if (b[f] !== undefined && (typeof b[f] !== 'string' || !TIME_FORMAT.test(b[f]))) throw failure(JING_CODES.invalidParam, `${f} must be YYYY-MM-DD HH:mm:ss`);
  }
}

export function registerJingsocial(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  const jing = jingState(state);
  const spec = (api: (typeof JING_APIS)[keyof typeof JING_APIS]): VendorRouteSpec => ({
    ...api,
    rateLimited: () => failure(JING_CODES.rateLimited, '访问频率超限 (request frequency limit exceeded)', 429),
    internal: (msg: string) => failure(JING_CODES.internal, msg, 500),
  });
  const issue = () => {
    const now = state.now();
    const access = state.nextId('jat_');
    const refresh = state.nextId('jrt_');
    jing.accessTokens.set(access, now + jing.accessTtlS * 1000);
    jing.refreshTokens.set(refresh, now + jing.refreshTtlS * 1000);
    return {
      request_id: state.nextId('req'), code: 0, msg: 'success',
      data: { access_token: access, refresh_token: refresh, scope: 'all', token_type: 'bearer', expires_in: jing.accessTtlS },
      timestamp: now,
    };
  };
  const credentials = (b: Record<string, unknown>) => {
    if (b.app_id !== JING_SANDBOX_APP_ID || b.app_secret !== JING_SANDBOX_APP_SECRET) throw failure(JING_CODES.badCredentials, 'invalid app_id or app_secret');
  };

  vendorRoute(router, state, limits, spec(JING_APIS.token), (req) => {
    credentials(body(req));
    return issue();
  });

  vendorRoute(router, state, limits, spec(JING_APIS.refresh), (req) => {
    const b = body(req);
    credentials(b);
    const rt = b.refresh_token;
    const expiresAt = typeof rt === 'string' ? jing.refreshTokens.get(rt) : undefined;
    if (expiresAt === undefined || expiresAt <= state.now()) throw failure(JING_CODES.refreshTokenInvalid, 'invalid refresh_token');
    jing.refreshTokens.delete(rt as string);
    return issue();
  });

  vendorRoute(router, state, limits, spec(JING_APIS.userStatus), (req) => {
    const token = req.header(AUTH_HEADERS.accessToken);
    if (req.header(AUTH_HEADERS.appId) !== JING_SANDBOX_APP_ID) throw failure(JING_CODES.badCredentials, 'invalid app_id');
    const expiresAt = token ? jing.accessTokens.get(token) : undefined;
    if (expiresAt === undefined || expiresAt <= state.now()) throw failure(JING_CODES.tokenInvalid, 'access_token invalid or expired');
    const b = body(req);
    validateBatch(b);
    if (!jing.activities.has(b.entity_uuid as string)) throw failure(JING_CODES.activityNotFound, '活动不存在 (activity not found)');
    jing.requests.push(b);
    const known = (b.user_ids as string[]).filter((u) => !u.startsWith(JING_ABSENT_PREFIX) && !jing.absentUsers.has(u));
    return {
      code: 0, message: 'success', msg: 'success', timestamp: state.now(),
      data: known.map((u) => ({
        target_entity_uuid: b.entity_uuid,
        jing_uuid: state.nextId('jq'),
        omni_user_uuid: u,
        ems_approvestatus: (b.ems_approvestatus as string | undefined) ?? '0',
        ems_approvetimestamp: (b.ems_approvetimestamp as string | undefined) ?? '',
        ems_signinstatus: (b.ems_signinstatus as string | undefined) ?? '0',
        ems_signintimestamp: (b.ems_signintimestamp as string | undefined) ?? '',
      })),
    };
  });
}
