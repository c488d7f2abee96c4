import type { Config } from '../../config.js';
import { CachedToken, type IssuedToken } from '../../upstream/cachedToken.js';
import { judgeChengxun } from './outcome.js';
import { UpstreamError } from '../../upstream/errors.js';
import { httpJson } from '../../upstream/httpJson.js';
import { VendorCalls, type ThirdPartyDeps } from '../../upstream/vendorCalls.js';

export const CHENGXUN_DEFAULT_BASE_URL = 'https://service.cheng-xun.cn/api';
export const CHENGXUN_TOKEN_PATH = '/apps/v1/access-tokens';
export const CHENGXUN_SAME_DATA_PATH = '/apps/v1/card/batch-set-same-data';
/** UNCONFIRMED: the token answer was not readable; when it carries no lifetime we assume 2 hours. */
const ASSUMED_TOKEN_LIFETIME_S = 7200;

export const CX_API = {
  token: 'chengxun.access_tokens',
  sameData: 'chengxun.card.batch_set_same_data',
} as const;

export interface ChengxunOptions extends ThirdPartyDeps {
  baseUrl: string;
  appKey?: string;
  corpId?: string;
  corpSecret?: string;
  /** A static token (CHENGXUN_ACCESS_TOKEN) replaces the token endpoint. */
  staticToken?: string;
}

export interface ListItem {
  text: string;
  jump_url: string;
  action: string;
  timestamp: number;
}

export interface KeyDataItem {
  key: string;
  data: string;
  jump_url: string;
  action: string;
}

export type CardData = { type: 'LIST'; items: ListItem[] } | { type: 'KEYDATA'; items: KeyDataItem[] };

export interface SameDataRequest {
  /** Omitted: the data shows in every organisation of each account. */
  enterpriseId?: string;
  accountIds: string[];
  card: CardData;
}

/**
 * Chengxun open platform: `access_token` as a query parameter, `User-Agent: CX`, `err_code != 0` is a
 * failure, 40004/40005 → a new token and one retry, 55001 → backoff, 10 s timeout, limits from limits.ts.
 */
export class Chengxun {
  private readonly calls: VendorCalls;
  private readonly token?: CachedToken;

  /** Counts a batch of this client's calls (metrics). */
  readonly observeBatch = (kind: string) => this.calls.observeBatch(kind);

  constructor(private readonly opts: ChengxunOptions) {
    this.calls = new VendorCalls('chengxun', opts.log, opts);
    if (!opts.staticToken) this.token = new CachedToken(() => this.fetchToken(), this.calls.deps.clock);
  }

  /** Sets the same workbench-card data for up to 200 accounts. The API reports no per-account result. */
  /** About how long a batch-set call asked for now would wait for its rate window. */
  expectedWaitMs(): number {
    return this.calls.expectedWaitMs(CX_API.sameData);
  }

  async batchSetSameData(req: SameDataRequest): Promise<void> {
    const json = {
      ...(req.enterpriseId !== undefined ? { enterprise_id: req.enterpriseId } : {}),
      show_on_all_enterprise: req.enterpriseId === undefined,
      account_id_list: req.accountIds,
      type: req.card.type,
      data: { items: req.card.items },
    };
    await this.call(CX_API.sameData, async (token) => ({
      method: 'POST',
      url: `${this.opts.baseUrl}${CHENGXUN_SAME_DATA_PATH}?access_token=${encodeURIComponent(token)}`,
      json,
    }), true);
  }

  private async accessToken(): Promise<string> {
    return this.opts.staticToken ?? (this.token as CachedToken).get();
  }

  /** The answer's shape is not documented: the token may sit at the top level or under `data`. */
  private async fetchToken(): Promise<IssuedToken> {
    const q = new URLSearchParams({ app_key: this.opts.appKey ?? '', corp_id: this.opts.corpId ?? '', corp_secret: this.opts.corpSecret ?? '' });
    const body = await this.call(CX_API.token, () => Promise.resolve({ method: 'GET', url: `${this.opts.baseUrl}${CHENGXUN_TOKEN_PATH}?${q}` }), false);
    const data = body.data && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {};
    const token = body.access_token ?? data.access_token;
    if (typeof token !== 'string' || !token) throw new UpstreamError(CX_API.token, 'NO_TOKEN', 'no access_token in the answer');
    const expires = Number(body.expires_in ?? data.expires_in);
    return { token, expiresInS: expires > 0 ? expires : ASSUMED_TOKEN_LIFETIME_S };
  }

  /** `request` gets the access token for authenticated calls (an empty string for the token call itself). */
  private call(api: string, request: (token: string) => Promise<{ method: 'GET' | 'POST'; url: string; json?: unknown }>, authenticated: boolean): Promise<Record<string, unknown>> {
    let sent: string | undefined; // the token of the last attempt: only that one is dropped when refused
    return this.calls.run(
      api,
      async () => {
        sent = authenticated ? await this.accessToken() : undefined;
        return judgeChengxun(api, await httpJson({ ...(await request(sent ?? '')), headers: { 'User-Agent': 'CX' } }));
      },
      authenticated && this.token ? () => this.token?.invalidate(sent) : undefined,
    );
  }
}

/** The environment variables still needed for Chengxun; empty when it is configured. */
export function chengxunMissingEnv(config: Config): string[] {
  if (config.CHENGXUN_ACCESS_TOKEN) return [];
  return (['CHENGXUN_APP_KEY', 'CHENGXUN_CORP_ID', 'CHENGXUN_CORP_SECRET'] as const).filter((k) => !config[k]);
}

export function chengxunFromConfig(config: Config, deps: ThirdPartyDeps): Chengxun | undefined {
  if (chengxunMissingEnv(config).length > 0) return undefined;
  return new Chengxun({
    ...deps,
    baseUrl: config.CHENGXUN_BASE_URL ?? CHENGXUN_DEFAULT_BASE_URL,
    appKey: config.CHENGXUN_APP_KEY,
    corpId: config.CHENGXUN_CORP_ID,
    corpSecret: config.CHENGXUN_CORP_SECRET,
    staticToken: config.CHENGXUN_ACCESS_TOKEN,
  });
}
