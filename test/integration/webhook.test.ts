import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, encryptPayload } from '../../src/transport/crypto.js';
import { MAX_BODY_BYTES } from '../../src/transport/webhook.js';
import { messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { ADMIN, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let plainApp: Harness;
beforeAll(async () => {
  h = await startHarness();
  plainApp = await startHarness({ overrides: { FEISHU_ENCRYPT_KEY: undefined } });
});
afterAll(async () => {
  await h.close();
  await plainApp.close();
});

const key = () => h.config.FEISHU_ENCRYPT_KEY as string;
const token = () => h.config.FEISHU_VERIFICATION_TOKEN;
let n = 0;
/** A /help message event from the admin's direct chat, with a fresh message in the emulator. */
function helpEvent(text = '/help') {
  const chatId = h.emulator.state.p2pChat(ADMIN);
  const msg = h.emulator.state.userMessage(ADMIN, chatId, text);
  return messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text }, { token: token(), eventId: `evt-webhook-${n++}` });
}

/** Signs `raw` with the given timestamp (seconds), as Feishu does. */
function signed(raw: string, timestampS: number, encryptKey = key()) {
  const ts = String(timestampS);
  return {
    'content-type': 'application/json',
    'x-lark-request-timestamp': ts,
    'x-lark-request-nonce': 'nonce-1',
    'x-lark-signature': computeSignature(ts, 'nonce-1', encryptKey, Buffer.from(raw)),
  };
}

async function repliesAfter(send: () => Promise<{ status: number }>): Promise<{ status: number; replies: number }> {
  h.mark();
  const res = await send();
  await h.idle();
  return { status: res.status, replies: h.sent().length };
}

describe('webhook signature', () => {
  it('accepts a correctly signed, encrypted event and answers it', async () => {
    const { raw, headers } = seal(helpEvent(), key());
    const r = await repliesAfter(() => h.http.post('/webhook/event').set(headers).send(raw));
    expect(r).toEqual({ status: 200, replies: 1 });
  });

  it('rejects a wrong signature with 401 and does nothing', async () => {
    const { raw, headers } = seal(helpEvent(), key());
    const bad = headers['x-lark-signature']!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const r = await repliesAfter(() => h.http.post('/webhook/event').set({ ...headers, 'x-lark-signature': bad }).send(raw));
    expect(r).toEqual({ status: 401, replies: 0 });
  });

  it('rejects a body changed after signing', async () => {
    const { raw, headers } = seal(helpEvent(), key());
    const tampered = raw.replace('{"encrypt":', '{ "encrypt":');
    expect((await h.http.post('/webhook/event').set(headers).send(tampered)).status).toBe(401);
  });

  it('rejects a signature made with another encrypt key', async () => {
    const { raw, headers } = seal(helpEvent(), 'someone-elses-key');
    expect((await h.http.post('/webhook/event').set(headers).send(raw)).status).toBe(401);
  });

  it('rejects a stale (>5 min old) and a future (>5 min ahead) timestamp even when the signature matches', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    for (const ts of [nowS - 301, nowS + 301]) {
      const raw = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(helpEvent()), key()) });
      const r = await repliesAfter(() => h.http.post('/webhook/event').set(signed(raw, ts)).send(raw));
      expect(r).toEqual({ status: 401, replies: 0 });
    }
  });

  it('accepts a timestamp a few minutes off (clock skew within the window)', async () => {
    const raw = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(helpEvent()), key()) });
    const r = await repliesAfter(() => h.http.post('/webhook/event').set(signed(raw, Math.floor(Date.now() / 1000) - 240)).send(raw));
    expect(r).toEqual({ status: 200, replies: 1 });
  });

  it('rejects an event with missing signature headers', async () => {
    const { raw, headers } = seal(helpEvent(), key());
    for (const drop of ['x-lark-signature', 'x-lark-request-timestamp', 'x-lark-request-nonce']) {
      const partial = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== drop));
      expect((await h.http.post('/webhook/event').set(partial).send(raw)).status, `without ${drop}`).toBe(401);
    }
    expect((await h.http.post('/webhook/event').set('content-type', 'application/json').send(raw)).status).toBe(401);
  });

  it('rejects a plaintext event to an app that has an encrypt key, even when signed', async () => {
    const raw = JSON.stringify(helpEvent());
    const r = await repliesAfter(() => h.http.post('/webhook/event').set(signed(raw, Math.floor(Date.now() / 1000))).send(raw));
    expect(r).toEqual({ status: 401, replies: 0 });
    expect((await h.http.post('/webhook/event').set('content-type', 'application/json').send(raw)).status).toBe(401);
  });

  it('rejects a correctly signed event carrying the wrong verification token', async () => {
    const ev = helpEvent();
    ev.header.token = 'not-the-token';
    const { raw, headers } = seal(ev, key());
    expect((await h.http.post('/webhook/event').set(headers).send(raw)).status).toBe(401);
  });
});

