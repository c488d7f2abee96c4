import { describe, expect, it } from 'vitest';
import { aesKeyOf, computeSignature, decryptPayload, decryptWithKey, encryptPayload, safeEqual, verifySignature } from '../../src/transport/crypto.js';

describe('Feishu payload encryption', () => {
  it('decrypts the official test vector', () => {
    expect(decryptPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('round-trips any text, including CJK and long bodies', () => {
    for (const text of ['{}', '{"text":"你好 ／help「引号」"}', 'x'.repeat(70_000)]) {
      const sealed = encryptPayload(text, 'another key');
      expect(decryptPayload(sealed, 'another key')).toBe(text);
    }
  });

  it('uses a fresh IV each time, so equal plaintexts give different ciphertexts', () => {
    expect(encryptPayload('same', 'k')).not.toBe(encryptPayload('same', 'k'));
  });

  it('throws on a wrong key or a truncated ciphertext instead of returning garbage silently', () => {
    const sealed = encryptPayload('{"a":1}', 'right key');
    expect(() => decryptPayload(sealed.slice(0, 20), 'right key')).toThrow();
    let wrong: string | undefined;
    try {
      wrong = decryptPayload(sealed, 'wrong key');
    } catch {
      wrong = undefined;
    }
    expect(wrong).not.toBe('{"a":1}');
  });
});

describe('request signature', () => {
  const key = 'encrypt-key';
  const raw = Buffer.from('{"encrypt":"abc"}');
  const now = 1_735_718_400_000;
  const ts = String(now / 1000);
  const sig = computeSignature(ts, 'nonce-1', key, raw);

  it('accepts the signature over the exact raw bytes', () => {
    expect(verifySignature({ timestamp: ts, nonce: 'nonce-1', signature: sig }, raw, key, now)).toBe('ok');
  });

  it('rejects a body that differs by one byte (e.g. re-serialised JSON)', () => {
    expect(verifySignature({ timestamp: ts, nonce: 'nonce-1', signature: sig }, Buffer.from('{"encrypt": "abc"}'), key, now)).toBe('mismatch');
  });

  it('rejects another nonce, another key, a missing header', () => {
    expect(verifySignature({ timestamp: ts, nonce: 'nonce-2', signature: sig }, raw, key, now)).toBe('mismatch');
    expect(verifySignature({ timestamp: ts, nonce: 'nonce-1', signature: sig }, raw, 'other', now)).toBe('mismatch');
    expect(verifySignature({ nonce: 'nonce-1', signature: sig }, raw, key, now)).toBe('missing');
    expect(verifySignature({ timestamp: ts, nonce: 'nonce-1' }, raw, key, now)).toBe('missing');
  });

  it('rejects a timestamp more than 5 minutes old or ahead, accepts one just inside', () => {
    const at = (offsetS: number) => {
      const t = String(now / 1000 + offsetS);
      return verifySignature({ timestamp: t, nonce: 'n', signature: computeSignature(t, 'n', key, raw) }, raw, key, now);
    };
    expect(at(-301)).toBe('stale');
    expect(at(301)).toBe('stale');
    expect(at(-299)).toBe('ok');
    expect(at(299)).toBe('ok');
  });

  it('accepts the signature in upper case, refuses one that is not 64 hex digits', () => {
    expect(verifySignature({ timestamp: ts, nonce: 'nonce-1', signature: sig.toUpperCase() }, raw, key, now)).toBe('ok');
    for (const bad of [sig.slice(1), `${sig}00`, `${sig.slice(0, 63)}g`, 'x']) {
      expect(verifySignature({ timestamp: ts, nonce: 'nonce-1', signature: bad }, raw, key, now), bad).toBe('mismatch');
    }
  });

  it('decrypts with a key derived once the same as with the Encrypt Key itself', () => {
    const sealed = encryptPayload('{"a":1}', 'k1');
    expect(decryptWithKey(sealed, aesKeyOf('k1'))).toBe(decryptPayload(sealed, 'k1'));
  });

  it('compares strings in constant time and exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('abcd', 'abc')).toBe(false);
    expect(safeEqual('', 'abc')).toBe(false);
  });
});
