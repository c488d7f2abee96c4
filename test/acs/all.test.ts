import { describe, expect, it } from 'vitest';
import { acsData, sampleAcsUsers } from '../../src/sandbox/feishu/acs/routes.js';
import { contactData } from '../../src/sandbox/feishu/contact/routes.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { buttons, cardText, MEMBER } from '../helpers/harness.js';
import { clickTo, toastOf, useAcsHarness, zhToastOf } from './acsHelpers.js';

const s = useAcsHarness();

/** The emulator's directory: each person's name by open_id. */
const contactNames = (state: typeof s.state): Record<string, string> =>
  Object.fromEntries([...state.users.values()].filter((u) => u.name).map((u) => [u.open_id, u.name as string]));

/** Runs `/acs users --all`; returns every card version of its message (first: the reply) and the message id. */
async function runAll(): Promise<{ versions: Recorded[]; final: Recorded; messageId: string }> {
  const sent = await s.h.say('/acs users --all');
  const messageId = sent[0]?.message_id as string;
  const versions = sent.filter((r) => r.message_id === messageId && r.card !== undefined);
  return { versions, final: versions[versions.length - 1] as Recorded, messageId };
}

describe('/acs users --all', () => {
  it('walks every page at 50 a page and summarises the known data', async () => {
    const before = s.listCalls();
    const { versions, final } = await runAll();
    expect(s.listCalls() - before).toBe(3);
    expect(versions[0]?.api).toBe('im.message.reply');
    expect(cardText(versions[0])).toContain('Reading every access-control user');
    const text = cardText(final);
    expect(text).toContain('Access-control users: summary');
    expect(text).toContain('**130**\ntotal users');
    expect(text).toContain('**104** (80.0%)\nwith a card number');
    expect(text).toContain('**44** (33.8%)\nwith a face uploaded');
    expect(text).toContain('Only users who are in an access-control permission group are listed');
    expect(cardText(final, 'zh_cn')).toContain('用户总数');
    expect(Object.keys(buttons(final))).toEqual(['Export CSV']);
  });

  it('draws the shares with a card number and a face as bars, explained in the reader\'s language', async () => {
    const { final } = await runAll();
    const json = JSON.stringify(final?.card);
    const chart = /"chart_spec":(\{.*?"range":\[[^\]]*\]\}\})/.exec(json)?.[1];
    expect(JSON.parse(chart as string)).toMatchObject({
      type: 'linearProgress',
      data: { values: [{ key: '①', value: 0.8 }, { key: '②', value: 44 / 130 }] },
    });
    const en = cardText(final);
    const zh = cardText(final, 'zh_cn');
    expect(en).toContain('[chart: linearProgress]');
    expect(en).toContain('① with a card number: **104** (80.0%) · without: 26');
    expect(en).toContain('② with a face uploaded: **44** (33.8%) · without: 86');
    expect(zh).toContain('① 有卡号 **104**（80.0%）· 无卡号 26');
    expect(zh).toContain('② 已上传人脸 **44**（33.8%）· 未上传 86');
  });

  it('shows progress in place, at most one update a second', async () => {
    const data = acsData(s.state);
    data.users = sampleAcsUsers(s.state, 400); // 8 pages
    s.state.latencyMs = 150;
    const { versions, final } = await runAll();
    expect(cardText(final)).toContain('**400**\ntotal users');
    const progress = versions.filter((v) => v.api === 'im.message.patch' && cardText(v).includes('Reading every'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(cardText(progress[0])).toMatch(/\d+ pages? read, \d+ users? so far/);
    expect(cardText(progress[0])).not.toContain('(s)');
    // The first card, before any page: plural "pages" and "users" for zero.
    expect(cardText(versions[0])).toContain('0 pages read, 0 users so far');
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(950);
    expect(versions.every((v) => v.api === 'im.message.reply' || v.api === 'im.message.patch')).toBe(true);
  });

  it('says the list changed when a token expires mid-walk; Start again walks it afresh', async () => {
    acsData(s.state).tokenTtlMs = 0;
    const { final, messageId } = await runAll();
    expect(cardText(final)).toContain('The access-control user list changed');
    expect(cardText(final)).not.toContain('summary');
    acsData(s.state).tokenTtlMs = 60_000;
    const again = await clickTo(s.h, final, 'Start again', messageId, s.chatId);
    expect(cardText(again)).toContain('**130**\ntotal users');
  });

  it('shows any other error on the card instead of a partial summary', async () => {
    acsData(s.state); // make sure the data exists before the fault
    s.state.injectFault({ api: 'acs.user.list', status: 400, body: { code: 99991672, msg: 'Access denied. One of the following scopes is required: [acs:users]' } });
    const { final } = await runAll();
    const text = cardText(final);
    expect(text).toContain('99991672');
    expect(text).toContain('acs:users');
    expect(text).not.toContain('total users');
    // The walk that broke is over: nothing left to resume, and it holds no place among the unfinished jobs.
    const { store } = s.h.bot.services;
    expect(await store.size('active')).toBe(0);
    expect(await store.size('unfinished')).toBe(0);
    const stored = await store.list<{ kind: string; state: string; results: unknown[] }>('job', 50);
    expect(stored.map((e) => e.value).filter((j) => j.kind === 'acs.users').at(0)).toMatchObject({ state: 'failed', results: [] });
  });

  it('has an empty state and no export for no users', async () => {
    acsData(s.state).users = [];
    const { final } = await runAll();
    const text = cardText(final);
    expect(text).toContain('**0**\ntotal users');
    expect(text).toContain('There are no access-control users');
    expect(text).toContain('permission group');
    expect(Object.keys(buttons(final))).toEqual([]);
  });
});

