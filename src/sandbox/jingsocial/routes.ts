import type { Request, Router } from 'express';
import { JING_API, JINGSOCIAL_REFRESH_PATH, JINGSOCIAL_TOKEN_PATH, JINGSOCIAL_USER_STATUS_PATH } from '../../features/jing/client.js';
import { JING_APPROVE_STATUS, JING_SIGNIN_STATUS } from '../../features/jing/statusMeanings.js';
import { limitOf } from '../../upstream/limits.js';
import type { ServerRateLimits } from '../route.js';
import type { SandboxState } from '../state.js';
import { featureState, VendorFailure, vendorRoute } from '../vendorRoute.js';

/**
 * Emulated Jingsocial (third-party-apis.md §A). Where the docs are silent the emulator picks one answer
 * and the client must cope with it: error codes (40000 parameters, 40001 token, 40013 credentials,
 * 40030 refresh token, 40400 activity, HTTP 429 rate limit) are the emulator's own.
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
      accessTtlS: 7200,
      refreshTtlS: 30 * 24 * 3600,
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
const TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const body = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

function validateBatch(b: Record<string, unknown>): void {
  if (typeof b.entity_uuid !== 'string' || !b.entity_uuid) throw failure(40000, 'entity_uuid is required');
  const ids = b.user_ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((u) => typeof u === 'string' && u)) {
    throw failure(40000, 'user_ids must be a non-empty array of strings');
  }
  const max = limitOf(JING_API.userStatus).chunkSize ?? Infinity;
  if (ids.length > max) throw failure(40000, `user_ids: at most ${max} per call`);
  const status = (field: string, allowed: string[]) => {
    if (b[field] !== undefined && !allowed.includes(b[field] as string)) throw failure(40000, `${field} must be one of ${allowed.join(', ')} (a string)`);
  };
  status('ems_signinstatus', Object.keys(JING_SIGNIN_STATUS));
  status('ems_approvestatus', Object.keys(JING_APPROVE_STATUS));
  for (const f of ['ems_signintimestamp', 'ems_approvetimestamp']) {
    if (b[f] !== undefined && (typeof b[f] !== 'string' || !TIME.test(b[f]))) throw failure(40000, `${f} must be YYYY-MM-DD HH:mm:ss`);
  }
}

export function registerJingsocial(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  const jing = jingState(state);
  const spec = (api: string, path: string) => ({
    api, method: 'post' as const, path: `/jingsocial${path}`,
    rateLimited: () => failure(429, '访问频率超限 (request frequency limit exceeded)', 429),
    internal: (msg: string) => failure(50000, msg, 500),
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
    if (b.app_id !== JING_SANDBOX_APP_ID || b.app_secret !== JING_SANDBOX_APP_SECRET) throw failure(40013, 'invalid app_id or app_secret');
  };

  vendorRoute(router, state, limits, spec(JING_API.token, JINGSOCIAL_TOKEN_PATH), (req) => {
    credentials(body(req));
    return issue();
  });

  vendorRoute(router, state, limits, spec(JING_API.refresh, JINGSOCIAL_REFRESH_PATH), (req) => {
    const b = body(req);
    credentials(b);
    const rt = b.refresh_token;
    const expiresAt = typeof rt === 'string' ? jing.refreshTokens.get(rt) : undefined;
    if (expiresAt === undefined || expiresAt <= state.now()) throw failure(40030, 'invalid refresh_token');
    jing.refreshTokens.delete(rt as string);
    return issue();
  });

  vendorRoute(router, state, limits, spec(JING_API.userStatus, JINGSOCIAL_USER_STATUS_PATH), (req) => {
    const token = req.header('access_token');
    if (req.header('app_id') !== JING_SANDBOX_APP_ID) throw failure(40013, 'invalid app_id');
    const expiresAt = token ? jing.accessTokens.get(token) : undefined;
    if (expiresAt === undefined || expiresAt <= state.now()) throw failure(40001, 'access_token invalid or expired');
    const b = body(req);
    validateBatch(b);
    if (!jing.activities.has(b.entity_uuid as string)) throw failure(40400, '活动不存在 (activity not found)');
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
