import type { Config } from '../../config.js';
import { CachedToken, type IssuedToken } from '../../upstream/cachedToken.js';
import { UpstreamError } from '../../upstream/errors.js';
import { httpJson } from '../../upstream/httpJson.js';
import { judgeJingsocial } from './outcome.js';
import { VendorCalls, type ThirdPartyDeps } from '../../upstream/vendorCalls.js';

export type { ThirdPartyDeps } from '../../upstream/vendorCalls.js';

export const JINGSOCIAL_DEFAULT_BASE_URL = 'https://jingopenapi.jingsocial.com';
/** UNCONFIRMED: only the refresh path is documented; "Get Access Token" is inferred from it (§A.2). */
export const JINGSOCIAL_TOKEN_PATH = '/v1/oauth2/token';
export const JINGSOCIAL_REFRESH_PATH = '/v1/oauth2/token/refresh';
export const JINGSOCIAL_USER_STATUS_PATH = '/v1/activity/update/userStatus/batch';
/** The refresh token lives 30 days (documented); the access token's lifetime comes with each answer. */
const REFRESH_TOKEN_LIFETIME_S = 30 * 24 * 3600;
/** UNCONFIRMED: the access token's full lifetime is unknown; used only when an answer carries no expires_in. */
const FALLBACK_TOKEN_LIFETIME_S = 3600;

export const JING_API = {
  token: 'jingsocial.oauth2.token',
  refresh: 'jingsocial.oauth2.token.refresh',
  userStatus: 'jingsocial.activity.user_status.batch',
} as const;

export interface JingsocialOptions extends ThirdPartyDeps {
  baseUrl: string;
  appId: string;
  appSecret?: string;
  /** A static token (JINGSOCIAL_ACCESS_TOKEN) replaces the OAuth flow. */
  staticToken?: string;
}

export interface UserStatusRequest {
  entity_uuid: string;
  user_ids: string[];
  ems_signinstatus?: string;
  ems_signintimestamp?: string;
  ems_approvestatus?: string;
  ems_approvetimestamp?: string;
}

/** One user record of the answer; users the API did not update are simply absent. */
export interface UserStatusRecord {
  omni_user_uuid: string;
  jing_uuid?: string;
  target_entity_uuid?: string;
  ems_signinstatus?: string;
  ems_signintimestamp?: string;
  ems_approvestatus?: string;
  ems_approvetimestamp?: string;
}

/**
 * Jingsocial open API: headers `app_id` + `access_token`, `code != 0` is a failure under any HTTP status,
 * 10 s timeout, rate limit from limits.ts, retries through callUpstream, one token refresh on an auth error.
 */
export class Jingsocial {
  private readonly calls: VendorCalls;
  private readonly token?: CachedToken;

  /** Counts a batch of this client's calls (metrics). */
  readonly observeBatch = (kind: string) => this.calls.observeBatch(kind);

  constructor(private readonly opts: JingsocialOptions) {
    this.calls = new VendorCalls('jingsocial', opts.log, opts);
    if (!opts.staticToken) this.token = new CachedToken((rt) => this.obtain(rt), this.calls.deps.clock);
  }

  /** About how long a batch update asked for now would wait for its rate window. */
  expectedWaitMs(): number {
    return this.calls.expectedWaitMs(JING_API.userStatus);
  }

  async updateUserStatus(req: UserStatusRequest): Promise<UserStatusRecord[]> {
    const body = await this.call(JING_API.userStatus, JINGSOCIAL_USER_STATUS_PATH, req, true);
    const data = Array.isArray(body.data) ? (body.data as unknown[]) : [];
    return data.filter((r): r is UserStatusRecord => !!r && typeof (r as UserStatusRecord).omni_user_uuid === 'string');
  }

  private async accessToken(): Promise<string> {
    if (this.opts.staticToken) return this.opts.staticToken;
    return (this.token as CachedToken).get();
  }

  /** Refresh with the refresh token when there is one; when that fails (or there is none), start over. */
  private async obtain(refreshToken: string | undefined): Promise<IssuedToken> {
    const secret = this.opts.appSecret ?? '';
    if (refreshToken) {
      try {
        return issued(JING_API.refresh, await this.call(JING_API.refresh, JINGSOCIAL_REFRESH_PATH, { app_id: this.opts.appId, app_secret: secret, refresh_token: refreshToken }, false));
      } catch (err) {
        this.opts.log.warn({ api: JING_API.refresh, err: String(err) }, 'jingsocial token refresh failed; fetching a new token');
      }
    }
    return issued(JING_API.token, await this.call(JING_API.token, JINGSOCIAL_TOKEN_PATH, { app_id: this.opts.appId, app_secret: secret }, false));
  }

  private call(api: string, path: string, json: unknown, authenticated: boolean): Promise<Record<string, unknown>> {
    let sent: string | undefined; // the token of the last attempt: only that one is dropped when refused
    return this.calls.run(
      api,
      async () => {
        const headers: Record<string, string> = authenticated ? { app_id: this.opts.appId, access_token: (sent = await this.accessToken()) } : {};
        return judgeJingsocial(api, await httpJson({ method: 'POST', url: this.opts.baseUrl + path, headers, json }));
      },
      authenticated && this.token ? () => this.token?.invalidate(sent) : undefined,
    );
  }
}

function issued(api: string, body: Record<string, unknown>): IssuedToken {
  const data = (body.data ?? {}) as Record<string, unknown>;
  if (typeof data.access_token !== 'string' || !data.access_token) throw new UpstreamError(api, 'NO_TOKEN', 'no access_token in the answer');
  return {
    token: data.access_token,
    expiresInS: Number(data.expires_in) > 0 ? Number(data.expires_in) : FALLBACK_TOKEN_LIFETIME_S,
    refreshToken: typeof data.refresh_token === 'string' ? data.refresh_token : undefined,
    refreshExpiresInS: REFRESH_TOKEN_LIFETIME_S,
  };
}

/** The environment variables still needed for Jingsocial; empty when it is configured. */
export function jingsocialMissingEnv(config: Config): string[] {
  if (!config.JINGSOCIAL_APP_ID) return config.JINGSOCIAL_ACCESS_TOKEN ? ['JINGSOCIAL_APP_ID'] : ['JINGSOCIAL_APP_ID', 'JINGSOCIAL_APP_SECRET'];
  if (!config.JINGSOCIAL_ACCESS_TOKEN && !config.JINGSOCIAL_APP_SECRET) return ['JINGSOCIAL_APP_SECRET'];
  return [];
}

/** The client, or undefined when the platform is not configured. */
export function jingsocialFromConfig(config: Config, deps: ThirdPartyDeps): Jingsocial | undefined {
  if (jingsocialMissingEnv(config).length > 0 || !config.JINGSOCIAL_APP_ID) return undefined;
  return new Jingsocial({
    ...deps,
    baseUrl: config.JINGSOCIAL_BASE_URL ?? JINGSOCIAL_DEFAULT_BASE_URL,
    appId: config.JINGSOCIAL_APP_ID,
    appSecret: config.JINGSOCIAL_APP_SECRET,
    staticToken: config.JINGSOCIAL_ACCESS_TOKEN,
  });
}
