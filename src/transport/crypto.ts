import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Decrypts a Feishu `encrypt` payload: AES-256-CBC, key = SHA-256(encrypt key), IV = first 16 bytes. */
export function decryptPayload(encrypt: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('ciphertext has an impossible length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** The inverse of decryptPayload; used by the sandbox sender, the say script and tests. */
export function encryptPayload(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(timestamp + nonce + encryptKey, 'utf8'), rawBody]))
    .digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  // Compare digests so that the comparison itself takes the same time whatever the lengths.
  const ad = createHash('sha256').update(ab).digest();
  const bd = createHash('sha256').update(bb).digest();
  return timingSafeEqual(ad, bd) && ab.length === bb.length;
}

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
  return safeEqual(signature.toLowerCase(), computeSignature(timestamp, nonce, encryptKey, rawBody)) ? 'ok' : 'mismatch';
}

export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}