describe('URL verification', () => {
  it('answers the plain challenge of an app without encrypt key', async () => {
    const res = await plainApp.http.post('/webhook/event').send({ challenge: 'ch-123', token: plainApp.config.FEISHU_VERIFICATION_TOKEN, type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'ch-123' });
  });

  it('refuses the plain challenge with a wrong or missing token', async () => {
    expect((await plainApp.http.post('/webhook/event').send({ challenge: 'x', token: 'wrong', type: 'url_verification' })).status).toBe(401);
    expect((await plainApp.http.post('/webhook/event').send({ challenge: 'x', type: 'url_verification' })).status).toBe(401);
  });

  it('answers the encrypted challenge (sent without signature headers)', async () => {
    const raw = JSON.stringify({ encrypt: encryptPayload(JSON.stringify({ challenge: 'ch-enc', token: token(), type: 'url_verification' }), key()) });
    const res = await h.http.post('/webhook/card').set('content-type', 'application/json').send(raw);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'ch-enc' });
  });

  it('refuses the encrypted challenge with a wrong token', async () => {
    const raw = JSON.stringify({ encrypt: encryptPayload(JSON.stringify({ challenge: 'x', token: 'wrong', type: 'url_verification' }), key()) });
    expect((await h.http.post('/webhook/event').set('content-type', 'application/json').send(raw)).status).toBe(401);
  });

  it('checks the token on plain events of an app without encrypt key', async () => {
    const ev = messageEvent({ messageId: 'om_plain1', chatId: 'oc_x', chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: 'wrong' });
    expect((await plainApp.http.post('/webhook/event').send(ev)).status).toBe(401);
  });

  it('processes a plain event with the right token on an app without encrypt key', async () => {
    const chatId = plainApp.emulator.state.p2pChat(ADMIN);
    const msg = plainApp.emulator.state.userMessage(ADMIN, chatId, '/help');
    const ev = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: plainApp.config.FEISHU_VERIFICATION_TOKEN });
    expect((await plainApp.http.post('/webhook/event').send(ev)).status).toBe(200);
    await plainApp.idle();
    expect(plainApp.sent()).toHaveLength(1);
  });
});

describe('malformed and oversized bodies', () => {
  const send = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    h.http.post('/webhook/event').set(headers).send(body);

  it('answers 400 to a body that is not JSON, a JSON array, a JSON scalar, or nothing', async () => {
    for (const body of ['not json', '{"encrypt":', '[1,2,3]', '"str"', 'null', '']) {
      expect((await send(body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('answers 400 to an encrypt field that cannot be decrypted', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    for (const encrypt of ['not base64 at all', 'AAAA', Buffer.alloc(48, 7).toString('base64'), encryptPayload('not json', key())]) {
      const raw = JSON.stringify({ encrypt });
      expect((await send(raw, signed(raw, nowS))).status, encrypt).toBe(400);
    }
  });

  it('answers 413 to a body over the limit and never a 5xx', async () => {
    const big = JSON.stringify({ encrypt: 'A'.repeat(MAX_BODY_BYTES + 10) });
    expect((await send(big)).status).toBe(413);
  });

  it('answers 400 to a decrypted body that is not a v2 event, without a 5xx', async () => {
    const { raw, headers } = seal({ header: { token: token() }, event: {} }, key());
    const res = await send(raw, headers);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
  });

  it('never answers 5xx to odd content types or encodings', async () => {
    const { raw, headers } = seal(helpEvent(), key());
    for (const ct of ['text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const res = await send(raw, { ...headers, 'content-type': ct });
      expect(res.status, ct).toBeLessThan(500);
    }
    const res = await send(Buffer.from('garbage'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('/healthz', () => {
  it('answers 200 with mode and version', async () => {
    const res = await h.http.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, mode: 'sandbox', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('counts rejected requests by reason, for this app only', async () => {
    const before = (await h.http.get('/healthz')).body.rejected;
    const { raw, headers } = seal({ schema: '2.0' }, key());
    await h.http.post('/webhook/event').set({ ...headers, 'x-lark-signature': '0'.repeat(64) }).send(raw);
    await h.http.post('/webhook/event').set('content-type', 'application/json').send('not json');
    const after = (await h.http.get('/healthz')).body.rejected;
    expect(after.signature).toBe(before.signature + 1);
    expect(after.malformed).toBe(before.malformed + 1);
    const other = await startHarness();
    try {
      expect((await other.http.get('/healthz')).body.rejected).toEqual({ signature: 0, token: 0, malformed: 0 });
    } finally {
      await other.close();
    }
  });
});

describe('a failing inbox', () => {
  it('answers 503 when the store is down: the event is not recorded, so Feishu must deliver it again', async () => {
    const { createBotApp } = await import('../../src/app.js');
    const { silentLogger } = await import('../../src/observe/log.js');
    const request = (await import('supertest')).default;
    const { MemoryStore } = await import('../../src/store/memoryStore.js');
    const broken = new (class extends MemoryStore {
      override async claim(): Promise<boolean> {
        throw new Error('store down');
      }
      override async claimAndSet(): Promise<never> {
        throw new Error('store down');
      }
    })();
    const app = createBotApp({ config: h.config, log: silentLogger, store: broken }).app;
    const { raw, headers } = seal(helpEvent(), key());
    const res = await request(app).post('/webhook/event').set(headers).send(raw);
    expect(res.status).toBe(503);
    expect(res.body.error).toContain('deliver it again');
  });
});
