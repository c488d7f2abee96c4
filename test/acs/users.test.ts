import { describe, expect, it } from 'vitest';
import { acsAllAction } from '../../src/features/acs/actions.js';
import { acsData, invalidateAcsPageTokens } from '../../src/sandbox/feishu/acs/routes.js';
import { explainCode } from '../../src/upstream/errorCatalog.js';
import { buttons, cardText, MEMBER } from '../helpers/harness.js';
import { clickTo, tableUsers, toastOf, useAcsHarness } from './acsHelpers.js';

const s = useAcsHarness();

async function firstPage(line: string) {
  const sent = await s.h.say(line);
  expect(sent).toHaveLength(1);
  const r = sent[0]!;
  return { card: r, messageId: r.message_id as string };
}

describe('/acs users paging', () => {
  it('pages forward and back through 130 users, one API call per click', async () => {
    const first = await firstPage('/acs users');
    const { messageId } = first;
    let card = first.card;
    expect(cardText(card)).toContain('Page 1 · 20 per page');
    expect(tableUsers(card)).toHaveLength(20);
    expect(tableUsers(card)[0]).toBe(s.userAt(0));
    expect(Object.keys(buttons(card))).toEqual(['Next']);

    for (let page = 2; page <= 7; page++) {
      const before = s.listCalls();
      card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
      expect(s.listCalls() - before).toBe(1);
      expect(cardText(card)).toContain(`Page ${page} · 20 per page`);
      expect(tableUsers(card)[0]).toBe(s.userAt((page - 1) * 20));
    }
    expect(tableUsers(card)).toHaveLength(10);
    expect(cardText(card)).toContain('Users 121–130');
    expect(Object.keys(buttons(card))).toEqual(['Previous']);

    for (let page = 6; page >= 1; page--) {
      const before = s.listCalls();
      card = await clickTo(s.h, card, 'Previous', messageId, s.chatId);
      expect(s.listCalls() - before).toBe(1);
      expect(cardText(card)).toContain(`Page ${page} · 20 per page`);
      expect(tableUsers(card)[0]).toBe(s.userAt((page - 1) * 20));
    }
    expect(Object.keys(buttons(card))).toEqual(['Next']);
  });

  it('shows card numbers and face state per row', async () => {
    const { card } = await firstPage('/acs users --page-size 10');
    const text = cardText(card);
    const zh = cardText(card, 'zh_cn');
    const who = (i: number) => `<person id='${s.userAt(i)}' show_name=true show_avatar=false style='normal'></person>`;
    expect(text).toContain('User | Card number | Face');
    expect(zh).toContain('用户 | 卡号 | 人脸');
    expect(text).toContain(`${who(0)} | 100000 | <font color='green'>Uploaded</font>`);
    expect(text).toContain(`${who(4)} | — | <font color='grey'>Not uploaded</font>`); // no card number at all
    expect(text).toContain(`${who(9)} | — | <font color='green'>Uploaded</font>`); // card number 0 means none
    expect(zh).toContain(`${who(0)} | 100000 | <font color='green'>已上传</font>`);
    expect(zh).toContain(`${who(4)} | — | <font color='grey'>未上传</font>`);
    expect(zh).not.toMatch(/Uploaded|Card number/);
    expect(text).not.toMatch(/已上传|未上传|卡号/);
    expect(zh).toContain('第 1 页 · 每页 10 人');
  });

  it.each(['0', '51', 'abc', '-1', '2.5'])('refuses --page-size %s with an argument error', async (bad) => {
    const before = s.listCalls();
    const sent = await s.h.say(`/acs users --page-size ${bad}`);
    const text = cardText(sent[0]);
    expect(text).toContain('Wrong argument: --page-size');
    expect(text).toContain('must be a whole number from 1 to 50');
    expect(text).toContain('e.g. --page-size 50');
    expect(s.listCalls()).toBe(before);
  });

  it('accepts --page-size 50', async () => {
    const { card } = await firstPage('/acs users --page-size 50');
    expect(tableUsers(card)).toHaveLength(50);
    expect(cardText(card)).toContain('Page 1 · 50 per page');
  });

  it('refuses --all combined with --page-size', async () => {
    const text = cardText((await s.h.say('/acs users --all --page-size 10'))[0]);
    expect(text).toContain('cannot be combined with --all');
  });

  it('says the list changed when a token is refused mid-walk, and Start again works', async () => {
    const first = await firstPage('/acs users');
    const { messageId } = first;
    let card = first.card;
    card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    expect(cardText(card)).toContain('Page 2');
    invalidateAcsPageTokens(s.state);
    card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    const text = cardText(card);
    expect(text).toContain('The access-control user list changed');
    expect(Object.keys(buttons(card))).toEqual(['Start again']);
    card = await clickTo(s.h, card, 'Start again', messageId, s.chatId);
    expect(cardText(card)).toContain('Page 1 · 20 per page');
    expect(tableUsers(card)[0]).toBe(s.userAt(0));
    card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    expect(tableUsers(card)[0]).toBe(s.userAt(20));
  });

  it('offers Start again when the list session was forgotten (store restart)', async () => {
    const first = await firstPage('/acs users');
    const { messageId } = first;
    let card = await clickTo(s.h, first.card, 'Next', messageId, s.chatId);
    const ref = (buttons(card).Next as { r: string }).r;
    await s.h.bot.services.store.delete('session', `acs:list:${ref}`);
    card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    expect(cardText(card)).toContain('The access-control user list changed');
    card = await clickTo(s.h, card, 'Start again', messageId, s.chatId);
    expect(tableUsers(card)[0]).toBe(s.userAt(0));
  });

  it('treats an expired token (time) the same way', async () => {
    acsData(s.state).tokenTtlMs = 0;
    const { card, messageId } = await firstPage('/acs users');
    const next = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    expect(cardText(next)).toContain('The access-control user list changed');
  });

  it('shows any other error on the card with Try again, and Try again recovers', async () => {
    const first = await firstPage('/acs users');
    const { messageId } = first;
    let card = first.card;
    s.state.injectFault({ api: 'acs.user.list', status: 400, body: { code: 99991672, msg: 'Access denied. One of the following scopes is required: [acs:users]' } });
    card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    const text = cardText(card);
    expect(text).toContain('99991672');
    expect(text).toContain('acs:users');
    card = await clickTo(s.h, card, 'Try again', messageId, s.chatId);
    expect(cardText(card)).toContain('Page 2');
  });

  it('shows a failing first page as an error, not an empty list', async () => {
    s.state.injectFault({ api: 'acs.user.list', status: 400, body: { code: 99991672, msg: 'no permission' } });
    const text = cardText((await s.h.say('/acs users'))[0]);
    expect(text).toContain('99991672');
    expect(text).not.toContain('There are no access-control users');
  });

  it('explains the empty state: only users in a permission group are listed', async () => {
    acsData(s.state).users = [];
    const { card } = await firstPage('/acs users');
    const text = cardText(card);
    expect(text).toContain('There are no access-control users');
    expect(text).toContain('Only users who are in an access-control permission group are listed');
    expect(Object.keys(buttons(card))).toEqual([]);
  });
});

