import { hmacHex, safeEqual } from '../transport/crypto.js';

/**
 * What a button carries back to us. Only the signature makes it trustworthy. A type alias (not an
 * interface) so that it is assignable to `Record<string, unknown>` card button values.
 */
export type ButtonValue = {
  a: string; // action name
  r: string; // reference (job id, list id…)
  x?: Record<string, string | number>; // small extra data
  v: number; // format version
  t: number; // issued at, seconds
  s: string; // HMAC over all of the above and the app id
};

export const BUTTON_VERSION = 1;
/** A 2.0 card can be clicked for 14 days; so can its buttons. */
const MAX_AGE_S = 14 * 24 * 3600;

export type Verified = { ok: true; action: string; ref: string; extra: Record<string, string | number> } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/**
 * The signed bytes: a JSON array, so that no field can leak into its neighbour ("a|b" + "c" vs "a" +
 * "b|c", an extra value "1&k=2" vs two extras) and 1 and "1" stay different.
 */
function canonical(v: Omit<ButtonValue, 's'>, appId: string): string {
  const extra = v.x ? Object.keys(v.x).sort().map((k) => [k, v.x?.[k]]) : [];
  return JSON.stringify([appId, v.v, v.a, v.r, extra, v.t]);
}

/**
 * Signs button values with a key derived from the app secret, so that a value cannot be forged, altered,
 * or taken from another app's card.
 */
export class ButtonSigner {
  private readonly key: string;

  constructor(
    appSecret: string,
    private readonly appId: string,
    private readonly nowMs: () => number,
  ) {
    this.key = hmacHex(appSecret, 'ops-bot/button-values/v1');
  }

  value(action: string, ref: string, extra?: Record<string, string | number>): ButtonValue {
    const unsigned = { a: action, r: ref, ...(extra ? { x: extra } : {}), v: BUTTON_VERSION, t: Math.floor(this.nowMs() / 1000) };
    return { ...unsigned, s: hmacHex(this.key, canonical(unsigned, this.appId)) };
  }

  verify(raw: unknown): Verified {
    if (!raw || typeof raw !== 'object') return { ok: false, reason: 'malformed' };
    const v = raw as Partial<ButtonValue>;
    const extraOk =
      v.x === undefined ||
      (typeof v.x === 'object' && v.x !== null && !Array.isArray(v.x) && Object.values(v.x).every((x) => typeof x === 'string' || typeof x === 'number'));
    if (typeof v.a !== 'string' || typeof v.r !== 'string' || typeof v.s !== 'string' || typeof v.t !== 'number' || v.v !== BUTTON_VERSION || !extraOk) {
      return { ok: false, reason: 'malformed' };
    }
    const expected = hmacHex(this.key, canonical(v as ButtonValue, this.appId));
    if (!safeEqual(v.s, expected)) return { ok: false, reason: 'forged' };
    if (this.nowMs() / 1000 - v.t > MAX_AGE_S) return { ok: false, reason: 'expired' };
    return { ok: true, action: v.a, ref: v.r, extra: v.x ?? {} };
  }
}
