import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ButtonSigner } from '../../src/framework/buttons.js';
import { cardActionEvent } from '../../src/sandbox/feishu/events.js';
import { ADMIN, buttons, cardText, GROUP, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { calls, TRIP, uid, world } from '../status/helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  world(h).active.clear();
  h.emulator.state.calls.clear();
});

const FOREIGN = 'This button belongs to another chat; nothing was done';
const toastOf = (res: { body: { toast?: { i18n?: { en_us?: string; zh_cn?: string } } } }) => res.body.toast?.i18n;

/** A /status open run in the group: the result card and its message. */
async function groupResultCard() {
  const sent = await h.say(`/status open 出差 ${uid(1)} ${uid(2)}`, { group: true });
  const card = sent.at(-1)!;
  expect(card.chat_id).toBe(GROUP);
  expect(cardText(card)).toContain('All succeeded');
  return card;
}

describe('buttons are bound to the chat their card was sent to', () => {
  it("a result card's Export and Undo clicked from another chat toast and do nothing", async () => {
    const card = await groupResultCard();
    const b = buttons(card);
    const elsewhere = h.emulator.state.p2pChat(ADMIN);
    h.mark();
    for (const label of ['Export CSV', 'Undo (2)']) {
      const res = await h.click(b[label], { messageId: card.message_id, chatId: elsewhere });
      expect(res.status).toBe(200);
      expect(res.body.toast.type, label).toBe('error');
      expect(toastOf(res)?.en_us, label).toBe(FOREIGN);
      expect(toastOf(res)?.zh_cn, label).toBe('这个按钮属于另一个会话，操作未执行');
      expect(res.body.card, label).toBeUndefined();
    }
    await h.idle();
    expect(h.sent()).toHaveLength(0);
    expect(calls(h, 'batch_close')).toBe(0);
    expect(world(h).active.get(uid(1))?.has(TRIP)).toBe(true);
    // The same buttons still work in their own chat: nothing was claimed by the refused clicks.
    const undone = await h.click(b['Undo (2)'], { messageId: card.message_id });
    expect(undone.body.toast.content).toContain('2 succeeded');
    expect(calls(h, 'batch_close')).toBe(1);
    const exported = await h.click(b['Export CSV'], { messageId: card.message_id });
    expect(exported.body.toast.content).toContain('CSV sent (2 rows)');
    expect(h.sent().find((r) => r.file)?.chat_id).toBe(GROUP);
  });

  it('a callback that names no chat cannot prove where it was clicked, and is refused', async () => {
    const card = await groupResultCard();
    const res = await h.post(cardActionEvent(
      { operatorOpenId: ADMIN, value: buttons(card)['Export CSV'], messageId: card.message_id },
      { token: h.config.FEISHU_VERIFICATION_TOKEN },
    ));
    expect(toastOf(res)?.en_us).toBe(FOREIGN);
  });

  it('forged and foreign values are still refused, wherever they are clicked', async () => {
    const card = await groupResultCard();
    const exportCsv = buttons(card)['Export CSV'] as { c: string; s: string };
    h.mark();
    // Re-pointed at the clicker's own chat: the signature covers the chat.
    const moved = { ...exportCsv, c: h.emulator.state.p2pChat(ADMIN) };
    const res = await h.click(moved, { chatId: moved.c });
    expect(toastOf(res)?.en_us).toBe('This button is not valid; nothing was done');
    const foreign = new ButtonSigner('another-secret', h.config.FEISHU_APP_ID, Date.now).scope({ chat: GROUP }).sign('status.export', 'st_x');
    expect(toastOf(await h.click(foreign, { chatId: GROUP }))?.en_us).toBe('This button is not valid; nothing was done');
    expect(h.sent().filter((r) => r.file)).toHaveLength(0);
  });

  it('a welcome card sent to a group works there and nowhere else', async () => {
    h.mark();
    await h.botAdded();
    await h.idle();
    const welcome = h.sent().at(-1)!;
    expect(welcome.chat_id).toBe(GROUP);
    const help = buttons(welcome)['Show help'];
    const refused = await h.click(help, { as: MEMBER, chatId: h.emulator.state.p2pChat(MEMBER) });
    expect(toastOf(refused)?.en_us).toBe(FOREIGN);
    const ok = await h.click(help, { as: MEMBER, messageId: welcome.message_id });
    expect(toastOf(ok)?.en_us).toBe('Sent to you privately');
    await h.idle();
    expect(h.sent().at(-1)).toMatchObject({ receive_id: MEMBER });
  });

  it('a private welcome card is bound to the direct chat the event named', async () => {
    h.mark();
    await h.p2pEntered(MEMBER);
    await h.idle();
    const welcome = h.sent().at(-1)!;
    expect(welcome).toMatchObject({ receive_id: MEMBER });
    const okr = buttons(welcome)['My OKRs'] as { c?: string; u?: string };
    expect(okr.c).toBe(h.emulator.state.p2pChat(MEMBER));
    expect(toastOf(await h.click(okr, { as: MEMBER, chatId: GROUP }))?.en_us).toBe(FOREIGN);
    expect(toastOf(await h.click(okr, { as: MEMBER, messageId: welcome.message_id }))?.en_us).toBe('Sent to you privately');
  });

  it('a private answer is bound to the person until their direct chat is known, then to that chat', async () => {
    const first = await menuAnswer();
    const refresh = buttons(first).Refresh as { c?: string; u?: string };
    expect(refresh).toMatchObject({ u: ADMIN });
    expect(refresh.c).toBeUndefined();
    expect(toastOf(await h.click(refresh, { as: MEMBER, chatId: GROUP }))?.en_us).toBe(FOREIGN);
    expect(toastOf(await h.click(refresh, { messageId: first.message_id }))?.en_us).toBe('Updated');
    // The first private send told the bot the person's direct chat.
    const second = buttons(await menuAnswer()).Refresh as { c?: string; u?: string };
    expect(second).toMatchObject({ c: h.emulator.state.p2pChat(ADMIN) });
  });
});

/** The card a bot-menu click ("My OKRs") answers privately. */
async function menuAnswer() {
  h.mark();
  await h.menu(ADMIN, 'okr');
  await h.idle();
  const card = h.sent().at(-1)!;
  expect(card).toMatchObject({ receive_id: ADMIN });
  return card;
}