describe('/acs users button values', () => {
  it('are signed, small, and carry no page token', async () => {
    const first = await firstPage('/acs users');
    const { messageId } = first;
    let card = first.card;
    card = await clickTo(s.h, card, 'Next', messageId, s.chatId);
    const issued = [...acsData(s.state).tokens.keys()];
    expect(issued.length).toBeGreaterThan(0);
    const json = JSON.stringify(card.card);
    for (const token of issued) expect(json).not.toContain(token);
    for (const value of Object.values(buttons(card))) {
      const v = value as { a: string; r: string; s: string; x: Record<string, unknown> };
      expect(v.a).toBe('acs.page');
      expect(v.s).toMatch(/^[0-9a-f]{64}$/);
      expect(v.r.length).toBeLessThanOrEqual(12);
      expect(Object.keys(v.x).sort()).toEqual(['n', 'p']);
      expect(JSON.stringify(v).length).toBeLessThan(200);
    }
  });

  it('refuses a tampered value', async () => {
    const { card, messageId } = await firstPage('/acs users');
    const value = buttons(card).Next as { x: Record<string, number> };
    const before = s.listCalls();
    const res = await s.h.click({ ...value, x: { ...value.x, p: 5 } }, { messageId, chatId: s.chatId });
    expect(toastOf(res)).toContain('not valid');
    expect(s.listCalls()).toBe(before);
  });
});

