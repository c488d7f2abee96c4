import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buttons, cardText, GROUP, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function after(send: () => Promise<{ status: number }>) {
  h.mark();
  const res = await send();
  expect(res.status).toBe(200);
  await h.idle();
  return h.sent();
}

describe('group and chat events', () => {
  it('sends a welcome card to a chat the bot was added to', async () => {
    const sent = await after(() => h.botAdded(GROUP));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ api: 'im.message.create', chat_id: GROUP, receive_id: GROUP });
    const text = cardText(sent[0]);
    expect(text).toContain("Hi, I'm Ops Bot");
    expect(text).toContain('[ Show help ]');
    expect(cardText(sent[0], 'zh_cn')).toContain('你好，我是 Ops Bot');
  });

  it('welcomes a user entering the direct chat privately, once a day', async () => {
    const first = await after(() => h.p2pEntered(MEMBER));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ api: 'im.message.create', receive_id: MEMBER });
    expect(cardText(first[0])).toContain("Hi, I'm Ops Bot");
    expect(await after(() => h.p2pEntered(MEMBER))).toHaveLength(0);
    expect(await after(() => h.p2pEntered(ADMIN))).toHaveLength(1);
  });

  it('runs a welcome-card button for whoever clicked, answered privately', async () => {
    const [welcome] = await after(() => h.botAdded(GROUP));
    h.mark();
    const res = await h.click(buttons(welcome)['Show help'], { as: MEMBER, messageId: welcome!.message_id, chatId: GROUP });
    expect(res.body.toast.i18n.en_us).toBe('Sent to you privately');
    await h.idle();
    const sent = h.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ api: 'im.message.create', receive_id: MEMBER });
    expect(cardText(sent[0])).toContain('Ops Bot commands');
  });

  it('answers a bot menu click privately with the mapped command', async () => {
    const sent = await after(() => h.menu(MEMBER, 'menu_help'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ api: 'im.message.create', receive_id: MEMBER });
    expect(cardText(sent[0])).toContain('Ops Bot commands');
  });

  it('runs a cmd: menu key as a command line, and help for an unknown key', async () => {
    const cmd = await after(() => h.menu(ADMIN, 'cmd:help help'));
    expect(cardText(cmd[0])).toContain('Usage');
    const unknown = await after(() => h.menu(ADMIN, 'menu_that_does_not_exist'));
    expect(cardText(unknown[0])).toContain('Ops Bot commands');
  });

  it('runs each built-in menu key, and a cmd: line with or without its slash', async () => {
    expect(cardText((await after(() => h.menu(ADMIN, 'status_list')))[0])).toContain('System statuses');
    expect(cardText((await after(() => h.menu(ADMIN, 'acs_users')))[0])).toMatch(/access.control/i);
    expect(cardText((await after(() => h.menu(MEMBER, 'okr')))[0])).toContain('OKR');
    for (const key of ['cmd:/status list', 'cmd:／status list', 'cmd: status list']) {
      const text = cardText((await after(() => h.menu(ADMIN, key)))[0]);
      expect(text, key).toContain('System statuses');
      expect(text, key).not.toContain('There is no');
    }
  });

  it('survives a welcome to a chat it cannot post in: logged, no crash, still 200', async () => {
    const sent = await after(() => h.botAdded('oc_unknownchat0000000000000000001'));
    expect(sent).toHaveLength(0);
    expect(cardText((await h.say('/help'))[0])).toContain('Ops Bot commands');
  });
});

describe('welcome throttling with a test clock', () => {
  it('welcomes the same person again after a day, not before', async () => {
    let now = Date.now();
    const timed = await startHarness({ now: () => now });
    try {
      const count = async () => {
        timed.mark();
        expect((await timed.p2pEntered(MEMBER)).status).toBe(200);
        await timed.idle();
        return timed.sent().length;
      };
      expect(await count()).toBe(1);
      now += 23 * 3600 * 1000;
      expect(await count()).toBe(0);
      now += 2 * 3600 * 1000;
      expect(await count()).toBe(1);
    } finally {
      await timed.close();
    }
  });
});
