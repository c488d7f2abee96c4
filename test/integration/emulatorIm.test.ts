import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoCard } from '../../src/cards-kit/common.js';
import { t } from '../../src/cards-kit/i18n.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { SANDBOX_ADMIN, SANDBOX_GROUP } from '../../src/sandbox/state.js';
import { ADMIN, startHarness, type Harness } from '../helpers/harness.js';
import { shiftableClock } from '../helpers/clock.js';
import { testFeature } from '../helpers/testCommands.js';

let emu: Emulator;
let token: string;
const api = () => axios.create({ baseURL: emu.url, validateStatus: () => true, headers: { authorization: `Bearer ${token}` } });
const card = JSON.stringify(infoCard(t('测试', 'Test'), [t('内容', 'content')]));

beforeAll(async () => {
  emu = await startEmulator({ appId: 'cli_emu', appSecret: 's' });
  const res = await axios.post(`${emu.url}/open-apis/auth/v3/tenant_access_token/internal`, { app_id: 'cli_emu', app_secret: 's' });
  token = res.data.tenant_access_token;
});
afterAll(() => emu.close());

const send = (receiveId: string, msgType: string, content: string, uuid?: string, type = 'chat_id') =>
  api().post(`/open-apis/im/v1/messages?receive_id_type=${type}`, { receive_id: receiveId, msg_type: msgType, content, uuid });

describe('emulated IM strictness (feishu-apis.md §9)', () => {
  it('refuses unknown msg_type, non-string content and malformed text content with 230001', async () => {
    for (const [type, content] of [['markdown', '{"text":"x"}'], ['text', '{"txt":"x"}'], ['text', '"just a string"']] as const) {
      const res = await send(SANDBOX_GROUP, type, content);
      expect([res.status, res.data.code], `${type} ${content}`).toEqual([400, 230001]);
    }
    const res = await api().post('/open-apis/im/v1/messages?receive_id_type=chat_id', { receive_id: SANDBOX_GROUP, msg_type: 'text', content: { text: 'object' } });
    expect(res.data.code).toBe(230001);
  });

  it('refuses a post over 30 KB and a card over 30 KB with 230025', async () => {
    const post = JSON.stringify({ zh_cn: { title: 't', content: [[{ tag: 'text', text: 'x'.repeat(31 * 1024) }]] } });
    expect((await send(SANDBOX_GROUP, 'post', post)).data.code).toBe(230025);
  });

  it('refuses a missing receive_id_type, an unknown chat and a chat without the bot', async () => {
    expect((await api().post('/open-apis/im/v1/messages', { receive_id: SANDBOX_GROUP, msg_type: 'interactive', content: card })).data.code).toBe(230001);
    expect((await send('oc_nope', 'interactive', card)).data.code).toBe(230034);
    emu.state.chats.set('oc_nobot', { chat_id: 'oc_nobot', name: 'x', members: [SANDBOX_ADMIN] });
    expect((await send('oc_nobot', 'interactive', card)).data.code).toBe(230002);
  });

  it('allows at most 5 messages a second into one chat (230020), others unaffected', async () => {
    const chat = emu.state.p2pChat('ou_user00000000000000000000000001');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await send(chat, 'interactive', card)).data.code);
    expect(codes).toEqual([0, 0, 0, 0, 0, 230020]);
    expect((await send(SANDBOX_GROUP, 'interactive', card)).data.code).toBe(0);
  });

  it('returns the same message for a repeated uuid, and a refused send does not use up its uuid', async () => {
    const first = await send(SANDBOX_GROUP, 'text', '{"text":"hi"}', 'uuid-repeat-1');
    const again = await send(SANDBOX_GROUP, 'text', '{"text":"hi"}', 'uuid-repeat-1');
    expect(again.data.data.message_id).toBe(first.data.data.message_id);
    expect((await send(SANDBOX_GROUP, 'file', '{"file_key":"file_v3_missing"}', 'uuid-file-1')).data.code).toBe(230055);
    const text = await send(SANDBOX_GROUP, 'text', '{"text":"now"}', 'uuid-file-1');
    expect(text.data.code).toBe(0);
    expect(text.data.data.msg_type).toBe('text');
    expect((await send(SANDBOX_GROUP, 'text', '{"text":"x"}', 'u'.repeat(51))).data.code).toBe(230001);
  });

  it('patches only the bot’s cards, with a valid 2.0 card', async () => {
    const sent = await send(SANDBOX_GROUP, 'text', '{"text":"plain"}');
    const id = sent.data.data.message_id;
    expect((await api().patch(`/open-apis/im/v1/messages/${id}`, { content: card })).data.code).toBe(230001);
    const cardMsg = (await send(emu.state.p2pChat(SANDBOX_ADMIN), 'interactive', card)).data.data.message_id;
    expect((await api().patch(`/open-apis/im/v1/messages/${cardMsg}`, { content: '{"schema":"1.0"}' })).data.code).toBe(230099);
    expect((await api().patch('/open-apis/im/v1/messages/om_missing', { content: card })).data.code).toBe(230110);
    expect((await api().patch(`/open-apis/im/v1/messages/${cardMsg}`, { content: card })).data.code).toBe(0);
  });

  it('refuses calls without a token or with an expired one', async () => {
    const res = await axios.post(`${emu.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, { receive_id: SANDBOX_GROUP, msg_type: 'interactive', content: card }, { validateStatus: () => true });
    expect(res.data.code).toBe(99991661);
    const expired = await axios.post(`${emu.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, { receive_id: SANDBOX_GROUP, msg_type: 'interactive', content: card }, { validateStatus: () => true, headers: { authorization: 'Bearer t-unknown' } });
    expect(expired.data.code).toBe(99991663);
  });
});

