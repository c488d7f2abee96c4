import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('/whoami', () => {
  it('tells a member their open_id, that they are a member, and how to become an admin', async () => {
    const [reply] = await h.say('/whoami', { as: MEMBER });
    const en = cardText(reply);
    expect(en).toContain(`Your open_id: \`${MEMBER}\``);
    expect(en).toContain('You are a member');
    expect(en).toContain('add this open_id to BOT_ADMINS');
    const zh = cardText(reply, 'zh_cn');
    expect(zh).toContain(`你的 open_id：\`${MEMBER}\``);
    expect(zh).toContain('加入 BOT_ADMINS');
  });

  it('tells an admin they are one, in a group too, and answers the menu key', async () => {
    const [reply] = await h.say('/whoami', { as: ADMIN, group: true });
    expect(cardText(reply)).toContain(`Your open_id: \`${ADMIN}\``);
    expect(cardText(reply)).toContain('You are a bot admin');
    expect(cardText(reply, 'zh_cn')).toContain('你是机器人管理员');
    h.mark();
    await h.menu(MEMBER, 'whoami');
    await h.idle();
    expect(cardText(h.sent()[0])).toContain(`Your open_id: \`${MEMBER}\``);
  });

  it('is listed in /help for everyone', async () => {
    const [help] = await h.say('/help', { as: MEMBER });
    expect(cardText(help)).toContain('/whoami');
  });
});
