import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CX_API } from '../../src/features/cx/client.js';
import { JING_API } from '../../src/features/jing/client.js';
import { cxState } from '../../src/sandbox/chengxun/routes.js';
import { jingState } from '../../src/sandbox/jingsocial/routes.js';
import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import { operationState, type Job } from '../../src/batch/jobs.js';
import { JobControl } from '../../src/batch/jobControl.js';
import { ADMIN, buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { button, lastText, replyId, toastText } from '../helpers/vendors.js';

async function until<T>(read: () => Promise<T>, cond: (v: T) => boolean, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await read();
    if (cond(v)) return v;
    if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// What start-up finds in the store after a process was stopped mid-batch: a job header `running`, listed
// as unfinished, with some chunks checkpointed. resume() runs the rest through the feature's resumer.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function leaveUnfinished(job: Job, checkpoints: Record<number, unknown[]>): Promise<void> {
  const { store } = h.bot.services;
  await store.set('job', `job:${job.id}`, job);
  for (const [i, results] of Object.entries(checkpoints)) await store.set('chunk', `${job.id}:${i}`, results);
  await store.set('active', job.id, { kind: job.kind, since: 1 });
}

const seen = new Set<unknown>();
const resumedCard = () => new Promise<ReturnType<typeof h.emulator.state.cards>[number]>((resolve, reject) => {
  const started = Date.now();
  const poll = () => {
    const card = h.emulator.state.cards().filter((c) => cardText(c).includes('Resumed after a restart') && !seen.has(c)).at(-1);
    if (card) {
      seen.add(card);
      resolve(card);
    }
    else if (Date.now() - started > 15_000) reject(new Error('no resumed card'));
    else setTimeout(poll, 20);
  };
  poll();
});

describe('resuming unfinished jobs at start-up', () => {
  it('/jing status: only the chunks not checkpointed are sent; the card says it resumed; the job is finished', async () => {
    const users = Array.from({ length: 250 }, (_, i) => `u${String(i + 1).padStart(4, '0')}`);
    const chatId = h.emulator.state.p2pChat(ADMIN);
    await leaveUnfinished({
      id: 'jing_resume0000001', kind: 'jing.status', createdBy: ADMIN, createdAt: Date.now(), chatId, state: 'running',
      input: { activity: 'etDemoActivity0001', signin: { status: '1', time: '2026-01-05 09:00:00' }, users }, results: [], meta: {},
    }, { 0: users.slice(0, 100).map((userId) => ({ userId, state: 'updated' })) });
    expect(await h.bot.resume()).toBe(1);
    const card = await resumedCard();
    await h.idle();
    const jing = jingState(h.emulator.state);
    expect(h.emulator.state.calls.get(JING_API.userStatus)).toBe(2);
    expect(jing.requests.flatMap((r) => r.user_ids as string[]).sort()).toEqual(users.slice(100));
    expect(cardText(card)).toContain('**250**\nupdated');
    expect(cardText(card, 'zh_cn')).toContain('机器人重启后已自动继续执行这个批次');
    expect(Object.keys(buttons(card))).toContain('Export CSV');
    const { store } = h.bot.services;
    expect(await store.size('active')).toBe(0);
    expect(await store.size('chunk')).toBe(0);
    expect((await store.get<Job>('job', 'job:jing_resume0000001'))?.results).toHaveLength(250);
  });

  it('/jing Retry: a retry left unfinished re-sends only its chunks not checkpointed; the card merges it with the retried job', async () => {
    h.emulator.state.calls.clear();
    const jing = jingState(h.emulator.state);
    jing.requests.length = 0;
    const users = Array.from({ length: 250 }, (_, i) => `r${String(i + 1).padStart(4, '0')}`);
    const again = users.slice(0, 150);
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const input = { activity: 'etDemoActivity0001', signin: { status: '1', time: '2026-01-05 09:00:00' }, users };
    const { store } = h.bot.services;
    await store.set('job', 'job:jing_retried000001', {
      id: 'jing_retried000001', kind: 'jing.status', createdBy: ADMIN, createdAt: Date.now(), chatId, state: 'done', input, meta: {},
      results: users.map((userId, i) => ({ userId, state: i < 150 ? 'not_updated' : 'updated' })),
    });
    await leaveUnfinished({
      id: 'jing_retry00000001', kind: 'jing.retry', createdBy: ADMIN, createdAt: Date.now(), chatId, state: 'running',
      input: { ...input, retry: { of: 'jing_retried000001', keys: again, round: 1 } }, results: [], meta: { retried: 150, retries: 1 },
    }, { 0: again.slice(0, 100).map((userId) => ({ userId, state: 'updated' })) });
    expect(await h.bot.resume()).toBe(1);
    const card = await resumedCard();
    await h.idle();
    expect(h.emulator.state.calls.get(JING_API.userStatus)).toBe(1);
    expect(jing.requests[0]).toMatchObject({ user_ids: again.slice(100), ems_signintimestamp: '2026-01-05 09:00:00' });
    expect(cardText(card)).toContain('**250**\nupdated');
    expect(cardText(card)).toContain('This retry re-sent 150 users.');
    expect(await store.size('active')).toBe(0);
    expect((await store.get<Job>('job', 'job:jing_retry00000001'))).toMatchObject({ state: 'done', results: expect.arrayContaining([{ userId: 'r0001', state: 'updated' }]) });
    // The click that started it took the retry's claim: a late click on the old card says it is done.
    // (Marked just after the final card is shown.)
    await until(() => store.get('claim', 'opdone:jing_retried000001:retry'), (v) => v === true, 'the retry marked done');
  });

  it('/cx Retry stopped mid-way: its chunks in flight finish, the card says it continues, the next start sends only the rest', async () => {
    const state = h.emulator.state;
    const cx = cxState(state);
    const accounts = Array.from({ length: 800 }, (_, i) => String(2_000_001 + i));
    // One bad account in each of the first three chunks: the retry re-sends 600 accounts, three chunks.
    for (const a of [accounts[0], accounts[200], accounts[400]]) cx.rejectAccounts.add(a as string);
    const sent = await h.say(`/cx card KEYDATA --all-orgs ${accounts.join(' ')} --item "k|1|https://example.com/r"`);
    expect(lastText(sent)).toContain('**600**\naccounts failed');
    cx.rejectAccounts.clear();
    cx.requests.length = 0;
    state.apiLatencyMs.set(CX_API.sameData, 300);
    const { store } = h.bot.services;
    const clicking = h.click(button(sent, 'Retry failed'), { messageId: replyId(sent) });
    await until(() => store.size('active'), (n) => n >= 1, 'the retry job to run');
    h.bot.services.jobs.stop();
    expect(toastText(await clicking)).toContain('continues by itself after the restart');
    await h.idle();
    expect(cardText(state.cards().filter((c) => c.message_id === replyId(sent)).at(-1))).toContain('continues by itself once the bot is back');
    const sentBefore = cx.requests.length;
    expect(sentBefore).toBe(2); // the two chunks in flight (two at a time)
    h.bot.services.jobs = new JobControl();
    state.apiLatencyMs.delete(CX_API.sameData);
    expect(await h.bot.resume()).toBe(1);
    const card = await resumedCard();
    await h.idle();
    expect(cx.requests).toHaveLength(3);
    expect(cx.requests[2]?.account_id_list).toEqual(accounts.slice(400, 600));
    expect(card.message_id).toBe(replyId(sent));
    expect(cardText(card)).toContain('**800**\naccounts set');
    expect(cardText(card)).toContain('This retry re-sent 600 accounts.');
    expect(await store.size('active')).toBe(0);
  });

  it('/acs users --all: a walk stopped between pages continues after its last checkpointed page, reading none twice', async () => {
    const state = h.emulator.state;
    state.calls.clear();
    state.apiLatencyMs.set('acs.user.list', 300);
    const { store } = h.bot.services;
    const walking = h.say('/acs users --all');
    await until(() => store.size('chunk'), (n) => n >= 1, 'the first page checkpointed');
    h.bot.services.jobs.stop();
    await walking;
    expect(cardText(state.cards().at(-1))).toContain('continues by itself once the bot is back');
    expect(await store.size('active')).toBe(1);
    h.bot.services.jobs = new JobControl(); // the next start, on the same store
    state.apiLatencyMs.delete('acs.user.list');
    expect(await h.bot.resume()).toBe(1);
    const card = await resumedCard();
    expect(cardText(card)).toMatch(/130/);
    expect(state.calls.get('acs.user.list')).toBe(3);
    expect(Object.keys(buttons(card))).toContain('Export CSV');
    await h.idle();
    expect(await store.size('active')).toBe(0);
  });

  it('a confirmed /status run resumed to its end marks its Confirm done: a late click says already done', async () => {
    const { store } = h.bot.services;
    const id = 'st_resume000000003';
    await leaveUnfinished({
      id, kind: 'status', createdBy: ADMIN, createdAt: Date.now(), chatId: h.emulator.state.p2pChat(ADMIN), state: 'running',
      input: { op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people: ['ou_user00000000000000000000000001'], names: {} },
      results: [], meta: { state: 'running' },
    }, {});
    // The Confirm click took its claim, then its process was killed.
    expect(await store.claim('claim', `op:${id}:start`)).toBe(true);
    expect(await operationState(store, id, 'start')).toBe('running');
    expect(await h.bot.resume()).toBe(1);
    await until(() => store.size('active'), (n) => n === 0, 'the job to finish');
    await until(() => operationState(store, id, 'start'), (s) => s === 'done', 'the Confirm marked done');
  });

  it('a job whose lease another process holds is left to it (run once)', async () => {
    const { store } = h.bot.services;
    await leaveUnfinished({
      id: 'st_resume000000002', kind: 'status', createdBy: ADMIN, createdAt: Date.now(), chatId: h.emulator.state.p2pChat(ADMIN), state: 'running',
      input: { op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people: ['ou_user00000000000000000000000001'], names: {} },
      results: [], meta: { state: 'running' },
    }, {});
    expect(await store.claim('claim', 'lease:st_resume000000002', 60_000)).toBe(true);
    const before = statusWorld(h.emulator.state).applied.size;
    expect(await h.bot.resume()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(statusWorld(h.emulator.state).applied.size).toBe(before);
    expect(await store.size('active')).toBe(1);
    h.bot.services.jobs.stop(); // no later look at it once the test is over
  });
});
