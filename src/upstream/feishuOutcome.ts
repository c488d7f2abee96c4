import type { AxiosError } from 'axios';
import { networkFailureIsAmbiguous, UpstreamError } from './errors.js';
import type { Outcome } from './callUpstream.js';

/**
 * Codes that mean "the token is missing, invalid or expired": refresh once and retry (feishu-apis.md §3).
 * 99991661 and 99991663 concern the tenant token the bot sends. 99991668 is a user-token code (the bot
 * sends none); it is listed anyway because refreshing the tenant token on it is harmless: one extra token
 * fetch and one retry, after which the code reaches the admin as it is.
 */
export const TOKEN_EXPIRED_CODES = new Set([99991661, 99991663, 99991668]);
/**
 * Codes that mean "slow down" (feishu-apis.md §2, §3): 99991400 (platform), 230020 (IM), the older IM codes
 * 11232/11233/11247, and the legacy 1000004/1000005. Some come with HTTP 400, so the code decides, not the status.
 */
export const RATE_LIMIT_CODES = new Set([99991400, 230020, 11232, 11233, 11247, 1000004, 1000005]);

interface FeishuBody {
  code?: number;
  msg?: string;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as Record<string, unknown> & { get?: (n: string) => unknown };
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Seconds to wait from x-ogw-ratelimit-reset, as milliseconds; at least 1 s. */
function resetMs(headers: unknown): number | undefined {
  const raw = header(headers, 'x-ogw-ratelimit-reset');
  const s = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(s) && s >= 0 ? Math.max(1000, s * 1000) : undefined;
}

function judge(api: string, httpStatus: number | undefined, body: FeishuBody, headers: unknown): Outcome<never> {
  const code = typeof body.code === 'number' ? body.code : httpStatus ?? -1;
  const msg = typeof body.msg === 'string' ? body.msg : `HTTP ${httpStatus ?? '?'}`;
  const logId = header(headers, 'x-tt-logid');
  const rateLimited = httpStatus === 429 || RATE_LIMIT_CODES.has(code);
  const transient = rateLimited || (httpStatus !== undefined && httpStatus >= 500);
  const error = new UpstreamError(api, code, msg, httpStatus, logId, transient);
  return {
    ok: false,
    error,
    authExpired: TOKEN_EXPIRED_CODES.has(code),
    retryAfterMs: rateLimited ? resetMs(headers) : undefined,
  };
}

/** A resolved SDK call: HTTP 2xx, but `code` may still be non-zero. */
export function fromResolved<T>(api: string, value: T): Outcome<T> {
  const body = (value ?? {}) as FeishuBody;
  if (typeof body.code === 'number' && body.code !== 0) return judge(api, 200, body, undefined);
  return { ok: true, value };
}

/**
 * A rejected SDK call: an AxiosError for non-2xx answers, timeouts and network failures. A timeout or a
 * lost connection may come after Feishu carried the request out, so it is ambiguous; a refused connection
 * is not (see networkFailureIsAmbiguous).
 */
export function fromRejected(api: string, err: unknown): Outcome<never> {
  const ax = err as AxiosError<FeishuBody>;
  if (ax?.response) {
    const data = ax.response.data;
    return judge(api, ax.response.status, data && typeof data === 'object' ? data : {}, ax.response.headers);
  }
  const code = (ax as { code?: string })?.code ?? 'NETWORK';
  const msg = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'request timed out' : `network error (${code})`;
  return { ok: false, error: new UpstreamError(api, code, msg, undefined, undefined, true, networkFailureIsAmbiguous(code)) };
}
