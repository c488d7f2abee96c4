import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/inbox/answer.js';
import { cardActionEvent, messageEvent } from '../../src/sandbox/feishu/events.js';
import { ADMIN, cardText, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Hands an envelope to the inbox the way any transport does, without HTTP, and collects its answers. */
async function deliver(envelope: object): Promise<Answer[]> {
  const answers: Answer[] = [];
  await h.bot.bot.receive({ envelope: envelope as Record<string, unknown>, answer: (a) => answers.push(a) });
  return answers;
}

const o = () => ({ token: h.config.FEISHU_VERIFICATION_TOKEN });

describe('the inbox serves any transport: an envelope in, one answer out', () => {
  it('takes a message, answers once, and replies to it', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
    h.mark();
    const answers = await deliver(messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, o()));
    expect(answers).toEqual([{ kind: 'taken' }]);
    await h.idle();
    expect(cardText(h.sent()[0])).toContain('Ops Bot commands');
  });

  it('answers a card click with the callback body', async () => {
    const answers = await deliver(cardActionEvent({ operatorOpenId: ADMIN, value: { a: 'x', r: 'y', v: 1, t: 1, s: 'forged' } }, o()));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ kind: 'callback', body: { toast: { type: 'error' } } });
  });

  it('calls an envelope it cannot read invalid, and a duplicate taken', async () => {
    expect(await deliver({ schema: '1.0' })).toEqual([{ kind: 'invalid', reason: expect.any(String) }]);
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, o());
    await deliver(event);
    await h.idle();
    h.mark();
    expect(await deliver(event)).toEqual([{ kind: 'taken' }]);
    await h.idle();
    expect(h.sent()).toHaveLength(0);
  });
});