describe('Export CSV', () => {
  it('sends one row per user with a BOM and a header', async () => {
    const { final, messageId } = await runAll();
    s.h.mark();
    const res = await s.h.click(buttons(final)['Export CSV'], { messageId, chatId: s.chatId });
    expect(toastOf(res)).toBe('CSV sent (130 rows)');
    const file = s.h.sent().find((r) => r.msg_type === 'file')?.file;
    expect(file?.name).toMatch(/^acs-users-\d{12}\.csv$/);
    const csv = file!.content.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\n');
    expect(lines).toHaveLength(131);
    expect(lines[0]).toBe('open_id,name,card_number,face_uploaded');
    // The emulator's directory names the tenant's people; the other sample users are unknown to it.
    const names = contactNames(s.state);
    expect(names[s.userAt(0)]).toBeTruthy();
    expect(lines[1]).toBe(`${s.userAt(0)},${names[s.userAt(0)]},100000,yes`);
    expect(lines[2]).toBe(`${s.userAt(1)},${names[s.userAt(1)] ?? ''},100007,no`);
    expect(lines[5]).toBe(`${s.userAt(4)},${names[s.userAt(4)] ?? ''},,no`);
    expect(s.userAt(129)).toMatch(/^ou_acs/);
    expect(lines[130]?.split(',')[1]).toBe('');
    expect(cardText(final)).not.toContain('Showing open_ids');
  });

  it('without the contact scopes: an empty name column, and one line on the summary saying how, in both languages', async () => {
    contactData(s.state).granted = false;
    s.advance(2 * 3600_000); // past the bot's name cache (1 h)
    try {
      const { final, messageId } = await runAll();
      expect(cardText(final, 'en_us').split('Showing open_ids: grant the app')).toHaveLength(2);
      expect(cardText(final, 'zh_cn').split('显示的是 open_id：为应用开通')).toHaveLength(2);
      s.h.mark();
      await s.h.click(buttons(final)['Export CSV'], { messageId, chatId: s.chatId });
      const csv = s.h.sent().find((r) => r.msg_type === 'file')?.file?.content.toString('utf8') ?? '';
      expect(csv.slice(1).split('\n')[1]).toBe(`${s.userAt(0)},,100000,yes`);
    } finally {
      contactData(s.state).granted = true;
    }
  });

  it('is refused to a member, and sends nothing', async () => {
    const { final, messageId } = await runAll();
    s.h.mark();
    const res = await s.h.click(buttons(final)['Export CSV'], { as: MEMBER, messageId, chatId: s.chatId });
    expect(toastOf(res)).toContain('only bot admins');
    expect(s.h.sent().filter((r) => r.msg_type === 'file')).toHaveLength(0);
  });

  it('keeps the summary and shows the error when the upload fails', async () => {
    const { final, messageId } = await runAll();
    s.h.mark();
    s.state.injectFault({ api: 'im.file.create', status: 400, body: { code: 234006, msg: 'file too large' } });
    const res = await s.h.click(buttons(final)['Export CSV'], { messageId, chatId: s.chatId });
    expect(toastOf(res)).toContain('Export failed: 234006');
    expect((res.body as { card?: unknown }).card).toBeUndefined();
    const errorCard = s.h.sent().find((r) => r.card !== undefined);
    expect(cardText(errorCard)).toContain('234006');
  });
});

