import type { Outcome } from '../../upstream/callUpstream.js';
import { networkFailureIsAmbiguous, UpstreamError } from '../../upstream/errors.js';
import { retryAfterMs, type HttpAnswer } from '../../upstream/httpJson.js';

/** 40004 token invalid, 40005 token expired: get a new token and retry once (third-party-apis.md §B.4). */
export const CHENGXUN_TOKEN_CODES = new Set([40004, 40005]);
/** 55001 request frequency limit exceeded: back off and retry. */
export const CHENGXUN_RATE_LIMIT = 55001;
/** 50000 server error: worth another attempt. */
const CHENGXUN_SERVER_ERROR = 50000;

/** Judges one answer: `err_code` must be 0, whatever the HTTP status says. */
export function judgeChengxun(api: string, answer: HttpAnswer): Outcome<Record<string, unknown>> {
  if (answer.kind === 'network') {
    // A reset or a timeout may come after the vendor carried the request out (see networkFailureIsAmbiguous).
    return { ok: false, error: new UpstreamError(api, answer.code, answer.msg, undefined, undefined, true, networkFailureIsAmbiguous(answer.code)) };
  }
  const { status, body, headers } = answer;
  if (status >= 200 && status < 300 && body && (body.err_code === 0 || body.err_code === '0')) return { ok: true, value: body };
  const code = typeof body?.err_code === 'number' ? body.err_code : Number(body?.err_code ?? NaN) || status;
  const msg = String(body?.err_msg || `HTTP ${status}`);
  const rateLimited = status === 429 || code === CHENGXUN_RATE_LIMIT;
  const transient = rateLimited || status >= 500 || code === CHENGXUN_SERVER_ERROR;
  return {
    ok: false,
    error: new UpstreamError(api, code, msg, status, undefined, transient),
    authExpired: CHENGXUN_TOKEN_CODES.has(code),
    retryAfterMs: rateLimited ? retryAfterMs(headers) : undefined,
  };
}
