import type * as lark from '@larksuiteoapi/node-sdk';
import { UpstreamError } from './errors.js';
import type { Clock } from './rateLimiter.js';

/** Like the SDK, a token counts as expired 3 minutes before the `expire` the server gave. */
const EARLY_EXPIRY_MS = 3 * 60 * 1000;

/**
 * Our own tenant_access_token cache (the SDK's is disabled) so that the wrapper can drop it on
 * 99991661/99991663/99991668 and fetch a new one exactly once. Concurrent callers share one fetch.
 */
export class TenantToken {
  private cached?: { token: string; expiresAt: number };
  private inflight?: Promise<string>;

  constructor(
    private readonly sdk: lark.Client,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly clock: Clock,
    private readonly run: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.clock.now()) return this.cached.token;
    this.inflight ??= this.fetch().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const res = (await this.run(() =>
      this.sdk.auth.tenantAccessToken.internal({ data: { app_id: this.appId, app_secret: this.appSecret } }),
    )) as unknown as { tenant_access_token?: string; expire?: number };
    // The real body carries the token at the top level, not under `data` (feishu-apis.md §4).
    if (!res.tenant_access_token) {
      throw new UpstreamError('auth.tenant_access_token', 'NO_TOKEN', 'no tenant_access_token in the answer');
    }
    const ttlMs = Math.max(0, (res.expire ?? 7200) * 1000 - EARLY_EXPIRY_MS);
    this.cached = { token: res.tenant_access_token, expiresAt: this.clock.now() + ttlMs };
    return res.tenant_access_token;
  }
}
