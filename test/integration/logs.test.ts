import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startHarness, type Harness } from '../helpers/harness.js';
import { memoryLogger } from '../helpers/memoryLog.js';
import { testFeature } from '../helpers/testCommands.js';

let h: Harness;
const logs = memoryLogger('trace');
beforeAll(async () => {
  h = await startHarness({ features: [testFeature], log: logs.log });
});
afterAll(() => h.close());

describe('logs', () => {
  it('are JSON lines with event and chat ids, and never contain secrets, tokens or message text', async () => {
    await h.say('/echo confidential-words-123');
    h.emulator.state.tokens.clear();
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 500, body: { code: 1, msg: 'down' } });
    await h.say('/echo second-private-text');
    await h.say('/boom');
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 400, body: { code: 230027, msg: 'no permission' }, times: 10 });
    await h.say('/echo third-private-text');
    const messageId = h.sent().find((s) => s.message_id)?.message_id;
    await h.click(h.bot.services.buttons.scope({ chat: h.emulator.state.p2pChat(ADMIN) }).sign('test.fail', 'ref'), { messageId });
    await h.click({ a: 'forged', r: 'x', v: 1, t: 1, s: 'bad' }, { messageId });
    await h.http.post('/webhook/event').set('content-type', 'application/json').send('{"encrypt":"garbage"}');
    await h.idle();

    const lines = logs.lines();
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => typeof l.eventId === 'string' && typeof l.chatId === 'string')).toBe(true);
    const text = logs.text();
    const secrets = [
      h.config.FEISHU_APP_SECRET,
      h.config.FEISHU_ENCRYPT_KEY as string,
      h.config.FEISHU_VERIFICATION_TOKEN,
      'c-sandboxcardtoken',
      'confidential-words-123',
      'second-private-text',
      'third-private-text',
    ];
    for (const s of secrets) expect(text, s).not.toContain(s);
    expect(text).not.toMatch(/\bt-[0-9a-f]{6,}/); // tenant access tokens look like t-…
    expect(text).not.toMatch(/Bearer /i);
  });
});