describe('/acs permissions', () => {
  it('refuses the commands to a member', async () => {
    for (const line of ['/acs users', '/acs users --all', `/acs user ${s.userAt(0)}`]) {
      const before = s.listCalls() + (s.state.calls.get('acs.user.get') ?? 0);
      const text = cardText((await s.h.say(line, { as: MEMBER }))[0]);
      expect(text).toContain('Not allowed');
      expect(s.listCalls() + (s.state.calls.get('acs.user.get') ?? 0)).toBe(before);
    }
  });

  it('refuses a member every button of every /acs card, calling nothing and sending nothing', async () => {
    const paged = await firstPage('/acs users');
    const page2 = await clickTo(s.h, paged.card, 'Next', paged.messageId, s.chatId);
    invalidateAcsPageTokens(s.state);
    const changed = await clickTo(s.h, page2, 'Next', paged.messageId, s.chatId);
    s.state.injectFault({ api: 'acs.user.list', status: 400, body: { code: 99991672, msg: 'no permission' } });
    const failed = await clickTo(s.h, page2, 'Previous', paged.messageId, s.chatId);
    const all = await s.h.say('/acs users --all');
    const summary = all.at(-1);
    const clicks: Array<[string, unknown]> = [
      ['Next', buttons(paged.card).Next],
      ['Previous', buttons(page2).Previous],
      ['Start again (page)', buttons(changed)['Start again']],
      ['Try again', buttons(failed)['Try again']],
      ['Export CSV', buttons(summary)['Export CSV']],
      ['Start again (--all)', acsAllAction.value(s.h.bot.services.buttons.scope({ chat: s.chatId }), 'all')],
    ];
    s.h.mark();
    const before = s.listCalls();
    for (const [label, value] of clicks) {
      expect(value, label).toBeDefined();
      const res = await s.h.click(value, { as: MEMBER, messageId: paged.messageId, chatId: s.chatId });
      expect(toastOf(res), label).toContain('only bot admins');
      expect((res.body as { card?: unknown }).card, label).toBeUndefined();
    }
    await s.h.idle();
    expect(s.listCalls()).toBe(before);
    expect(s.h.sent()).toHaveLength(0);
  });
});

describe('/acs user', () => {
  it('shows one user by open_id', async () => {
    const text = cardText((await s.h.say(`/acs user ${s.userAt(3)}`))[0]);
    expect(text).toContain('Access-control user');
    expect(text).toContain('**Card number**: 100021');
    expect(text).toContain('**Face uploaded**: yes');
  });

  it('shows one user by @mention: the person once (the tag shows the name), the name in the summary', async () => {
    const id = s.userAt(4) as string;
    const sent = await s.h.say('/acs user @_user_2', { group: true, mentions: [{ key: '@_user_2', openId: id, name: 'Colleague 3' }] });
    const text = cardText(sent[0]);
    for (const locale of ['en_us', 'zh_cn'] as const) {
      const shown = cardText(sent[0], locale);
      expect(shown).toContain(`<person id='${id}'`);
      expect(shown).not.toContain('Colleague 3');
    }
    const summary = (sent[0]?.card as { config?: { summary?: { i18n_content?: Record<string, string> } } }).config?.summary?.i18n_content;
    expect(summary).toEqual({ en_us: 'Access-control user: Colleague 3', zh_cn: '门禁用户：Colleague 3' });
    expect(text).toContain('**Card number**: —');
    expect(text).toContain('**Face uploaded**: no');
  });

  it('explains a user outside every permission group', async () => {
    const text = cardText((await s.h.say('/acs user ou_nobody00000000000000000000001'))[0]);
    expect(text).toContain('was not found in access control');
    expect(text).toContain('permission group');
  });

  it('refuses a word that is not a user', async () => {
    const text = cardText((await s.h.say('/acs user alice'))[0]);
    expect(text).toMatch(/Wrong argument: (<|&#60;)user/);
    expect(text).toContain('open_id starting with ou_');
  });

  it('says the user is missing', async () => {
    const text = cardText((await s.h.say('/acs user'))[0]);
    expect(text).toContain('<user>');
    expect(text).toContain('missing');
  });
});

describe('emulator strictness', () => {
  it('rejects page_size outside 1–50 and a bad token like the reference', async () => {
    const feishu = s.h.bot.services.feishu;
    for (const size of [0, 51]) {
      // ACS "params is invalid" (feishu-apis.md §7.2), and the bot can explain it.
      await expect(feishu.call('acs.user.list', (sdk, o) => sdk.acs.user.list({ params: { page_size: size } }, o))).rejects.toMatchObject({ code: 1490001, httpStatus: 400 });
    }
    expect(explainCode('acs.user.list', 1490001)?.meaning.en_us).toContain('A request parameter is invalid');
    await expect(feishu.call('acs.user.list', (sdk, o) => sdk.acs.user.list({ params: { page_size: 10, page_token: 'made-up' } }, o))).rejects.toMatchObject({ code: 1490018, httpStatus: 400, msg: 'page token is invalid' });
    const last = await feishu.call('acs.user.list', (sdk, o) => sdk.acs.user.list({ params: { page_size: 50, page_token: undefined } }, o));
    expect(last.data?.items).toHaveLength(50);
    expect(last.data?.has_more).toBe(true);
  });
});

