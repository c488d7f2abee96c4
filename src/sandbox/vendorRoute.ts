import type { Request, Response, Router } from 'express';
import type { ServerRateLimits } from './route.js';
import { admitAtArrival } from './arrival.js';
import { answeredByPreamble } from './preamble.js';
import type { ApiFact } from './rateWindow.js';
import type { SandboxState } from './state.js';

/** A documented error of a third-party API: the HTTP status and the vendor's own envelope. */
export class VendorFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: object,
  ) {
    super(JSON.stringify(body));
  }
}

export interface VendorRouteSpec extends ApiFact {
  /** The vendor's answer when the documented (or assumed) rate limit is exceeded. */
  rateLimited(resetS: number): VendorFailure;
  /** The vendor's answer for an emulator bug, so that clients see their own envelope even then. */
  internal(msg: string): VendorFailure;
}

/**
 * Like route() but for vendors that are not Feishu-shaped: call counting, the API's own (documented or
 * assumed) rate limit counted at arrival, latency, fault injection (state.injectFault with the API name),
 * then the handler. Auth is the
 * handler's business: each vendor carries its token differently.
 */
export function vendorRoute(
  router: Router,
  state: SandboxState,
  limits: ServerRateLimits,
  spec: VendorRouteSpec,
  handler: (req: Request) => object | Promise<object>,
): void {
  state.apiNames.add(spec.api);
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    const admission = admitAtArrival(req, state.now(), (at) => limits.check(spec.api, at, state.windowsOf(spec)));
    const preamble = await answeredByPreamble(req, res, state, spec.api, () => spec.internal('injected fault').body);
    if (preamble === true) return;
    try {
      const over = admission();
      if (over) {
        state.rateLimited.set(spec.api, (state.rateLimited.get(spec.api) ?? 0) + 1);
        throw spec.rateLimited(over.resetS);
      }
      const body = await handler(req);
      if (preamble && preamble(res)) return;
      res.status(200).json(body);
    } catch (err) {
      const failure = err instanceof VendorFailure ? err : spec.internal(`emulator error: ${String(err)}`);
      res.status(failure.status).json(failure.body);
    }
  });
}

/** A feature's own emulator state, made on first use and kept on `state.ext` under `key`. */
export function featureState<T>(state: SandboxState, key: string, init: () => T): T {
  return (state.ext[key] ??= init()) as T;
}
