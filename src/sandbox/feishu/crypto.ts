import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * How Feishu seals an event push when an Encrypt Key is set (feishu-events.md §4, §5), as the emulator's
 * event sender does it, independently of the bot's transport code.
 */

/** §4: AES-256-CBC, key = SHA-256(encrypt key), a random 16-byte IV in front, base64. */
export function encryptEvent(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** §5: X-Lark-Signature = hex(SHA-256(timestamp + nonce + encryptKey + raw body bytes)). */
export function signEvent(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(timestamp + nonce + encryptKey, 'utf8'), rawBody]))
    .digest('hex');
}
