import type { Clock } from './rateLimiter.js';

/** What a token endpoint issued. */
export interface IssuedToken {
  token: string;
  expiresInS: number;
  refreshToken?: string;
  refreshExpiresInS?: number;
}

/** A token counts as expired this long before the time the vendor gave (clock skew, slow calls). */
const EARLY_EXPIRY_MS = 5 * 60 * 1000;

/** The time to keep a token: its lifetime less the margin, but never less than half of it. */
export function keepForMs(expiresInS: number): number {
  const lifetime = Math.max(0, expiresInS * 1000);
  return Math.max(lifetime - EARLY_EXPIRY_MS, lifetime / 2);
}

/**
 * A vendor access token kept until shortly before it expires. `obtain` gets the refresh token still
 * believed valid (if the vendor issues one) and decides how to use it. Concurrent callers share one fetch;
 * `invalidate` drops the access token (the vendor refused it) but keeps the refresh token.
 */
export class CachedToken {
  private current?: { token: string; expiresAt: number };
  private refresh?: { token: string; expiresAt: number };
  private inflight?: Promise<string>;

  constructor(
    private readonly obtain: (refreshToken: string | undefined) => Promise<IssuedToken>,
    private readonly clock: Clock,
    /** How long to keep a token the vendor said lives `expiresInS` seconds. */
    private readonly keepFor: (expiresInS: number) => number = keepForMs,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt > this.clock.now()) return this.current.token;
    this.inflight ??= this.renew().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /**
   * Drops the access token when it is the one the vendor `refused` (any token when none is named): when
   * many calls are refused together, the first refusal renews and later refusals of the old token keep
   * the new one. The refresh token stays.
   */
  invalidate(refused?: string): void {
    if (refused === undefined || refused === this.current?.token) this.current = undefined;
  }

  /** Forgets the refresh token too, so that the next renewal starts from the credentials. */
  forgetRefresh(): void {
    this.refresh = undefined;
  }

  private async renew(): Promise<string> {
    const now = this.clock.now();
    const usable = this.refresh && this.refresh.expiresAt > now ? this.refresh.token : undefined;
    const issued = await this.obtain(usable);
    const at = this.clock.now();
    this.current = { token: issued.token, expiresAt: at + this.keepFor(issued.expiresInS) };
    if (issued.refreshToken) {
      this.refresh = { token: issued.refreshToken, expiresAt: at + this.keepFor(issued.refreshExpiresInS ?? 0) };
    }
    return issued.token;
  }
}
