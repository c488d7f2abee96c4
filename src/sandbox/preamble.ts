import type { Request, Response } from 'express';
import type { SandboxState } from './state.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fault to play once the handler has done its work (the answer is lost, the change is made). */
export type LoseAnswer = (res: Response) => boolean;

/**
 * What every emulated API does before its own checks: count the call, wait the configured latency, and
 * play a fault injected for this API (stall, hang up, or answer with the fault's status, headers and body).
 * Returns true when the request has been answered (or dropped) already; for an `afterApply` fault, a
 * function the route calls with the handler's answer ready, which drops it instead (and returns true).
 */
export async function answeredByPreamble(req: Request, res: Response, state: SandboxState, api: string, defaultFaultBody: (status: number) => object): Promise<boolean | LoseAnswer> {
  state.calls.set(api, (state.calls.get(api) ?? 0) + 1);
  recordOnClose(req, res, state, api);
  const latency = state.apiLatencyMs.get(api) ?? state.latencyMs;
  if (latency > 0) await sleep(latency);
  const fault = state.takeFault(api);
  if (!fault) return false;
  if (fault.afterApply) {
    const how = fault.afterApply;
    return () => {
      if (how === 'hangUp') req.socket.destroy();
      return true; // a stalled answer is ended by the client's timeout, or by closeAllConnections()
    };
  }
  if (fault.stall) return true; // closeAllConnections() ends it when the emulator stops
  if (fault.hangUp) {
    req.socket.destroy();
    return true;
  }
  for (const [k, v] of Object.entries(fault.headers ?? {})) res.setHeader(k, v);
  res.status(fault.status).json(fault.body ?? defaultFaultBody(fault.status));
  return true;
}

/** Records the call once its answer is sent or the connection is gone: status, the body's code, latency. */
function recordOnClose(req: Request, res: Response, state: SandboxState, api: string): void {
  const started = performance.now();
  const at = state.now();
  let code: number | undefined;
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const b = body as { code?: unknown; errcode?: unknown } | undefined;
    const c = b?.code ?? b?.errcode;
    if (typeof c === 'number') code = c;
    return json(body);
  };
  res.once('close', () => {
    state.recordCall({
      api, method: req.method, path: req.originalUrl.split('?')[0] ?? req.originalUrl,
      status: res.writableFinished ? res.statusCode : 0, code, ms: Math.round(performance.now() - started), at,
    });
  });
}
