import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ButtonSigner } from '../../src/framework/buttons.js';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { testFeature } from '../helpers/testCommands.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ features: [testFeature] });
});
afterAll(() => h.close());

/** Values for buttons on cards in the admin's direct chat, where `cardMessage()` puts them. */
const adminChat = () => ({ chat: h.emulator.state.p2pChat(ADMIN) });
const value = (action: string, ref: string, extra?: Record<string, string | number>) => h.bot.services.buttons.scope(adminChat()).sign(action, ref, extra);
/** A real card message of the bot to click on. */
async function cardMessage(): Promise<string> {
  const sent = await h.say('/echo card');
  return sent[0]!.message_id!;
}
const toastOf = (body: { toast?: { type: string; i18n?: { en_us: string } } }) => `${body.toast?.type}: ${body.toast?.i18n?.en_us}`;

describe('command permissions', () => {
  it('refuses an admin command to a member, saying why', async () => {
    const sent = await h.say('/admin only', { as: MEMBER });
    expect(sent).toHaveLength(1);
    const text = cardText(sent[0]);
    expect(text).toContain('Not allowed');
    expect(text).toContain('/admin only');
    expect(text).toContain('only bot admins may do this');
    expect(text).not.toContain('BOT_ADMINS');
    expect(text).toContain('Ask a bot admin to do it for you, or send /help to see the commands you can use.');
    expect(cardText(sent[0], 'zh_cn')).toContain('没有权限');
  });

  it('runs it for an admin, also in a group', async () => {
    expect(cardText((await h.say('/admin only'))[0])).toContain('admin command ran');
    expect(cardText((await h.say('/admin only', { group: true }))[0])).toContain('admin command ran');
  });

  it('refuses before parsing: a member gets the refusal, not an argument error', async () => {
    expect(cardText((await h.say('/admin only extra words', { as: MEMBER }))[0])).toContain('Not allowed');
  });
});

