import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { testCommands } from '../helpers/testCommands.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ commands: testCommands() });
});
afterAll(() => h.close());

const answer = async (text: string, opts?: Parameters<Harness['say']>[1]) => {
  const sent = await h.say(text, opts);
  expect(sent).toHaveLength(1);
  return cardText(sent[0]);
};

describe('command parsing end to end', () => {
  it('passes quoted arguments, flags and repeat flags to the handler, typed', async () => {
    const text = await answer('/echo “你好 世界” a b --times=3 -l --tag x --tag "y z"');
    expect(text).toContain('first=你好 世界 rest=a|b times=3 loud=true tags=x|y z');
  });

  it('resolves @mentions to open_ids with names, and strips the bot mention in groups', async () => {
    const text = await answer('/echo @_user_2 「出 差」', { group: true, mentions: [{ key: '@_user_2', openId: MEMBER, name: '成员小明' }] });
    expect(text).toContain(`first=${MEMBER} rest=出 差`);
    expect(text).toContain(`names=${MEMBER}=成员小明`);
  });

  it('finds commands by alias and with the full-width slash', async () => {
    expect(await answer('／say hi')).toContain('first=hi');
  });

  it('ignores group messages that do not mention the bot', async () => {
    const chatId = 'oc_sandboxgroup000000000000000001';
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/echo hi');
    const { messageEvent } = await import('../../src/sandbox/events.js');
    h.mark();
    const res = await h.post(messageEvent({ messageId: msg.message_id, chatId, chatType: 'group', senderOpenId: ADMIN, text: '/echo hi' }, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
    expect(res.status).toBe(200);
    await h.idle();
    expect(h.sent()).toHaveLength(0);
  });

  it('names a missing argument and shows a correct example', async () => {
    const text = await answer('/echo');
    expect(text).toContain('Wrong argument: <first>');
    expect(text).toContain('<first>** is missing');
    expect(text).toContain('Example: `/echo hello --times 2`');
    expect(text).toContain('Usage: `/echo <first> [rest…]');
    const zh = cardText((await h.say('/echo'))[0], 'zh_cn');
    expect(zh).toContain('参数有误');
    expect(zh).toContain('缺失');
  });

  it('names an unknown flag', async () => {
    const text = await answer('/echo hi --tims 2');
    expect(text).toContain('Wrong argument: --tims');
    expect(text).toContain('is not an option');
  });

  it('names a wrong value with the command’s own bilingual message', async () => {
    const text = await answer('/echo hi --times many');
    expect(text).toContain('--times** must be a number');
    expect(cardText((await h.say('/echo hi --times many'))[0], 'zh_cn')).toContain('必须是数字');
  });

  it('names an extra argument', async () => {
    const text = await answer('/admin only surplus');
    expect(text).toContain('Wrong argument: surplus');
    expect(text).toContain('extra argument');
  });

  it('explains an unclosed quote instead of failing', async () => {
    expect(await answer('/echo "unclosed')).toContain('unclosed quote');
  });

  it('answers a non-command in a direct chat with a hint', async () => {
    expect(await answer('what can you do?')).toContain('I understand commands that start with /');
  });

  it('answers a non-text message in a direct chat with the hint, without crashing', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '');
    const { messageEvent } = await import('../../src/sandbox/events.js');
    h.mark();
    await h.post(messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '', messageType: 'image', content: '{"image_key":"img_1"}' }, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
    await h.idle();
    expect(h.sent()).toHaveLength(1);
  });
});

describe('/help and did-you-mean', () => {
  it('lists every command, marking admin ones', async () => {
    const text = await answer('/help', { as: MEMBER });
    for (const c of ['/help', '/echo', '/admin only', '/slow']) expect(text).toContain(c);
    expect(text).toContain('Admin');
    expect(text).toContain('Commands marked Admin need admin rights');
  });

  it('explains one command with usage, arguments and examples, also by alias', async () => {
    for (const q of ['/help echo', '/help say', '/help /echo']) {
      const text = await answer(q);
      expect(text).toContain('Usage');
      expect(text).toContain('/echo <first>');
      expect(text).toContain('--times / -n');
      expect(text).toContain('/echo hello --times 2');
    }
  });

  it('lists a command group for its first word', async () => {
    expect(await answer('/help admin')).toContain('/admin only');
  });

  it('suggests close commands for a typo', async () => {
    const text = await answer('/ecko hi');
    expect(text).toContain('There is no **/ecko');
    expect(text).toContain('Did you mean: `/echo`');
  });

  it('suggests in /help <typo> too', async () => {
    const text = await answer('/help slwo');
    expect(text).toContain('There is no /slwo command');
    expect(text).toContain('Did you mean: /slow');
  });

  it('suggests the multi-word command for its first word with a wrong second word', async () => {
    expect(await answer('/admin onyl')).toContain('/admin only');
  });
});
