import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botAddedEvent, messageEvent } from '../../src/sandbox/feishu/events.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import { ADMIN, buttons, cardText, GROUP, MEMBER } from '../helpers/harness.js';
import { startWsHarness, type WsHarness } from './wsHarness.js';

// The real SDK WSClient against the emulator's long connection, over loopback.
let h: WsHarness;
beforeAll(async () => {
  h = await startWsHarness();
});
afterAll(() => h.close());

describe('events over the long connection', () => {
  it('answers /help pushed over the socket with a reply', async () => {
    const { frame, sent } = await h.say('/help');
    expect(frame.code).toBe(200);
    expect(frame.body).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ api: 'im.message.reply' });
    expect(cardText(sent[0])).toContain('Ops Bot commands');
  });

  it('answers a group mention the same way as the webhook does', async () => {
    const { sent } = await h.say('/help', { group: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ api: 'im.message.reply', chat_id: GROUP });
  });

  it('replies once to the same event pushed twice', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
    const before = h.emulator.state.outbox.length;
    expect((await h.push(event)).code).toBe(200);
    expect((await h.push(event)).code).toBe(200);
    await h.bot.bot.idle();
    expect(h.emulator.state.outbox.slice(before)).toHaveLength(1);
  });

  it('reassembles an event pushed in fragments', async () => {
    const { frame, sent } = await h.say(`/help ${'x'.repeat(3000)}`, { maxFrameBytes: 256 });
    expect(frame.fragments).toBeGreaterThan(10);
    expect(frame.code).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('drops an envelope of another app, answers it (no re-push) and counts it', async () => {
    const before = h.emulator.state.outbox.length;
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
    const foreign = messageEvent(
      { messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' },
      { token: h.config.FEISHU_VERIFICATION_TOKEN, appId: 'cli_0123456789abcdef' },
    );
    const frame = await h.push(foreign);
    await h.bot.bot.idle();
    expect(frame.code).toBe(200);
    expect(h.emulator.state.outbox.slice(before)).toHaveLength(0);
    const health = (await h.http.get('/healthz')).body;
    expect(health.transport).toMatchObject({ kind: 'ws', state: 'connected', deliveries: { otherApp: 1 } });
    // The same message from this app is still answered: the drop claimed nothing.
    const ours = await h.push(messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
    await h.bot.bot.idle();
    expect(ours.code).toBe(200);
    expect(h.emulator.state.outbox.slice(before)).toHaveLength(1);
  });

  it('answers an envelope it cannot read with code 200 (not re-pushed) and counts it', async () => {
    const frame = await h.push({ schema: '1.0', uuid: 'x', type: 'event_callback' });
    expect(frame.code).toBe(200);
    expect((await h.http.get('/healthz')).body.transport.deliveries.invalid).toBeGreaterThanOrEqual(1);
  });
});

describe('card callbacks over the long connection', () => {
  it('answers a click in the response frame with the toast, within 3 s, and runs the command', async () => {
    const added = await h.push(botAddedEvent(GROUP, ADMIN, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
    expect(added.code).toBe(200);
    await h.bot.bot.idle();
    const welcome = h.emulator.state.cards((r) => r.chat_id === GROUP && cardText(r).includes("Hi, I'm Ops Bot")).at(-1);
    const value = buttons(welcome)['Show help'];
    expect(value).toBeDefined();
    const before = h.emulator.state.outbox.length;
    const frame = await h.click(value, { as: MEMBER, messageId: welcome?.message_id, chatId: GROUP });
    expect(frame.code).toBe(200);
    expect(frame.elapsedMs).toBeLessThan(3000);
    expect(frame.body).toMatchObject({ toast: { type: 'info', i18n: { en_us: 'Sent to you privately', zh_cn: expect.any(String) } } });
    await h.bot.bot.idle();
    const sent = h.emulator.state.outbox.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ receive_id: MEMBER });
    expect(cardText(sent[0])).toContain('Ops Bot commands');
  });

  it('answers a click with a new card in the response frame when the action gives one', async () => {
    const { sent } = await h.say('/acs users');
    const next = buttons(sent.at(-1))['Next'];
    expect(next).toBeDefined();
    const frame = await h.click(next, { messageId: sent.at(-1)?.message_id, chatId: h.emulator.state.p2pChat(ADMIN) });
    expect(frame.code).toBe(200);
    const card = (frame.body as { card?: { type: string; data: unknown } }).card;
    expect(card?.type).toBe('raw');
    expect(cardProblem(JSON.stringify(card?.data))).toBeUndefined();
  });

  it('refuses a forged button value with an error toast and runs nothing', async () => {
    const before = h.emulator.state.outbox.length;
    const frame = await h.click({ a: 'run', r: '/help', v: 1, t: Math.floor(Date.now() / 1000), s: 'f'.repeat(64) });
    expect(frame.code).toBe(200);
    expect(frame.body).toMatchObject({ toast: { type: 'error', i18n: { en_us: 'This button is not valid; nothing was done' } } });
    await h.bot.bot.idle();
    expect(h.emulator.state.outbox.slice(before)).toHaveLength(0);
  });
});
