import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards-kit/render.js';
import { ButtonSigner } from '../../src/framework/buttons.js';
import { okrData, sandboxCurrentPeriod, sandboxMonthPeriod, SEED_OKR } from '../../src/sandbox/feishu/okr/data.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { ADMIN, buttons, cardText, GROUP, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

/**
 * A member must never see another person's OKRs: not by command, @mention, typed open_id or OKR id, and not
 * by any button of a card in a group (anyone there can click it), forged or replayed.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const OTHER_MEMBER = `ou_user${'2'.padStart(26, '0')}`;
const calls = (api: string) => h.emulator.state.calls.get(api) ?? 0;
const okrCalls = () => calls('okr.period.list') + calls('okr.user_okr.list') + calls('okr.okr.batch_get');
const mention = (openId: string) => ({ mentions: [{ key: '@_user_2', openId, name: 'someone' }] });
const currentOkrOf = (owner: string) =>
  okrData(h.emulator.state).records.find((r) => r.owner === owner && r.okr.period_id === sandboxCurrentPeriod(h.emulator.state).id)?.okr;
/** Every objective text of the admin's OKRs: none may reach a member. */
const ADMIN_TEXT = /Admin goal|Last month goal/;

/** The admin shows `/okr …` in the group: the card everyone there can click. */
async function adminCardInGroup(line: string, opts: object = {}): Promise<Recorded> {
  const sent = await h.say(line, { group: true, ...opts });
  expect(sent[0]?.card, line).toBeDefined();
  return sent[0] as Recorded;
}

/** Clicks as `as` and checks the refusal: a toast, no card, and no OKR read at all. */
/** The click comes from the chat of `messageId` unless `chatId` names another. */
async function expectRefusedClick(value: unknown, as: string, messageId?: string, chatId?: string): Promise<string> {
  const before = okrCalls();
  const res = await h.click(value, { as, messageId, chatId });
  const body = res.body as { toast?: { content?: string }; card?: { data: unknown } };
  expect(body.card).toBeUndefined();
  expect(okrCalls()).toBe(before);
  return body.toast?.content ?? '';
}

describe('commands a member may not use for someone else', () => {
  it.each([
    ['an @mention of the admin', '/okr @_user_2', mention(ADMIN)],
    ['a typed open_id', `/okr ${ADMIN}`, {}],
    ['--period with an @mention', '/okr --period "Mar 2022" @_user_2', mention(ADMIN)],
    ['--period with a typed open_id', `/okr ${ADMIN} --period Mar 2022`, {}],
  ])('refuses %s, in a group too, without reading any OKR', async (_what, line, opts) => {
    for (const group of [false, true]) {
      const before = okrCalls();
      const text = cardText((await h.say(line, { as: MEMBER, group, ...opts }))[0]);
      expect(text).toContain('You can only see your own OKRs');
      expect(text).not.toMatch(ADMIN_TEXT);
      expect(okrCalls()).toBe(before);
    }
  });

  it('gives a member nothing for ids that are all someone else’s, and never calls batch_get', async () => {
    const before = calls('okr.okr.batch_get');
    const sent = await h.say(`/okr ${currentOkrOf(ADMIN)!.id} ${currentOkrOf(OTHER_MEMBER)!.id}`, { as: MEMBER });
    const text = cardText(sent[0]);
    expect(text).toContain('No OKRs to show');
    expect(text).toContain('None of your OKRs has 2 of these ids');
    expect(text).not.toMatch(ADMIN_TEXT);
    expect(text).not.toContain('同事');
    expect(calls('okr.okr.batch_get')).toBe(before);
  });

  it('answers a member the same for an unknown id and someone else’s id (no way to probe which ids exist)', async () => {
    const someoneElses = cardText((await h.say(`/okr ${currentOkrOf(ADMIN)!.id}`, { as: MEMBER }))[0]);
    const unknown = cardText((await h.say('/okr 7999999999999999999', { as: MEMBER }))[0]);
    expect(someoneElses).toBe(unknown);
  });

  it('gives an admin asking for an id that exists nowhere the advice once, in both languages', async () => {
    const sent = await h.say('/okr 7999999999999999999');
    expect(cardText(sent[0])).toContain('1 id matches no OKR: 7999999999999999999');
    expect(cardText(sent[0]).match(/copied in full/g)).toHaveLength(1);
    expect(cardText(sent[0], 'zh_cn').match(/复制完整/g)).toHaveLength(1);
  });

  it('says for an id that exists nowhere what is true for someone else’s too: none of your OKRs has it (both languages)', async () => {
    const sent = await h.say('/okr 7999999999999999999', { as: MEMBER });
    expect(cardText(sent[0])).toContain('None of your OKRs has this id');
    expect(cardText(sent[0], 'zh_cn')).toContain('你的 OKR 中没有这个 ID');
    for (const locale of ['en_us', 'zh_cn'] as const) expect(cardText(sent[0], locale)).not.toMatch(/not yours|不属于你|withheld/);
  });
});

