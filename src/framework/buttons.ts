import { createHmac, timingSafeEqual } from 'node:crypto';

const hmacHex = (key: string, data: string): string => createHmac('sha256', key).update(data, 'utf8').digest('hex');

/** Constant-time compare of a MAC; its length is no secret (always 64 hex digits), so a length mismatch returns early. */
function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Small extra data a button carries (page numbers, a period id…). */
export type Extra = Record<string, string | number>;

/**
 * Where a card's buttons may be clicked: the chat the card was sent to, or, for a card sent privately to a
 * person whose direct chat is not known yet, that person (in a direct chat nobody else can click).
 */
export type Binding = { chat: string } | { user: string };

/**
 * What a button carries back to us. Only the signature makes it trustworthy. A type alias (not an
 * interface) so that it is assignable to `Record<string, unknown>` card button values.
 */
export type ButtonValue = {
  a: string; // action name
  r: string; // reference (job id, list id…)
  x?: Extra;
  c?: string; // the chat the card was sent to…
  u?: string; // …or the person it was sent to
  v: number; // format version
  t: number; // issued at, seconds
  s: string; // HMAC over all of the above and the app id
};

/** Version 2 binds every value to its chat (or person); version 1 values are refused as malformed. */
export const BUTTON_VERSION = 2;
/** A 2.0 card can be clicked for 14 days; so can its buttons. */
const MAX_AGE_S = 14 * 24 * 3600;

export type Verified =
  | { ok: true; action: string; ref: string; extra: Extra; binding: Binding }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Signs the values of the buttons of cards shown in one place (see `ButtonSigner.scope`). */
export interface ButtonScope {
  readonly binding: Binding;
  sign(action: string, ref: string, extra?: Extra): ButtonValue;
}

/**
 * The signed bytes: a JSON array, so that no field can leak into its neighbour ("a|b" + "c" vs "a" +
 * "b|c", an extra value "1&k=2" vs two extras) and 1 and "1" stay different.
 */
function canonical(v: Omit<ButtonValue, 's'>, appId: string): string {
  const extra = v.x ? Object.keys(v.x).sort().map((k) => [k, v.x?.[k]]) : [];
  return JSON.stringify([appId, v.v, v.a, v.r, extra, v.c ?? null, v.u ?? null, v.t]);
}

const isExtra = (x: unknown): x is Extra =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((e) => typeof e === 'string' || typeof e === 'number');

function bindingOf(v: Partial<ButtonValue>): Binding | undefined {
  if (typeof v.c === 'string' && v.c && v.u === undefined) return { chat: v.c };
  if (typeof v.u === 'string' && v.u && v.c === undefined) return { user: v.u };
  return undefined;
}

/**
 * Whether a click may run where it came from: a chat-bound value only from its chat, a person-bound one
 * only by that person. A click whose callback names no chat cannot prove it came from the card's chat.
 */
export function clickedWhereSent(binding: Binding, click: { chatId?: string; clicker: string }): boolean {
  return 'chat' in binding ? binding.chat === click.chatId : binding.user === click.clicker;
}

/**
 * Signs button values with a key derived from the app secret, so that a value cannot be forged, altered,
 * taken from another app's card, or clicked in another chat than the one its card was sent to.
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

  /** A signer for the buttons of cards shown at `binding`. */
  scope(binding: Binding): ButtonScope {
    return { binding, sign: (action, ref, extra) => this.sign(binding, action, ref, extra) };
  }

  private sign(binding: Binding, action: string, ref: string, extra?: Extra): ButtonValue {
    const where = 'chat' in binding ? { c: binding.chat } : { u: binding.user };
    const unsigned = { a: action, r: ref, ...(extra ? { x: extra } : {}), ...where, v: BUTTON_VERSION, t: Math.floor(this.nowMs() / 1000) };
    return { ...unsigned, s: hmacHex(this.key, canonical(unsigned, this.appId)) };
  }

  verify(raw: unknown): Verified {
    if (!raw || typeof raw !== 'object') return { ok: false, reason: 'malformed' };
    const v = raw as Partial<ButtonValue>;
    const binding = bindingOf(v);
    const fieldsOk = typeof v.a === 'string' && typeof v.r === 'string' && typeof v.s === 'string' && typeof v.t === 'number';
    if (!fieldsOk || v.v !== BUTTON_VERSION || !binding || (v.x !== undefined && !isExtra(v.x))) return { ok: false, reason: 'malformed' };
    const expected = hmacHex(this.key, canonical(v as ButtonValue, this.appId));
    if (!sameMac(v.s as string, expected)) return { ok: false, reason: 'forged' };
    if (this.nowMs() / 1000 - (v.t as number) > MAX_AGE_S) return { ok: false, reason: 'expired' };
    return { ok: true, action: v.a as string, ref: v.r as string, extra: v.x ?? {}, binding };
  }
}