describe('card buttons', () => {
  it('runs an admin action for an admin and answers with a toast', async () => {
    const res = await h.click(value('test.admin', 'job1'), { messageId: await cardMessage() });
    expect(res.status).toBe(200);
    expect(toastOf(res.body)).toBe('success: Handled job1');
  });

  it('refuses an admin action clicked by a member, with a toast', async () => {
    const res = await h.click(value('test.admin', 'job1'), { as: MEMBER, messageId: await cardMessage() });
    expect(res.status).toBe(200);
    expect(toastOf(res.body)).toBe('error: only bot admins may do this');
    expect(res.body.card).toBeUndefined();
  });

  it('answers a member action with the new card and passes the signed extra data', async () => {
    const res = await h.click(value('test.member', 'r9', { page: 2 }), { as: MEMBER, messageId: await cardMessage() });
    expect(res.body.card.type).toBe('raw');
    expect(res.body.card.data.schema).toBe('2.0');
    expect(JSON.stringify(res.body.card.data)).toContain('ref r9 extra {\\"page\\":2}');
  });

  it('refuses tampered values: another ref, another action, extra data, a bad signature', async () => {
    const good = value('test.member', 'r1', { page: 1 });
    const tampered = [
      { ...good, r: 'r2' },
      { ...good, a: 'test.admin' },
      { ...good, x: { page: 2 } },
      { ...good, t: good.t + 1 },
      { ...good, s: good.s.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      { ...good, s: undefined },
      { ...good, v: 1 },
      'a string value',
      { op: 'retry', run_id: 'r_1' },
    ];
    for (const v of tampered) {
      const res = await h.click(v, { messageId: await cardMessage() });
      expect(res.status).toBe(200);
      expect(res.body.toast?.type, JSON.stringify(v)).toBe('error');
      expect(res.body.toast.i18n.en_us).toBe('This button is not valid; nothing was done');
      expect(res.body.card).toBeUndefined();
    }
  });

  it('refuses a value signed with another app secret, or for another app id', async () => {
    const foreign = new ButtonSigner('another-app-secret', h.config.FEISHU_APP_ID, Date.now).scope(adminChat()).sign('test.member', 'r1');
    const otherApp = new ButtonSigner(h.config.FEISHU_APP_SECRET, 'cli_other', Date.now).scope(adminChat()).sign('test.member', 'r1');
    for (const v of [foreign, otherApp]) {
      const res = await h.click(v, { messageId: await cardMessage() });
      expect(toastOf(res.body)).toBe('error: This button is not valid; nothing was done');
    }
  });

  it('refuses a button older than 14 days', async () => {
    const old = new ButtonSigner(h.config.FEISHU_APP_SECRET, h.config.FEISHU_APP_ID, () => Date.now() - 15 * 24 * 3600 * 1000).scope(adminChat()).sign('test.member', 'r1');
    const res = await h.click(old, { messageId: await cardMessage() });
    expect(toastOf(res.body)).toContain('expired');
  });

  it('refuses an action that no longer exists', async () => {
    const res = await h.click(value('test.gone', 'r1'), { messageId: await cardMessage() });
    expect(toastOf(res.body)).toBe('error: This button is no longer supported');
  });

  it('turns a failing action into an error toast and card, not a 5xx', async () => {
    const res = await h.click(value('test.fail', 'r1'), { messageId: await cardMessage() });
    expect(res.status).toBe(200);
    expect(res.body.toast.type).toBe('error');
    expect(JSON.stringify(res.body.card.data)).toContain('Something went wrong');
    expect(JSON.stringify(res.body)).not.toContain('exploded');
  });

  it('does one click once even when the callback is delivered twice', async () => {
    const messageId = await cardMessage();
    const { cardActionEvent } = await import('../../src/sandbox/feishu/events.js');
    const ev = cardActionEvent({ operatorOpenId: ADMIN, value: value('test.member', 'dup'), messageId, chatId: adminChat().chat }, { token: h.config.FEISHU_VERIFICATION_TOKEN, eventId: 'evt-click-dup' });
    const first = await h.post(ev);
    const second = await h.post(ev);
    expect(first.body.card).toBeDefined();
    expect(second.status).toBe(200);
    expect(second.body).toEqual({});
  });
});

describe('slow card actions', () => {
  it('answers within 2.5 s with a working card, then patches the message with the result', async () => {
    const messageId = await cardMessage();
    h.mark();
    const started = Date.now();
    const res = await h.click(value('test.slow', '2900'), { messageId });
    const elapsed = Date.now() - started;
    // It waited out the budget, and answered before the 2.9 s action finished (the working card, nothing
    // sent yet): an upper bound in wall-clock time would measure the machine's load, not the budget.
    expect(elapsed).toBeGreaterThanOrEqual(2400);
    expect(res.body.toast.type).toBe('info');
    expect(JSON.stringify(res.body.card.data)).toContain('Working');
    expect(h.sent()).toHaveLength(0);
    await h.idle();
    const patches = h.sent().filter((s) => s.api === 'im.message.patch');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.message_id).toBe(messageId);
    expect(cardText(patches[0])).toContain('Slow action finished');
  });

  it('never covers a card the slow action already updated itself with the interim working card', async () => {
    const messageId = await cardMessage();
    h.mark();
    const res = await h.click(value('test.selfUpdating', '2900'), { messageId });
    expect(res.body.toast.type).toBe('info');
    expect(res.body.card).toBeUndefined();
    await h.idle();
    const patches = h.sent().filter((s) => s.api === 'im.message.patch');
    expect(patches).toHaveLength(1);
    expect(cardText(patches[0])).toContain('In progress (own card)');
  });

  it('answers a quick action directly, without any patch', async () => {
    const messageId = await cardMessage();
    h.mark();
    const res = await h.click(value('test.slow', '50'), { messageId });
    await h.idle();
    expect(JSON.stringify(res.body.card.data)).toContain('Slow action finished');
    expect(h.sent()).toHaveLength(0);
  });
});
