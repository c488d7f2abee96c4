import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('/help', () => {
  it('answers a direct-chat /help with the command list, as a reply', async () => {
    const sent = await h.say('/help');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.api).toBe('im.message.reply');
    const text = cardText(sent[0]);
    expect(text).toContain('Ops Bot commands');
    expect(text).toContain('/help');
    expect(cardText(sent[0], 'zh_cn')).toContain('命令');
  });

  it('explains one command with usage and examples', async () => {
    const text = cardText((await h.say('/help help'))[0]);
    expect(text).toContain('Usage');
    expect(text).toContain('/help status open');
  });

  it('suggests the closest command for a typo', async () => {
    const text = cardText((await h.say('/hlep'))[0]);
    expect(text).toContain('There is no **/hlep** command');
    expect(text).toContain('/help');
  });

  it('/help <unknown> points at the nearest command, in both languages, with every command one send away', async () => {
    for (const [typed, want] of [['foo', '/help '], ['stauts opne', '/help status open'], ['okk', '/help okr']] as const) {
      const sent = await h.say(`/help ${typed}`);
      const en = cardText(sent[0]);
      const zh = cardText(sent[0], 'zh_cn');
      expect(en).toContain(`There is no /${typed} command`);
      expect(en).toContain(`Did you mean: \`${want}`);
      expect(zh).toContain(`你是不是想查：\`${want}`);
      expect(en).toContain('Send /help for every command.');
    }
  });

  it('asks for the missing second word of a command group, naming the commands of the group', async () => {
    const text = cardText((await h.say('/status'))[0]);
    expect(text).toContain('Incomplete command');
    expect(text).toContain('**/status** needs one more word: `/status list`');
    expect(text).toContain('Send /help status to see what each one does.');
    expect(text).not.toContain('There is no');
    expect(cardText((await h.say('/status'))[0], 'zh_cn')).toContain('**/status** 后面还需要一个词');
  });

  it('works with the full-width slash and in a group only when mentioned', async () => {
    expect(cardText((await h.say('／help', { as: MEMBER }))[0])).toContain('Ops Bot commands');
    expect(cardText((await h.say('/help', { group: true }))[0])).toContain('Ops Bot commands');
  });

  it('answers a non-command in a direct chat with a hint', async () => {
    expect(cardText((await h.say('hello there'))[0])).toContain('I understand commands that start with /');
  });
});
