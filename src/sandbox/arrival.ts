import type { Request } from 'express';

const arrivals = new WeakMap<Request, number>();

/**
 * When a request arrived (the emulator's clock), as marked by admitAtArrival. The platform counts a call
 * in its rate windows when it comes in, not when it answers: a check timed after the emulated latency
 * counts a call whose timer fired late as a later call (and answers 429 to a bot that kept to the limit).
 */
export function arrivedAt(req: Request): number {
  const at = arrivals.get(req);
  if (at === undefined) throw new Error(`emulator: ${req.method} ${req.originalUrl} has no arrival time`);
  return at;
}

/**
 * Marks the request's arrival at `now` and runs `check` at once (what the platform decides as a request
 * comes in: its token, its rate windows). Gives a function that replays the outcome when the answer is
 * due, after the emulated latency: the value, or the same error thrown again.
 */
export function admitAtArrival<T>(req: Request, now: number, check: (at: number) => T): () => T {
  arrivals.set(req, now);
  try {
    const value = check(now);
    return () => value;
  } catch (err) {
    return () => {
      throw err;
    };
  }
}
