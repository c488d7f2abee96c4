import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { ADMIN, cardText, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const openIdOf = (i: number) => `ou_${String(i).padStart(29, '0')}`;

describe('messages no real command is lost for', () => {
  it('answers a message whose mention key is 200 KB long instead of dropping it', async () => {
    const key = `@_user_${'9'.repeat(200 * 1024)}`;
    const sent = await h.say('/help', { mentions: [{ key, openId: openIdOf(1), name: 'Huge' }] });
    expect(sent).toHaveLength(1);
    expect(cardText(sent[0])).toContain('Ops Bot commands');
  });

  it('reads an event of more than 1 MB (9,000 mentions) and answers it', async () => {
    const mentions = Array.from({ length: 9000 }, (_, i) => ({ key: `@_user_${i + 1}`, openId: openIdOf(i + 1), name: `Person ${i + 1}` }));
    const text = `/status open 出差 ${mentions.map((m) => m.key).join(' ')}`;
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, text);
    const { raw, headers } = seal(
      messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text, mentions }, { token: h.config.FEISHU_VERIFICATION_TOKEN }),
      h.config.FEISHU_ENCRYPT_KEY as string,
    );
    expect(raw.length).toBeGreaterThan(1024 * 1024);
    h.mark();
    const res = await h.http.post('/webhook/event').set(headers).send(raw);
    expect(res.status).toBe(200);
    await h.idle();
    const [preview] = h.sent();
    // More than 200 people: a preview with Confirm, naming how many.
    expect(cardText(preview)).toMatch(/9,?000/);
  });
});