describe('buttons on someone else’s card', () => {
  it('refuses a member Refresh and every period button of the admin’s own card', async () => {
    const card = await adminCardInGroup('/okr');
    const values = Object.values(buttons(card));
    expect(values.length).toBeGreaterThan(1);
    for (const value of values) expect(await expectRefusedClick(value, MEMBER, card.message_id)).toContain('Only the OKR owner or a bot admin');
  });

  it('refuses another member the buttons of a card the admin made about a member', async () => {
    const card = await adminCardInGroup('/okr @_user_2', mention(MEMBER));
    for (const value of Object.values(buttons(card))) {
      expect(await expectRefusedClick(value, OTHER_MEMBER, card.message_id)).toContain('Only the OKR owner or a bot admin');
    }
  });

  it('refuses a member the period buttons of someone else’s empty-period card', async () => {
    const next = sandboxMonthPeriod(h.emulator.state, 1);
    const card = await adminCardInGroup(`/okr --period "${next.en_name}"`);
    expect(cardText(card)).toContain('There are no OKRs for');
    const values = Object.values(buttons(card));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) await expectRefusedClick(value, MEMBER, card.message_id);
  });

  it('refuses a member Refresh of an admin’s /okr <ids> card', async () => {
    const card = await adminCardInGroup(`/okr ${currentOkrOf(ADMIN)!.id} ${SEED_OKR.id}`);
    expect(cardText(card)).toMatch(ADMIN_TEXT);
    expect(await expectRefusedClick(buttons(card).Refresh, MEMBER, card.message_id)).toContain('Only the OKR owner or a bot admin');
  });

  it('lets the member whose OKRs an admin showed use that card, and it stays theirs', async () => {
    const card = await adminCardInGroup('/okr @_user_2', mention(MEMBER));
    const res = await h.click(buttons(card).Refresh, { as: MEMBER, messageId: card.message_id, chatId: GROUP });
    const text = renderCardText((res.body as { card: { data: unknown } }).card.data);
    expect(text).toContain('Member goal');
    expect(text).not.toMatch(ADMIN_TEXT);
  });
});

describe('forged and replayed buttons', () => {
  it('refuses a value whose owner was changed to someone else (signature no longer matches)', async () => {
    const mine = (await h.say('/okr', { as: MEMBER }))[0]!;
    const value = buttons(mine).Refresh as { r: string };
    expect(value.r).toBe(MEMBER);
    expect(await expectRefusedClick({ ...value, r: ADMIN }, MEMBER, mine.message_id)).toContain('not valid');
  });

  it('refuses a value signed with another key', async () => {
    const forger = new ButtonSigner('not-the-app-secret', h.config.FEISHU_APP_ID as string, () => Date.now());
    const forged = forger.scope({ chat: h.emulator.state.p2pChat(MEMBER) }).sign('okr.user', ADMIN, { p: sandboxCurrentPeriod(h.emulator.state).id, l: 'en_us' });
    expect(await expectRefusedClick(forged, MEMBER)).toContain('not valid');
  });

  it('refuses a real admin-card value replayed by a member in their own chat', async () => {
    const card = await adminCardInGroup('/okr');
    const memberChat = h.emulator.state.p2pChat(MEMBER);
    for (const value of Object.values(buttons(card))) expect(await expectRefusedClick(value, MEMBER, undefined, memberChat)).toContain('belongs to another chat');
  });

  it('refuses a member’s id-card Refresh replayed by another member', async () => {
    const mine = (await h.say(`/okr ${SEED_OKR.id}`, { as: MEMBER }))[0]!;
    expect(cardText(mine)).toContain('需求@刘三');
    expect(await expectRefusedClick(buttons(mine).Refresh, OTHER_MEMBER, undefined, h.emulator.state.p2pChat(OTHER_MEMBER))).toContain('belongs to another chat');
    // Even in the card's own chat, the click is checked against the clicker.
    expect(await expectRefusedClick(buttons(mine).Refresh, OTHER_MEMBER, mine.message_id)).toContain('Only the OKR owner or a bot admin');
  });

  it('says an id card whose query was forgotten has expired, and reads nothing', async () => {
    const mine = (await h.say(`/okr ${SEED_OKR.id}`, { as: MEMBER }))[0]!;
    const value = buttons(mine).Refresh as { r: string };
    await h.bot.services.store.delete('session', `okr:ids:${value.r}`);
    expect(await expectRefusedClick(value, MEMBER, mine.message_id)).toContain('This card has expired');
  });
});

describe('rights that change', () => {
  it('an admin removed from BOT_ADMINS refreshes their old id card with member rights only', async () => {
    const card = (await h.say(`/okr ${currentOkrOf(ADMIN)!.id} ${SEED_OKR.id}`))[0]!;
    expect(cardText(card)).toContain('需求@刘三');
    const config = h.bot.services.config as { BOT_ADMINS: string[] };
    const admins = config.BOT_ADMINS;
    config.BOT_ADMINS = [];
    try {
      const res = await h.click(buttons(card).Refresh, { as: ADMIN, messageId: card.message_id });
      const text = renderCardText((res.body as { card: { data: unknown } }).card.data);
      expect(text).toMatch(ADMIN_TEXT);
      expect(text).not.toContain('需求@刘三');
      expect(text).toContain('None of your OKRs has 1 of these ids');
    } finally {
      config.BOT_ADMINS = admins;
    }
  });
});
