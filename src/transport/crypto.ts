import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The AES-256 key of an Encrypt Key (its SHA-256). The webhook derives it once, not per request. */
export function aesKeyOf(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** Decrypts a Feishu `encrypt` payload: AES-256-CBC, key = SHA-256(encrypt key), IV = first 16 bytes. */
export function decryptPayload(encrypt: string, encryptKey: string): string {
  return decryptWithKey(encrypt, aesKeyOf(encryptKey));
}

/** decryptPayload with the AES key already derived (aesKeyOf). */
export function decryptWithKey(encrypt: string, key: Buffer): string {
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('ciphertext has an impossible length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** The inverse of decryptPayload; used by the sandbox sender, the say script and tests. */
export function encryptPayload(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKeyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** SHA-256 over timestamp + nonce + encrypt key, then the raw body bytes (no copy of the body). */
function signatureDigest(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): Buffer {
  return createHash('sha256').update(timestamp + nonce + encryptKey, 'utf8').update(rawBody).digest();
}

export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return signatureDigest(timestamp, nonce, encryptKey, rawBody).toString('hex');
}

/**
 * Constant-time equality of `received` with `expected`. The time depends only on the expected length:
 * a received value of another length is compared with `expected` itself and refused. That tells a prober
 * at most whether the length is right, never a byte (a signature or button MAC has a fixed length anyway).
 */
export function safeEqual(received: string, expected: string): boolean {
  return bytesEqual(Buffer.from(received, 'utf8'), Buffer.from(expected, 'utf8'));
}

export function bytesEqual(received: Buffer, expected: Buffer): boolean {
  if (received.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(received, expected);
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export interface SignatureHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
}

export type SignatureVerdict = 'ok' | 'missing' | 'stale' | 'mismatch';

export const SIGNATURE_WINDOW_S = 5 * 60;

/** Verifies X-Lark-Signature over the exact received bytes and the ±5 min timestamp window. */
export function verifySignature(
  headers: SignatureHeaders,
  rawBody: Buffer,
  encryptKey: string,
  nowMs: number,
): SignatureVerdict {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || nonce === undefined || !signature) return 'missing';
  const seconds = Number(timestamp);
  if (!/^\d{1,13}$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > SIGNATURE_WINDOW_S) return 'stale';
  if (!SHA256_HEX.test(signature)) return 'mismatch';
  return bytesEqual(Buffer.from(signature, 'hex'), signatureDigest(timestamp, nonce, encryptKey, rawBody)) ? 'ok' : 'mismatch';
}

export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}