describe('Export CSV clicked again', () => {
  const files = () => s.h.sent().filter((r) => r.msg_type === 'file');

  it('inside the minute sends one file and says, in both languages, when it can be sent again; after it sends the file again', async () => {
    const { final, messageId } = await runAll();
    const exportCsv = buttons(final)['Export CSV'];
    s.h.mark();
    expect(toastOf(await s.h.click(exportCsv, { messageId, chatId: s.chatId }))).toBe('CSV sent (130 rows)');
    s.advance(20_000);
    const again = await s.h.click(exportCsv, { messageId, chatId: s.chatId });
    expect(toastOf(again)).toMatch(/^Sent at \d\d:\d\d:\d\d; it can be sent again from \d\d:\d\d:\d\d \(in (40|39) s\)$/);
    expect(zhToastOf(again)).toMatch(/刚发送过；\d\d:\d\d:\d\d 之后（(40|39) 秒后）可以再次发送$/);
    expect(toastOf(again)).not.toContain('will not run twice');
    expect((again.body as { card?: unknown }).card).toBeUndefined();
    expect(files()).toHaveLength(1);
    s.advance(41_000);
    expect(toastOf(await s.h.click(exportCsv, { messageId, chatId: s.chatId }))).toBe('CSV sent (130 rows)');
    const sent = files();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.file?.content.toString('utf8')).toBe(sent[0]?.file?.content.toString('utf8'));
    expect(zhToastOf(await (s.advance(61_000), s.h.click(exportCsv, { messageId, chatId: s.chatId })))).toBe('已发送 CSV（130 行）');
    expect(files()).toHaveLength(3);
  });

  it('sends one file for two clicks at the same moment (double click, two admins)', async () => {
    const { final, messageId } = await runAll();
    const exportCsv = buttons(final)['Export CSV'];
    s.h.mark();
    s.state.latencyMs = 100;
    const toasts = (await Promise.all([1, 2].map(() => s.h.click(exportCsv, { messageId, chatId: s.chatId })))).map(toastOf);
    await s.h.idle();
    expect(toasts).toContain('CSV sent (130 rows)');
    expect(toasts.filter((x) => x !== 'CSV sent (130 rows)')[0]).toMatch(/Being sent|Sent at/);
    expect(files()).toHaveLength(1);
  });

  it('lets the admin try again at once when the upload failed', async () => {
    const { final, messageId } = await runAll();
    s.h.mark();
    s.state.injectFault({ api: 'im.file.create', status: 400, body: { code: 234006, msg: 'file too large' } });
    expect(toastOf(await s.h.click(buttons(final)['Export CSV'], { messageId, chatId: s.chatId }))).toContain('Export failed');
    expect(toastOf(await s.h.click(buttons(final)['Export CSV'], { messageId, chatId: s.chatId }))).toBe('CSV sent (130 rows)');
    expect(files()).toHaveLength(1);
  });

  it('exports a new summary at once: fresh data is a new --all', async () => {
    const first = await runAll();
    await s.h.click(buttons(first.final)['Export CSV'], { messageId: first.messageId, chatId: s.chatId });
    acsData(s.state).users = sampleAcsUsers(s.state, 60);
    const second = await runAll();
    s.h.mark();
    expect(toastOf(await s.h.click(buttons(second.final)['Export CSV'], { messageId: second.messageId, chatId: s.chatId }))).toBe('CSV sent (60 rows)');
  });
});

describe('/acs users --all with an error mid-walk', () => {
  it('shows a lasting error of page 2, not a partial summary or export; Try again walks afresh', async () => {
    acsData(s.state).failAt = { offset: 50, status: 400, code: 99991672, msg: 'Access denied. One of the following scopes is required: [acs:users]' };
    const before = s.listCalls();
    const { final, messageId } = await runAll();
    const text = cardText(final);
    expect(s.listCalls() - before).toBe(2);
    expect(text).toContain('99991672');
    expect(text).not.toContain('total users');
    expect(Object.keys(buttons(final))).toEqual(['Try again']);
    const again = await clickTo(s.h, final, 'Try again', messageId, s.chatId);
    expect(cardText(again)).toContain('**130**\ntotal users');
  });

  it('retries a passing 5xx on page 2 and still counts every user once', async () => {
    acsData(s.state).failAt = { offset: 50, status: 500, code: 1490002, msg: 'internal error' };
    const before = s.listCalls();
    const { final } = await runAll();
    expect(s.listCalls() - before).toBe(4);
    expect(cardText(final)).toContain('**130**\ntotal users');
  });
});
