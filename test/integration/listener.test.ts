import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { ADMIN, cardText, startHarness, type Harness } from '../helpers/harness.js';

/** The listener main.ts serves: webhook requests skip Express, everything else goes through it. */
describe('the HTTP listener', () => {
  let h: Harness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    h = await startHarness();
    server = createServer(h.bot.listener);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
    await h.close();
  });

  it('answers a signed, encrypted command on /webhook/event and /webhook/card', async () => {
    for (const path of ['/webhook/event', '/webhook/card?from=console']) {
      const chatId = h.emulator.state.p2pChat(ADMIN);
      const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
      const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
      const { raw, headers } = seal(event, h.config.FEISHU_ENCRYPT_KEY as string);
      const before = h.emulator.state.outbox.length;
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: raw });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toEqual({});
      await h.idle();
      expect(cardText(h.emulator.state.outbox[before])).toContain('/status');
    }
  });

  it('serves the probes through Express, and 404 for the rest (a GET on the webhook too)', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/webhook/event`)).status).toBe(404);
    expect((await fetch(`${base}/nope`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a compressed body with 415 and one over the declared limit with 413, never a 5xx', async () => {
    const gz = await fetch(`${base}/webhook/event`, { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: 'x' });
    expect(gz.status).toBe(415);
    const big = await fetch(`${base}/webhook/event`, { method: 'POST', body: JSON.stringify({ encrypt: 'A'.repeat(10 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
  });
});
