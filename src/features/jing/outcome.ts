import type { Outcome } from '../../upstream/callUpstream.js';
import { networkFailureIsAmbiguous, UpstreamError } from '../../upstream/errors.js';
import { retryAfterMs, type HttpAnswer } from '../../upstream/httpJson.js';

/**
 * UNCONFIRMED: Jingsocial's global error table was not readable (third-party-apis.md §A.1), so the codes
 * that mean "token invalid/expired" and "too many calls" are guesses. A `msg` that names the token or the
 * call frequency is treated the same way: a wrong guess costs at most one refresh or a few backoffs.
 */
export const JINGSOCIAL_AUTH_CODES = new Set([401, 40001, 40014, 42001]);
export const JINGSOCIAL_RATE_LIMIT_CODES = new Set([429, 45009]);
const AUTH_MSG = /token|令牌|凭证|unauthori[sz]ed/i;
const RATE_MSG = /频率|频繁|rate.?limit|too many|frequency/i;

/** Judges one answer: `code` must be 0 even under HTTP 200 (the docs show a "200 失败" example). */
export function judgeJingsocial(api: string, answer: HttpAnswer): Outcome<Record<string, unknown>> {
  if (answer.kind === 'network') {
    // A reset or a timeout may come after the vendor carried the request out (see networkFailureIsAmbiguous).
    return { ok: false, error: new UpstreamError(api, answer.code, answer.msg, undefined, undefined, true, networkFailureIsAmbiguous(answer.code)) };
  }
  const { status, body, headers } = answer;
  if (status >= 200 && status < 300 && body && body.code === 0) return { ok: true, value: body };
  const code = typeof body?.code === 'number' || typeof body?.code === 'string' ? body.code : status;
  const msg = String(body?.msg ?? body?.message ?? `HTTP ${status}`);
  const logId = typeof body?.request_id === 'string' ? body.request_id : undefined;
  const rateLimited = status === 429 || JINGSOCIAL_RATE_LIMIT_CODES.has(Number(code)) || RATE_MSG.test(msg);
  const transient = rateLimited || status >= 500;
  return {
    ok: false,
    error: new UpstreamError(api, code, msg, status, logId, transient),
    authExpired: !rateLimited && (status === 401 || JINGSOCIAL_AUTH_CODES.has(Number(code)) || AUTH_MSG.test(msg)),
    retryAfterMs: rateLimited ? retryAfterMs(headers) : undefined,
  };
}
