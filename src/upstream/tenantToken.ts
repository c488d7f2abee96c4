import type * as lark from '@larksuiteoapi/node-sdk';
import { CachedToken } from './cachedToken.js';
import { UpstreamError } from './errors.js';
import type { Clock } from './rateLimiter.js';

/** Like the SDK, a token counts as expired 3 minutes before the `expire` the server gave. */
const EARLY_EXPIRY_MS = 3 * 60 * 1000;

/**
 * Our own tenant_access_token cache (the SDK's is disabled) so that the wrapper can drop it on
 * 99991661/99991663/99991668 and fetch a new one exactly once. Concurrent callers share one fetch
 * (the caching itself is CachedToken's, shared with the third-party clients).
 */
export class TenantToken {
  private readonly cache: CachedToken;

  constructor(
    /** The SDK client, loaded on first use (see sdkClient.ts). */
    private readonly sdk: () => Promise<lark.Client>,
    private readonly appId: string,
    private readonly appSecret: string,
    clock: Clock,
    private readonly run: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {
    this.cache = new CachedToken(() => this.fetch(), clock, (expiresInS) => Math.max(0, expiresInS * 1000 - EARLY_EXPIRY_MS));
  }

  get(): Promise<string> {
    return this.cache.get();
  }

  /**
   * Drops the cached token when it is the one that was `refused` (any token when none is named). When many
   * calls fail at once, the first refusal refreshes; later refusals of the old token keep the new one.
   */
  invalidate(refused?: string): void {
    this.cache.invalidate(refused);
  }

  private async fetch(): Promise<{ token: string; expiresInS: number }> {
    const sdk = await this.sdk();
    const res = (await this.run(() =>
      sdk.auth.tenantAccessToken.internal({ data: { app_id: this.appId, app_secret: this.appSecret } }),
    )) as unknown as { tenant_access_token?: string; expire?: number };
    // The real body carries the token at the top level, not under `data` (feishu-apis.md §4).
    if (!res.tenant_access_token) {
      throw new UpstreamError('auth.tenant_access_token', 'NO_TOKEN', 'no tenant_access_token in the answer');
    }
    return { token: res.tenant_access_token, expiresInS: res.expire ?? 7200 };
  }
}
