import { describe, expect, it } from 'vitest';
import { encryptEvent, signEvent } from '../../src/sandbox/feishu/crypto.js';
import { seal } from '../../src/sandbox/feishu/events.js';
import { decryptPayload, verifySignature } from '../../src/transport/crypto.js';

/** feishu-events.md §4: the official test vector ("test key", "hello world"). */
const VECTOR = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';

describe('the emulator seals events on its own, the way Feishu does', () => {
  it('encrypts the doc’s test vector byte for byte when given its IV', () => {
    const iv = Buffer.from(VECTOR, 'base64').subarray(0, 16);
    expect(encryptEvent('hello world', 'test key', iv)).toBe(VECTOR);
  });

  it('signs hex(SHA-256(timestamp + nonce + key + raw body))', () => {
    // Computed independently: printf '%s' '1700000000nonce-1k{"encrypt":"x"}' | sha256sum
    expect(signEvent('1700000000', 'nonce-1', 'k', Buffer.from('{"encrypt":"x"}'))).toBe('a69d0c08644a3393cf5ac9f0a81dfd07cdcd14a5a3a9c2ebc79a43c25fd65786');
  });

  it('seals a body that the bot’s webhook decrypts and verifies', () => {
    const now = Date.now();
    const { raw, headers } = seal({ hello: 'world' }, 'sandbox-key', now);
    const verdict = verifySignature(
      { timestamp: headers['x-lark-request-timestamp'], nonce: headers['x-lark-request-nonce'], signature: headers['x-lark-signature'] },
      Buffer.from(raw, 'utf8'), 'sandbox-key', now,
    );
    expect(verdict).toBe('ok');
    expect(JSON.parse(decryptPayload((JSON.parse(raw) as { encrypt: string }).encrypt, 'sandbox-key'))).toEqual({ hello: 'world' });
  });
});
