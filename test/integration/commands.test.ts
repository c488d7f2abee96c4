import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, type MessageSpec } from '../../src/sandbox/feishu/events.js';
import { ADMIN, cardText, GROUP, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { testFeature } from '../helpers/testCommands.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ features: [testFeature] });
});
afterAll(() => h.close());

const answer = async (text: string, opts?: Parameters<Harness['say']>[1]) => {
  const sent = await h.say(text, opts);
  expect(sent).toHaveLength(1);
  return cardText(sent[0]);
};

/** Posts a message event built by hand (no bot mention, other message types); returns what the bot sent. */
async function rawMessage(spec: Omit<MessageSpec, 'messageId' | 'senderOpenId'>) {
  const msg = h.emulator.state.userMessage(ADMIN, spec.chatId, spec.text);
  h.mark();
  const res = await h.post(messageEvent({ ...spec, messageId: msg.message_id, senderOpenId: ADMIN }, { token: h.config.FEISHU_VERIFICATION_TOKEN }));
  expect(res.status).toBe(200);
  await h.idle();
  return h.sent();
}

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
    expect(await rawMessage({ chatId: GROUP, chatType: 'group', text: '/echo hi' })).toHaveLength(0);
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

  it.each([
    ['an unknown flag', '/echo hi --tims 2', ['Wrong argument: --tims', 'is not an option']],
    ['a wrong value, with the command’s own message', '/echo hi --times many', ['--times** must be a number']],
    ['an extra argument', '/admin only surplus', ['Wrong argument: surplus', 'extra argument']],
    ['an unclosed quote', '/echo "unclosed', ['unclosed quote', 'Send /help for every command.']],
  ])('names %s', async (_what, line, expected) => {
    const text = await answer(line);
    for (const e of expected) expect(text).toContain(e);
  });

  it('gives the command’s bilingual message for a wrong value', async () => {
    expect(cardText((await h.say('/echo hi --times many'))[0], 'zh_cn')).toContain('必须是数字');
  });

  it('answers a non-command in a direct chat with a hint', async () => {
    expect(await answer('what can you do?')).toContain('I understand commands that start with /');
  });

  it('answers a non-text message in a direct chat with the hint, without crashing', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    expect(await rawMessage({ chatId, chatType: 'p2p', text: '', messageType: 'image', content: '{"image_key":"img_1"}' })).toHaveLength(1);
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

  it.each([
    ['lists a command group for its first word', '/help admin', ['/admin only']],
    ['suggests close commands for a typo', '/ecko hi', ['There is no **/ecko', 'Did you mean: `/echo`']],
    ['suggests in /help <typo> too, as the help to send next', '/help slwo', ['There is no /slwo command', 'Did you mean: `/help slow`', 'Send /help for every command.']],
    ['says what to send when /help <word> matches nothing', '/help zzzzzz', ['There is no /zzzzzz command', 'Send /help for every command.']],
    ['suggests the multi-word command for its first word with a wrong second word', '/admin onyl', ['/admin only']],
  ])('%s', async (_what, line, expected) => {
    const text = await answer(line);
    for (const e of expected) expect(text).toContain(e);
  });
});
