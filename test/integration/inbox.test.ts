import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../src/sandbox/feishu/events.js';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { ran, testFeature } from '../helpers/testCommands.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ features: [testFeature] });
});
afterAll(() => h.close());

let seq = 0;
function userSays(as: string, text: string, eventId = `evt-inbox-${seq++}`) {
  const chatId = h.emulator.state.p2pChat(as);
  const msg = h.emulator.state.userMessage(as, chatId, text);
  return messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: as, text }, { token: h.config.FEISHU_VERIFICATION_TOKEN, eventId });
}

describe('deduplication', () => {
  it('answers an event delivered three times exactly once', async () => {
    const ev = userSays(ADMIN, '/echo once');
    h.mark();
    for (let i = 0; i < 3; i++) expect((await h.post(ev)).status).toBe(200);
    await h.idle();
    expect(h.sent()).toHaveLength(1);
  });

  it('answers three concurrent deliveries of one event once', async () => {
    const ev = userSays(ADMIN, '/echo concurrent');
    h.mark();
    const res = await Promise.all([h.post(ev), h.post(ev), h.post(ev)]);
    expect(res.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.idle();
    expect(h.sent()).toHaveLength(1);
  });

  it('answers one message once even when it comes with different event_ids', async () => {
    const ev = userSays(ADMIN, '/echo same-message');
    h.mark();
    for (const id of ['evt-a', 'evt-b', 'evt-c']) {
      expect((await h.post({ ...ev, header: { ...ev.header, event_id: `${id}-${seq}` } })).status).toBe(200);
    }
    await h.idle();
    expect(h.sent()).toHaveLength(1);
  });

  it('ignores messages sent by apps and bots', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/echo hi');
    h.mark();
    await h.post(messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/echo hi', senderType: 'app' }, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
    await h.idle();
    expect(h.sent()).toHaveLength(0);
  });
});

describe('per-chat queue', () => {
  it('answers a fast chat while another chat’s command is still running', async () => {
    ran.length = 0;
    h.mark();
    const slow = await h.post(userSays(ADMIN, '/slow 1200 slow-a'));
    const fast = await h.post(userSays(MEMBER, '/slow 10 fast-b'));
    // Answered at once: both acknowledged before the slow command finished (an order, not a time, so
    // that a busy machine cannot fail it).
    expect(slow.status).toBe(200);
    expect(fast.status).toBe(200);
    expect(ran.some((r) => r.arg === 'slow-a' && r.phase === 'end')).toBe(false);
    await h.idle();
    const sent = h.sent();
    expect(sent.map((s) => cardText(s))).toEqual([expect.stringContaining('finished fast-b'), expect.stringContaining('finished slow-a')]);
    // The fast chat's command ran while the slow one was still running, not after it.
    const at = (arg: string, phase: string) => ran.findIndex((r) => r.arg === arg && r.phase === phase);
    expect(at('fast-b', 'end')).toBeLessThan(at('slow-a', 'end'));
  });

  it('runs one chat’s commands one at a time, in arrival order', async () => {
    ran.length = 0;
    h.mark();
    await h.post(userSays(ADMIN, '/slow 300 first'));
    await h.post(userSays(ADMIN, '/slow 0 second'));
    await h.post(userSays(ADMIN, '/slow 50 third'));
    await h.idle();
    expect(h.sent().map((s) => cardText(s).split('\n').pop())).toEqual(['finished first', 'finished second', 'finished third']);
    expect(ran.map((r) => `${r.phase}:${r.arg}`)).toEqual(['start:first', 'end:first', 'start:second', 'end:second', 'start:third', 'end:third']);
  });

  it('keeps a chat working after one of its commands failed', async () => {
    h.mark();
    await h.post(userSays(ADMIN, '/boom'));
    await h.post(userSays(ADMIN, '/echo still-alive'));
    await h.idle();
    expect(h.sent().map((s) => cardText(s))).toEqual([expect.stringContaining('Something went wrong'), expect.stringContaining('first=still-alive')]);
  });
});
