import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acsData, invalidateAcsPageTokens, sampleAcsUsers } from '../../src/sandbox/acs.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { ADMIN, buttons, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { clickTo, toastOf } from './acsHelpers.js';

let h: Harness;
let chatId: string;
beforeAll(async () => {
  h = await startHarness();
  chatId = h.emulator.state.p2pChat(ADMIN);
});
afterAll(() => h.close());

const state = () => h.emulator.state;
const listCalls = () => state().calls.get('acs.user.list') ?? 0;
const userAt = (i: number) => acsData(state()).users[i]?.user_id as string;

beforeEach(() => {
  const data = acsData(state());
  data.users = sampleAcsUsers(state());
  data.tokenTtlMs = 10 * 60 * 1000;
  invalidateAcsPageTokens(state());
  state().latencyMs = 0;
});

/** Runs `/acs users --all`; returns every card version of its message (first: the reply) and the message id. */
async function runAll(): Promise<{ versions: Recorded[]; final: Recorded; messageId: string }> {
  const sent = await h.say('/acs users --all');
  const messageId = sent[0]?.message_id as string;
  const versions = sent.filter((r) => r.message_id === messageId && r.card !== undefined);
  return { versions, final: versions[versions.length - 1] as Recorded, messageId };
}

describe('/acs users --all', () => {
  it('walks every page at 50 a page and summarises the known data', async () => {
    const before = listCalls();
    const { versions, final } = await runAll();
    expect(listCalls() - before).toBe(3);
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

  it('shows progress in place, at most one update a second', async () => {
    const data = acsData(state());
    data.users = sampleAcsUsers(state(), 400); // 8 pages
    state().latencyMs = 150;
    const { versions, final } = await runAll();
    expect(cardText(final)).toContain('**400**\ntotal users');
    const progress = versions.filter((v) => v.api === 'im.message.patch' && cardText(v).includes('Reading every'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(cardText(progress[0])).toMatch(/page\(s\) read, \d+ user\(s\) so far/);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(950);
    expect(versions.every((v) => v.api === 'im.message.reply' || v.api === 'im.message.patch')).toBe(true);
  });

  it('says the list changed when a token expires mid-walk; Start again walks it afresh', async () => {
    acsData(state()).tokenTtlMs = 0;
    const { final, messageId } = await runAll();
    expect(cardText(final)).toContain('The access-control user list changed');
    expect(cardText(final)).not.toContain('summary');
    acsData(state()).tokenTtlMs = 60_000;
    const again = await clickTo(h, final, 'Start again', messageId, chatId);
    expect(cardText(again)).toContain('**130**\ntotal users');
  });

  it('shows any other error on the card instead of a partial summary', async () => {
    acsData(state()); // make sure the data exists before the fault
    state().injectFault({ api: 'acs.user.list', status: 400, body: { code: 99991672, msg: 'Access denied. One of the following scopes is required: [acs:users]' } });
    const { final } = await runAll();
    const text = cardText(final);
    expect(text).toContain('99991672');
    expect(text).toContain('acs:users');
    expect(text).not.toContain('total users');
  });

  it('has an empty state and no export for no users', async () => {
    acsData(state()).users = [];
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
    h.mark();
    const res = await h.click(buttons(final)['Export CSV'], { messageId, chatId });
    expect(toastOf(res)).toBe('CSV sent (130 rows)');
    const file = h.sent().find((r) => r.msg_type === 'file')?.file;
    expect(file?.name).toMatch(/^acs-users-\d{12}\.csv$/);
    const csv = file!.content.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\n');
    expect(lines).toHaveLength(131);
    expect(lines[0]).toBe('open_id,card_number,face_uploaded');
    expect(lines[1]).toBe(`${userAt(0)},100000,yes`);
    expect(lines[2]).toBe(`${userAt(1)},100007,no`);
    expect(lines[5]).toBe(`${userAt(4)},,no`);
    expect(lines[10]).toBe(`${userAt(9)},,yes`);
  });

  it('is refused to a member, and sends nothing', async () => {
    const { final, messageId } = await runAll();
    h.mark();
    const res = await h.click(buttons(final)['Export CSV'], { as: MEMBER, messageId, chatId });
    expect(toastOf(res)).toContain('only bot admins');
    expect(h.sent().filter((r) => r.msg_type === 'file')).toHaveLength(0);
  });

  it('keeps the summary and shows the error when the upload fails', async () => {
    const { final, messageId } = await runAll();
    h.mark();
    state().injectFault({ api: 'im.file.create', status: 400, body: { code: 234006, msg: 'file too large' } });
    const res = await h.click(buttons(final)['Export CSV'], { messageId, chatId });
    expect(toastOf(res)).toContain('Export failed: 234006');
    expect((res.body as { card?: unknown }).card).toBeUndefined();
    const errorCard = h.sent().find((r) => r.card !== undefined);
    expect(cardText(errorCard)).toContain('234006');
  });
});
