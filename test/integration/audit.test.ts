import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/observe/audit.js';
import { ADMIN, buttons, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { memoryLogger } from '../helpers/memoryLog.js';
import { button, replyId, SECOND_ADMIN } from '../helpers/vendors.js';
import { lastCard, uid } from '../status/helpers.js';

let h: Harness;
const logs = memoryLogger('info');
beforeAll(async () => {
  h = await startHarness({ log: logs.log, overrides: { BOT_ADMINS: [ADMIN, SECOND_ADMIN] } });
});
afterAll(() => h.close());

const trail = (): Promise<AuditRecord[]> => h.bot.services.audit.newest(50);
const newest = async (): Promise<AuditRecord> => (await trail())[0]!;

describe('the audit trail', () => {
  it('explains an empty trail', async () => {
    const [reply] = await h.say('/audit');
    expect(cardText(reply)).toContain('Nothing recorded yet');
    expect(cardText(reply, 'zh_cn')).toContain('还没有记录');
  });

  it('records a status open and its Undo, and a member’s refused click on the admin button', async () => {
    await h.say(`/status open 出差 ${uid(1)} ${uid(2)}`);
    const opened = await newest();
    expect(opened).toMatchObject({ actor: ADMIN, kind: 'command', what: 'status.open', people: 2, result: 'done' });
    expect(Object.values(opened.outcomes).reduce((a, b) => a + b, 0)).toBe(2);
    expect(opened.jobId).toMatch(/^st/);
    expect(opened.chatId).toBeDefined();

    const card = lastCard(h);
    const undo = buttons(card)['Undo (2)'];
    const refused = await h.click(undo, { as: MEMBER, messageId: card.message_id, chatId: card.chat_id });
    expect(refused.body.toast.content).toContain('only bot admins');
    expect(await newest()).toMatchObject({ actor: MEMBER, kind: 'click', what: 'status.undo', result: 'refused', jobId: opened.jobId, people: 2 });

    await h.click(undo, { as: ADMIN, messageId: card.message_id, chatId: card.chat_id });
    await h.idle();
    const mine = (await trail()).filter((r) => r.actor === ADMIN && r.at >= opened.at);
    const click = mine.find((r) => r.kind === 'click');
    const job = mine.find((r) => r.kind === 'command' && r.what !== 'status.open');
    expect(click).toMatchObject({ kind: 'click', what: 'status.undo', result: 'done', jobId: opened.jobId });
    expect(job).toMatchObject({ kind: 'command', what: 'status.close', people: 2, result: 'done' });
  });

  it('records a jing status and a cx card with their outcome counts', async () => {
    await h.say('/jing status etDemoActivity0001 u0001 u0002 u0003 --signin 1');
    expect(await newest()).toMatchObject({ actor: ADMIN, kind: 'command', what: 'jing.status', people: 3, result: 'done' });
    const sent = await h.say('/cx card LIST --org 20001 1000001,1000002 --item "a|https://example.com/r"');
    const cx = await newest();
    expect(cx).toMatchObject({ actor: ADMIN, kind: 'command', what: 'cx.card', people: 2, result: 'done' });
    await h.click(button(sent, 'Export CSV'), { messageId: replyId(sent), chatId: h.emulator.state.p2pChat(ADMIN) });
    expect(await newest()).toMatchObject({ kind: 'click', what: 'cx.export', jobId: cx.jobId, people: 2, result: 'done' });
  });

  it('writes every record as one JSON log line', async () => {
    const lines = logs.lines().filter((l) => l.msg === 'audit');
    const records = await trail();
    expect(lines.length).toBe(records.length);
    expect(lines.map((l) => (l.audit as AuditRecord).what)).toContain('status.open');
    expect(lines.find((l) => (l.audit as AuditRecord).result === 'refused')?.audit).toMatchObject({ actor: MEMBER, what: 'status.undo' });
  });

  it('shows the newest records to an admin, at most --last N, and refuses a member', async () => {
    const all = cardText((await h.say('/audit'))[0]);
    expect(all).toContain('status.open');
    expect(all).toContain('jing.status');
    expect(all).toContain('cx.card');
    expect(all).toContain('refused');
    // People by name (contact users batch): the member who was refused is 成员小明 in the emulator.
    expect(all).toContain(' · 成员小明 · click status.undo');
    expect(all).not.toContain('Showing open_ids');
    const two = (await h.say('/audit --last 2'))[0];
    expect(cardText(two)).toContain('The newest 2');
    expect(cardText(two).match(/ · job /g)).toHaveLength(2);
    expect(cardText(two, 'zh_cn')).toContain('最近 2 条');
    expect(cardText((await h.say('/audit --last 51'))[0])).toContain('must be a whole number from 1 to 50; got “51”');
    expect(cardText((await h.say('/audit', { as: MEMBER }))[0])).toContain('Not allowed');
  });
});
