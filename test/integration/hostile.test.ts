import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ButtonSigner } from '../../src/framework/buttons.js';
import { runCommandAction } from '../../src/features/welcome/action.js';
import { eventAgeMs } from '../../src/inbox/eventFields.js';
import { messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { computeSignature, encryptPayload } from '../../src/transport/crypto.js';
import { ADMIN, cardText, GROUP, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { testFeature } from '../helpers/testCommands.js';

let h: Harness;
let plainApp: Harness;
beforeAll(async () => {
  h = await startHarness({ features: [testFeature] });
  plainApp = await startHarness({ overrides: { FEISHU_ENCRYPT_KEY: undefined } });
});
afterAll(async () => {
  await h.close();
  await plainApp.close();
});

let n = 0;
const token = () => h.config.FEISHU_VERIFICATION_TOKEN;
const envelope = (type: string, event: unknown, header: Record<string, unknown> = {}) => ({
  schema: '2.0',
  header: { event_id: `evt-hostile-${n++}`, event_type: type, create_time: String(Date.now()), ...header } as Record<string, unknown>,
  event,
});

/** Encrypts and signs a plaintext exactly as given (no JSON round trip in the test). */
function postPlaintext(plain: string) {
  const key = h.config.FEISHU_ENCRYPT_KEY as string;
  const raw = JSON.stringify({ encrypt: encryptPayload(plain, key) });
  const ts = String(Math.floor(Date.now() / 1000));
  return h.http.post('/webhook/event')
    .set({ 'content-type': 'application/json', 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': 'n', 'x-lark-signature': computeSignature(ts, 'n', key, Buffer.from(raw)) })
    .send(raw);
}

/** A signed, encrypted delivery; returns the status and what the bot sent because of it. */
async function deliver(body: unknown): Promise<{ status: number; sent: number }> {
  const header = (body as { header?: unknown }).header;
  if (header && typeof header === 'object') (header as Record<string, unknown>).token ??= token();
  h.mark();
  const res = await h.post(body);
  await h.idle();
  return { status: res.status, sent: h.sent().length };
}

describe('hostile or malformed events never crash the bot', () => {
  const chat = () => h.emulator.state.p2pChat(ADMIN);
  const message = (m: Record<string, unknown>) =>
    envelope('im.message.receive_v1', { sender: { sender_type: 'user', sender_id: { open_id: ADMIN } }, message: m });

  it.each([
    ['message_id as a number', { message_id: 12345, chat_id: 'oc_x', content: '{"text":"/help"}' }],
    ['chat_id as an object', { message_id: 'om_x1', chat_id: { a: 1 }, content: '{"text":"/help"}' }],
    ['no message at all', undefined],
    ['message as a string', 'om_x2'],
  ])('answers 400 to a message event with %s, and nothing is sent', async (_name, m) => {
    expect(await deliver(message(m as Record<string, unknown>))).toEqual({ status: 400, sent: 0 });
  });

  it.each([
    ['content that is not JSON', { content: '/help this is not json', message_type: 'text' }],
    ['content as an object', { content: { text: '/help' }, message_type: 'text' }],
    ['mentions that are not an array', { content: '{"text":"/help"}', message_type: 'text', mentions: { key: '@_user_1' } }],
    ['mentions holding null and numbers', { content: '{"text":"@_user_1 /help"}', message_type: 'text', mentions: [null, 7, { key: 5 }, { key: '@_user_1', id: null }] }],
    ['a post with null runs', { content: '{"content":[[null,{"tag":"text","text":7},{"tag":"text","text":"/help"}]]}', message_type: 'post' }],
    ['a __proto__ key in the content', { content: '{"__proto__":{"polluted":1},"text":"/help"}', message_type: 'text' }],
  ])('answers a direct message with %s with a card, not a crash', async (_name, extra) => {
    const msg = h.emulator.state.userMessage(ADMIN, chat(), '/help');
    const r = await deliver(message({ message_id: msg.message_id, chat_id: chat(), chat_type: 'p2p', ...extra }));
    expect(r).toEqual({ status: 200, sent: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores a sender open_id that is not a string', async () => {
    const msg = h.emulator.state.userMessage(ADMIN, chat(), '/help');
    const ev = envelope('im.message.receive_v1', { sender: { sender_type: 'user', sender_id: { open_id: ['ou_a'] } }, message: { message_id: msg.message_id, chat_id: chat(), chat_type: 'p2p', message_type: 'text', content: '{"text":"/help"}' } });
    expect(await deliver(ev)).toEqual({ status: 400, sent: 0 });
  });

  it.each([
    ['a header that is a string (no token in it)', { schema: '2.0', header: 'x', event: {} }, 401],
    ['an event that is a number', envelope('im.message.receive_v1', 5), 400],
    ['a null event', envelope('card.action.trigger', null), 200],
    ['a menu click with an object open_id', envelope('application.bot.menu_v6', { operator: { operator_id: { open_id: { x: 1 } } }, event_key: 'help' }), 400],
    ['a p2p entry with a numeric open_id', envelope('im.chat.access_event.bot_p2p_chat_entered_v1', { operator_id: { open_id: 42 } }), 400],
    ['a bot-added event without chat_id', envelope('im.chat.member.bot.added_v1', { chat_id: ['oc_1'] }), 400],
  ])('answers %s without a 5xx', async (_name, body, status) => {
    expect(await deliver(body)).toEqual({ status, sent: 0 });
  });

  it('survives deeply nested JSON and __proto__ keys in the envelope', async () => {
    let deep = '1';
    for (let i = 0; i < 20_000; i++) deep = `[${deep}]`;
    const res = await postPlaintext(`{"schema":"2.0","header":{"event_id":"evt-deep-${n++}","event_type":"x.y","token":"${token()}"},"event":${deep}}`);
    expect(res.status).toBeLessThan(500);
    const proto = JSON.parse(`{"schema":"2.0","__proto__":{"isAdmin":true},"header":{"event_id":"evt-proto-${n++}","event_type":"x.y","token":"${token()}","__proto__":{"x":1}},"event":{"__proto__":{"y":1}}}`);
    expect((await h.post(proto)).status).toBe(200);
    expect((await postPlaintext(`{"schema":"2.0","header":{"event_id":"evt-proto2-${n++}","event_type":"card.action.trigger","token":"${token()}"},"event":{"operator":{"open_id":"${MEMBER}"},"action":{"value":{"__proto__":{"a":"test.admin"},"r":"x","v":1,"t":1,"s":"x"}}}}`)).body.toast.type).toBe('error');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    // Still answering afterwards.
    expect(cardText((await h.say('/echo still-alive'))[0])).toContain('first=still-alive');
  });

  it('a card callback with ids of the wrong type toasts instead of throwing', async () => {
    const value = h.bot.services.buttons.scope({ chat: GROUP }).sign('test.member', 'r1');
    const ev = envelope('card.action.trigger', { operator: { open_id: 7 }, action: { value }, context: { open_message_id: 5, open_chat_id: {} } });
    ev.header.token = token();
    const res = await h.post(ev);
    expect(res.status).toBe(200);
    expect(res.body.toast.i18n.en_us).toBe('Cannot tell who clicked');
  });
});

describe('replays', () => {
  it('ignores an event older than the dedupe window (a token-only app has no signature timestamp)', async () => {
    const app = plainApp;
    const chatId = app.emulator.state.p2pChat(ADMIN);
    const msg = app.emulator.state.userMessage(ADMIN, chatId, '/help');
    const nineHoursAgo = Date.now() - 9 * 3600 * 1000;
    const ev = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: app.config.FEISHU_VERIFICATION_TOKEN, now: nineHoursAgo });
    app.mark();
    expect((await app.http.post('/webhook/event').send(ev)).status).toBe(200);
    await app.idle();
    expect(app.sent()).toHaveLength(0);
  });

  it('reads create_time in seconds, milliseconds and microseconds', () => {
    const now = 1_735_718_400_000;
    expect(eventAgeMs('1735718400', now)).toBe(0);
    expect(eventAgeMs('1735718399000', now)).toBe(1000);
    expect(eventAgeMs('1735718398000000', now)).toBe(2000);
    expect(eventAgeMs(1735718397000, now)).toBe(3000);
    expect(eventAgeMs('soon', now)).toBeUndefined();
    expect(eventAgeMs({}, now)).toBeUndefined();
  });

  it('answers the same signed body re-sent within the window once', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
    const ev = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: token(), eventId: `evt-replay-${n++}` });
    const { raw, headers } = seal(ev, h.config.FEISHU_ENCRYPT_KEY as string);
    h.mark();
    for (let i = 0; i < 3; i++) expect((await h.http.post('/webhook/event').set(headers).send(raw)).status).toBe(200);
    await h.idle();
    expect(h.sent()).toHaveLength(1);
  });
});

describe('button values', () => {
  const signer = new ButtonSigner('secret', 'cli_a', () => 1_700_000_000_000);

  it('cannot be re-cut: moving text between fields, splitting an extra or changing its type breaks the signature', () => {
    const v = signer.scope({ chat: 'oc_1' }).sign('status.retry', 'job|1', { q: 'a&b=c', n: 1 });
    expect(signer.verify(v)).toMatchObject({ ok: true, ref: 'job|1', binding: { chat: 'oc_1' } });
    expect(signer.verify({ ...v, a: 'status.retry|job', r: '1' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify({ ...v, x: { q: 'a', b: 'c', n: 1 } })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify({ ...v, x: { q: 'a&b=c', n: '1' } })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify({ ...v, a: 'status.undo' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify({ ...v, r: 'job|2' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify({ ...v, x: [] })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('are bound to their chat or person: moving a value to another chat or person breaks the signature', () => {
    const v = signer.scope({ chat: 'oc_1' }).sign('status.retry', 'job1');
    expect(signer.verify({ ...v, c: 'oc_2' })).toEqual({ ok: false, reason: 'forged' });
    const { c: _c, ...unbound } = v;
    expect(signer.verify({ ...unbound, u: 'oc_1' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(unbound)).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify({ ...v, u: 'ou_1' })).toEqual({ ok: false, reason: 'malformed' });
    const personal = signer.scope({ user: 'ou_1' }).sign('okr.user', 'ou_1');
    expect(signer.verify(personal)).toMatchObject({ ok: true, binding: { user: 'ou_1' } });
    expect(signer.verify({ ...personal, u: 'ou_2' })).toEqual({ ok: false, reason: 'forged' });
    // Values of the first format (no binding) are no longer accepted.
    expect(signer.verify({ ...v, v: 1 })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a welcome-card button cannot run an admin command for a member', async () => {
    h.mark();
    const res = await h.click(runCommandAction.value(h.bot.services.buttons.scope({ chat: GROUP }), 'admin only'), { as: MEMBER, chatId: GROUP });
    expect(res.status).toBe(200);
    await h.idle();
    const sent = h.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ receive_id: MEMBER });
    expect(cardText(sent[0])).toContain('Not allowed');
    expect(cardText(sent[0])).not.toContain('admin command ran');
  });

  it('a signed value is checked against the clicker on every click', async () => {
    const msg = (await h.say('/echo card'))[0]!.message_id!;
    const value = h.bot.services.buttons.scope({ chat: h.emulator.state.p2pChat(ADMIN) }).sign('test.admin', 'r1');
    expect((await h.click(value, { as: ADMIN, messageId: msg })).body.toast.type).not.toBe('error');
    expect((await h.click(value, { as: MEMBER, messageId: msg })).body.toast.i18n.en_us).toContain('only bot admins');
  });
});

