import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../src/sandbox/feishu/events.js';
import { explainCode } from '../../src/upstream/errorCatalog.js';
import { ADMIN, BOT_OPEN_ID, cardText, GROUP, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  const res = await fetch(`${h.emulator.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: h.config.FEISHU_APP_ID, app_secret: h.config.FEISHU_APP_SECRET }),
  });
  token = ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
});
afterAll(() => h.close());

const members = async (chatId: string, query = '') => {
  const res = await fetch(`${h.emulator.url}/open-apis/im/v1/chats/${chatId}/members${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { code: number; data?: { items: unknown[]; has_more: boolean } } };
};

describe('chat members emulator (GET /im/v1/chats/:chat_id/members)', () => {
  it('answers 232006 for a chat it does not know and 232011 for a chat without the bot', async () => {
    expect(await members('oc_nosuchchat0000000000000000001')).toMatchObject({ status: 400, body: { code: 232006 } });
    h.emulator.state.chats.set('oc_withoutbot000000000000000001', { chat_id: 'oc_withoutbot000000000000000001', name: 'no bot', members: [ADMIN] });
    expect(await members('oc_withoutbot000000000000000001')).toMatchObject({ status: 400, body: { code: 232011 } });
  });

  it('pages the members without the bot', async () => {
    const first = await members(GROUP, '?page_size=5');
    expect(first.status).toBe(200);
    expect(first.body.data?.items).toHaveLength(5);
    expect(first.body.data?.has_more).toBe(true);
    const all = await members(GROUP, '?page_size=100');
    expect(JSON.stringify(all.body.data?.items)).not.toContain(BOT_OPEN_ID);
  });
});

describe('/status … --chat when the platform does not know the chat', () => {
  it('explains 232006 (invalid chat_id) and says what to do instead, in both languages', async () => {
    // The command message sits in the sandbox group (so the answer lands), but the event names a chat the
    // platform does not know, as when the chat is gone by the time the bot reads its members.
    const text = '@_user_1 /status open 出差 --chat';
    const msg = h.emulator.state.userMessage(ADMIN, GROUP, text);
    h.mark();
    const event = messageEvent({
      messageId: msg.message_id, chatId: 'oc_nosuchchat0000000000000000001', chatType: 'group', senderOpenId: ADMIN, text,
      mentions: [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }],
    }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
    expect((await h.post(event)).status).toBe(200);
    await h.idle();
    const sent = h.sent();
    expect(sent).toHaveLength(1);
    const en = cardText(sent[0]);
    expect(en).toContain('232006');
    expect(en).toContain('The chat ID is invalid');
    expect(en).toContain('@mention the people');
    expect(cardText(sent[0], 'zh_cn')).toContain('群 ID 无效');
    expect(h.emulator.state.calls.get('personal_settings.system_status.batch_open') ?? 0).toBe(0);
  });
});

describe('chat member error codes in the catalogue', () => {
  it.each([232006, 232009, 232010, 232011, 232025, 232033, 232034])('explains %i with a meaning and a next step in both languages', (code) => {
    const help = explainCode('im.chat.members', code);
    expect(help).toBeDefined();
    for (const text of [help!.meaning, help!.action]) {
      expect(text.zh_cn).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en_us).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
