/** One rate-limit window of an emulated API: at most `limit` calls in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export const perMinute = (limit: number): RateWindow => ({ limit, windowMs: 60_000 });
export const perSecond = (limit: number): RateWindow => ({ limit, windowMs: 1_000 });

/** What the emulator needs to register one API: its name (for faults and counters), method, path and limits. */
export interface ApiFact {
  /** The name faults, call counters and 429 counters use, e.g. `im.message.reply`. */
  api: string;
  method: 'get' | 'post' | 'patch' | 'put';
  /** The path as the platform serves it (Express syntax for path parameters). */
  path: string;
  /** Every window must hold at once ("1000/min and 50/s" means both). Empty: the emulator enforces none. */
  windows: RateWindow[];
}