describe('emulated tenant token (feishu-apis.md §4)', () => {
  it('returns the same token while 30 minutes or more are left, then a new one, and both stay valid', async () => {
    const clock = shiftableClock();
    const own = await startEmulator({ appId: 'cli_tok', appSecret: 's', now: () => clock.now() });
    try {
      const fetchToken = async () => (await axios.post(`${own.url}/open-apis/auth/v3/tenant_access_token/internal`, { app_id: 'cli_tok', app_secret: 's' })).data as { tenant_access_token: string; expire: number };
      const first = await fetchToken();
      expect(first.expire).toBe(7200);
      clock.advance(60 * 60 * 1000);
      const same = await fetchToken();
      expect(same.tenant_access_token).toBe(first.tenant_access_token);
      expect(same.expire).toBeLessThanOrEqual(3600);
      expect(same.expire).toBeGreaterThan(3590);
      clock.advance(31 * 60 * 1000); // 29 minutes left
      const fresh = await fetchToken();
      expect(fresh.tenant_access_token).not.toBe(first.tenant_access_token);
      expect(fresh.expire).toBe(7200);
      for (const t of [first.tenant_access_token, fresh.tenant_access_token]) {
        const info = await axios.get(`${own.url}/open-apis/bot/v3/info`, { headers: { authorization: `Bearer ${t}` }, validateStatus: () => true });
        expect(info.data.code).toBe(0);
      }
    } finally {
      await own.close();
    }
  });
});

describe('the bot under the per-chat message limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ features: [testFeature] });
  });
  afterAll(() => h.close());

  it('paces a burst of answers into one chat so that none is refused or retried', async () => {
    const { messageEvent } = await import('../../src/sandbox/feishu/events.js');
    const chatId = h.emulator.state.p2pChat(ADMIN);
    await h.say('/echo warm');
    const before = h.emulator.state.calls.get('im.message.reply') ?? 0;
    h.mark();
    for (let i = 0; i < 12; i++) {
      const msg = h.emulator.state.userMessage(ADMIN, chatId, `/echo n${i}`);
      await h.post(messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: `/echo n${i}` }, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
    }
    await h.idle();
    expect(h.sent()).toHaveLength(12);
    expect((h.emulator.state.calls.get('im.message.reply') ?? 0) - before).toBe(12);
  });
});
