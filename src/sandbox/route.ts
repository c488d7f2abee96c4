import type { Request, Response, Router } from 'express';
import { PLATFORM_CODES, RATE_LIMITED, TOKEN_PREFIX } from './feishu/facts.js';
import { admitAtArrival } from './arrival.js';
import { answeredByPreamble } from './preamble.js';
import type { ApiFact, RateWindow } from './rateWindow.js';
import type { SandboxState } from './state.js';

/** A documented error the emulated API answers with. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

export const fail = (status: number, code: number, msg: string): never => {
  throw new ApiFailure(status, code, msg);
};

export type Handler = (req: Request, state: SandboxState) => unknown | Promise<unknown>;

interface RouteSpec extends ApiFact {
  /** Needs `Authorization: Bearer t-…` with a live tenant token (default true). */
  auth?: boolean;
}

/** Sliding-window counters per API, as strict as the documented tiers ("1000/min and 50/s": both). */
export class ServerRateLimits {
  private readonly hits = new Map<string, number[]>();

  /**
   * Returns seconds to wait when over a limit, undefined when the call may proceed (and counts it at
   * `now`, its arrival). Calls are kept in time order even when checked out of order (a handler's own
   * limit checked after the latency, timed by the arrival).
   */
  check(api: string, now: number, windows: readonly RateWindow[]): { resetS: number; limit: number } | undefined {
    if (windows.length === 0) return undefined;
    const longest = Math.max(...windows.map((w) => w.windowMs));
    const hits = this.hits.get(api) ?? [];
    const gone = hits.findIndex((t) => t > now - longest);
    hits.splice(0, gone < 0 ? hits.length : gone);
    this.hits.set(api, hits);
    for (const w of windows) {
      const inWindow = hits.filter((t) => t > now - w.windowMs && t <= now);
      if (inWindow.length >= w.limit) {
        const oldest = inWindow[inWindow.length - w.limit] as number;
        return { resetS: Math.max(1, Math.ceil((oldest + w.windowMs - now) / 1000)), limit: w.limit };
      }
    }
    let at = hits.length;
    while (at > 0 && (hits[at - 1] as number) > now) at--;
    hits.splice(at, 0, now);
    return undefined;
  }
}

function checkToken(req: Request, state: SandboxState): void {
  const auth = req.header('authorization') ?? '';
  const m = /^Bearer (\S+)$/.exec(auth);
  if (!m) fail(400, PLATFORM_CODES.needToken, 'Missing access token for authorization. Please make a request with token attached.');
  const token = m?.[1] as string;
  if (!TOKEN_PREFIX.test(token)) fail(400, PLATFORM_CODES.tokenFormat, 'Invalid token: must start with t-/u-');
  const expiresAt = state.tokens.get(token);
  if (expiresAt === undefined || expiresAt <= state.now()) fail(400, PLATFORM_CODES.tenantTokenInvalid, 'Invalid access token for authorization. Please make a request with token attached.');
}

/**
 * Registers one emulated API: its token and its documented rate limits checked as the request arrives,
 * then latency and fault injection, then the answer (the token's or the limit's refusal, or the handler's).
 * Errors come back the way Feishu sends them: `{code,msg}` with the documented HTTP status.
 */
export function route(router: Router, state: SandboxState, limits: ServerRateLimits, spec: RouteSpec, handler: Handler): void {
  state.apiNames.add(spec.api);
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    res.setHeader('x-tt-logid', state.nextId('log'));
    const admission = admitAtArrival(req, state.now(), (at) => {
      if (spec.auth !== false) checkToken(req, state);
      return limits.check(spec.api, at, state.windowsOf(spec));
    });
    const preamble = await answeredByPreamble(req, res, state, spec.api, (status) => ({ code: status, msg: 'injected fault' }));
    if (preamble === true) return;
    try {
      const over = admission();
      if (over) {
        state.rateLimited.set(spec.api, (state.rateLimited.get(spec.api) ?? 0) + 1);
        res.setHeader(RATE_LIMITED.limitHeader, String(over.limit));
        res.setHeader(RATE_LIMITED.resetHeader, String(over.resetS));
        res.status(RATE_LIMITED.status).json({ code: RATE_LIMITED.code, msg: RATE_LIMITED.msg });
        return;
      }
      const body = await handler(req, state);
      if (preamble && preamble(res)) return;
      res.status(200).json(body);
    } catch (err) {
      if (err instanceof ApiFailure) {
        res.status(err.status).json({ code: err.code, msg: err.message });
        return;
      }
      res.status(500).json({ code: 1, msg: `emulator error: ${String(err)}` });
    }
  });
}

export const ok = (data: unknown = {}) => ({ code: 0, msg: 'success', data });
