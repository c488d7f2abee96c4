import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jingState, type JingState } from '../../src/sandbox/jingsocial/routes.js';
import { JING_API } from '../../src/features/jing/client.js';
import type { Job } from '../../src/batch/jobs.js';
import { ADMIN, buttons, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { button, clickTogether, SECOND_ADMIN, callbackButtons, callbackText, lastText, replyId, toastText } from '../helpers/vendors.js';

let h: Harness;
let jing: JingState;
const calls = () => h.emulator.state.calls.get(JING_API.userStatus) ?? 0;
const users = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);
const ACT = 'etDemoActivity0001';

beforeAll(async () => {
  h = await startHarness({ overrides: { BOT_ADMINS: [ADMIN, SECOND_ADMIN] } });
  jing = jingState(h.emulator.state);
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.state.calls.clear();
  jing.requests.length = 0;
  jing.absentUsers.clear();
});

describe('/jing status validation', () => {
  const cases: Array<[string, string[]]> = [
    [`/jing status ${ACT} u1`, ['--signin', 'or --approve is required']],
    [`/jing status ${ACT} u1 --signin 2`, ['--signin', 'must be 0 (not signed in) or 1 (signed in); got “2”']],
    [`/jing status ${ACT} u1 --approve 3`, ['--approve', 'must be 0 (pending), 1 (approved) or 2 (rejected); got “3”']],
    [`/jing status ${ACT} u1 --approve 1 --signin-time "2025-09-01 09:30:00"`, ['--signin-time', 'was given without --signin']],
    [`/jing status ${ACT} u1 --signin 1 --approve-time "2025-09-01 09:30:00"`, ['--approve-time', 'was given without --approve']],
    [`/jing status ${ACT} u1 --signin 1 --signin-time "2025-13-01 09:30:00"`, ['--signin-time', 'is not a valid time: use YYYY-MM-DD HH:mm:ss (in the bot’s time zone), e.g. "2025-09-01 09:30:00"']],
    [`/jing status ${ACT} u1 --approve 1 --approve-time tomorrow`, ['--approve-time', '“tomorrow” is not a valid time']],
    [`/jing status ${ACT} --signin 1`, ['<user_id>', 'needs at least one Jingsocial user id']],
    ['/jing status --signin 1', ['<activity>', 'is missing: give the activity id (entity_uuid)']],
    [`/jing status ${ACT} ou_abc123 --signin 1`, ['<user_id>', 'is a Feishu user (open_id), not a Jingsocial user id']],
    [`/jing status ${ACT} u<1> --signin 1`, ['<user_id>', 'is not a valid Jingsocial user id']],
    [`/jing status ${ACT} u1 --signin 1 --bogus`, ['--bogus', 'is not an option of this command']],
    [`/jing status "et bad!" u1 --signin 1`, ['<activity>', '“et bad!” is not an activity id']],
  ];
  it.each(cases)('%s', async (line, expected) => {
    const text = lastText(await h.say(line));
    for (const e of expected) expect(text).toContain(e);
    expect(text).toContain('Example:');
    expect(calls()).toBe(0);
  });

  it('shows a usage line that says a status is needed', async () => {
    const text = lastText(await h.say(`/jing status ${ACT} u1`));
    expect(text).toContain('Usage: `/jing status <activity> <user_id…> (--signin 0|1 and/or --approve 0|1|2) [--signin-time <time>] [--approve-time <time>]`');
  });

  it('explains the problem in Chinese too', async () => {
    const text = lastText(await h.say(`/jing status ${ACT} u1 --signin 5`), 'zh_cn');
    expect(text).toContain('只能是 0（未签到）或 1（已签到）');
    expect(lastText(await h.say(`/jing status ${ACT} u1 --approve 9`), 'zh_cn')).toContain('只能是 0（待审核）、1（已通过）或 2（已拒绝），收到 “9”');
    expect(lastText(await h.say(`/jing status ${ACT} u1 --signin 1 --signin-time 9:30`), 'zh_cn')).toContain('“9:30” 不是有效时间');
  });
});

describe('/jing status runs', () => {
  it('sends 250 users in 3 calls (100, 100, 50) with "now" as the default time in BOT_TIMEZONE', async () => {
    const before = Date.now();
    const sent = await h.say(`/jing status ${ACT} ${users(250).join(' ')} --signin 1`);
    expect(calls()).toBe(3);
    expect(jing.requests.map((r) => (r.user_ids as string[]).length).sort()).toEqual([100, 100, 50]);
    const r = jing.requests[0] as Record<string, unknown>;
    expect(r).toMatchObject({ entity_uuid: ACT, ems_signinstatus: '1' });
    expect(r).not.toHaveProperty('ems_approvestatus');
    const shanghai = new Date(before + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(String(r.ems_signintimestamp)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(String(r.ems_signintimestamp).slice(0, 16)).toBe(shanghai);
    const text = lastText(sent);
    expect(text).toContain('**250**\nupdated');
    expect(text).toContain('**0**\nnot updated');
  });

  it('sets "now" in BOT_TIMEZONE as the approval time when --approve comes without a time', async () => {
    const before = Date.now();
    await h.say(`/jing status ${ACT} u1 --approve 1`);
    const r = jing.requests[0] as Record<string, unknown>;
    expect(r).toMatchObject({ ems_approvestatus: '1' });
    expect(r).not.toHaveProperty('ems_signinstatus');
    expect(r).not.toHaveProperty('ems_signintimestamp');
    const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(String(r.ems_approvetimestamp) >= shanghai(before - 1000) && String(r.ems_approvetimestamp) <= shanghai(Date.now())).toBe(true);
  });

  it('sends the given times as YYYY-MM-DD HH:mm:ss and both statuses', async () => {
    await h.say(`/jing status ${ACT} u1,u2 --signin 0 --signin-time "2025-09-01 09:30" --approve 2 --approve-time "2025-09-02 18:00:05"`);
    expect(jing.requests).toEqual([expect.objectContaining({
      user_ids: ['u1', 'u2'], ems_signinstatus: '0', ems_signintimestamp: '2025-09-01 09:30:00', ems_approvestatus: '2', ems_approvetimestamp: '2025-09-02 18:00:05',
    })]);
  });

  it('reports users absent from the answer as not updated, and retries only those, once', async () => {
    jing.absentUsers.add('u0005').add('u0120');
    const sent = await h.say(`/jing status ${ACT} ${users(150).join(' ')} gone1 --approve 1`);
    const text = lastText(sent);
    expect(text).toContain('**148**\nupdated');
    expect(text).toContain('Jingsocial activity status: some users not updated');
    expect(text).toContain("Not updated: 3 (absent from Jingsocial's answer)");
    for (const id of ['u0005', 'u0120', 'gone1']) expect(text).toContain(id);
    const approveTime = jing.requests[0]?.ems_approvetimestamp;

    jing.absentUsers.clear();
    jing.requests.length = 0;
    const retry = button(sent, 'Retry not updated');
    const res = await h.click(retry, { messageId: replyId(sent) });
    expect(jing.requests).toHaveLength(1);
    expect(jing.requests[0]).toMatchObject({ user_ids: ['u0005', 'u0120', 'gone1'], ems_approvestatus: '1', ems_approvetimestamp: approveTime });
    const after = callbackText(res);
    expect(after).toContain('This retry re-sent 3 users.');
    expect(after).toContain('**150**\nupdated');
    expect(after).toContain('Not updated: 1');
    expect(toastText(res)).toContain('1 still not updated');
    expect(callbackButtons(res)['Retry not updated']).toBeDefined();

    const again = await h.click(retry, { messageId: replyId(sent) });
    expect(toastText(again)).toContain('Already done');
    expect(jing.requests).toHaveLength(1);
  });

  it('Retry runs as a job on the card clicked: progress there, then the merged result; the job is kept and finished', async () => {
    jing.absentUsers.add('u0002').add('u0150');
    const sent = await h.say(`/jing status ${ACT} ${users(150).join(' ')} --signin 1`);
    jing.absentUsers.clear();
    const messageId = replyId(sent);
    const before = h.emulator.state.cards().length;
    const res = await h.click(button(sent, 'Retry not updated'), { messageId });
    await h.idle();
    const onCard = h.emulator.state.cards().slice(before).filter((c) => c.message_id === messageId).map((c) => cardText(c));
    expect(onCard[0]).toContain('Jingsocial: retrying the users not updated');
    expect(onCard.at(-1)).toContain('**150**\nupdated');
    expect(callbackText(res)).toContain('This retry re-sent 2 users.');
    const { store } = h.bot.services;
    const retryJobs = (await store.list<Job>('job', 10_000)).map((e) => e.value).filter((j) => j.kind === 'jing.retry');
    const job = retryJobs.find((j) => (j.input as { retry: { keys: string[] } }).retry.keys.join() === 'u0002,u0150');
    expect(job).toMatchObject({ state: 'done', messageId, meta: { retried: 2, retries: 1 }, input: { activity: ACT, retry: { round: 1 } } });
    expect(job?.results).toHaveLength(150);
    expect(await store.get('active', job!.id)).toBeUndefined();
    expect(await store.get('chunk', `${job!.id}:0`)).toBeUndefined();
  });

  it('two admins clicking Retry at the same moment re-send once; the clicked card shows the retry', async () => {
    jing.absentUsers.add('u2');
    const sent = await h.say(`/jing status ${ACT} u1 u2 u3 --signin 1`);
    jing.absentUsers.clear();
    jing.requests.length = 0;
    h.emulator.state.latencyMs = 40; // the first retry is still running when the second click lands
    try {
      const answers = await clickTogether(h, button(sent, 'Retry not updated'), replyId(sent), ADMIN);
      expect(jing.requests).toHaveLength(1);
      expect(jing.requests[0]?.user_ids).toEqual(['u2']);
      const withCard = answers.filter((r) => callbackText(r) !== '');
      expect(withCard).toHaveLength(1);
      expect(callbackText(withCard[0] as (typeof answers)[number])).toContain('This retry re-sent 1 users.');
      expect(callbackText(withCard[0] as (typeof answers)[number])).toContain('**3**\nupdated');
      const toasts = answers.map(toastText);
      expect(toasts.filter((x) => x === 'Retry done: everyone is updated')).toHaveLength(1);
      // Usually "running" (40 ms of latency keeps the first retry busy); "done" if a loaded machine delays the second click.
      expect(toasts.find((x) => x !== 'Retry done: everyone is updated')).toMatch(/^(Already running \(perhaps someone else clicked\); please wait|Already done; it will not run twice)$/);
    } finally {
      h.emulator.state.latencyMs = 0;
    }
  });

  it('shows a failed call (code != 0 under HTTP 200) per user, and exports a CSV', async () => {
    const sent = await h.say('/jing status etUnknownActivity u1 u2 --signin 1');
    const text = lastText(sent);
    expect(text).toContain('**2**\ncall failed');
    expect(text).toContain('40400');
    expect(text).toContain('activity not found');
    expect(text).toContain('Jingsocial activity status: nobody was updated');
    // Grouped by error, in the reader's language.
    expect(text).toMatch(/▸ ❌ \*\*2\*\* users · call failed · 40400: 活动不存在 \(activity not found\)/);
    expect(lastText(sent, 'zh_cn')).toMatch(/▸ ❌ \*\*2\*\* 人 · 调用失败 · 40400: 活动不存在 \(activity not found\)/);
    const res = await h.click(button(sent, 'Export CSV'), { messageId: replyId(sent), chatId: h.emulator.state.p2pChat(h.config.BOT_ADMINS[0] as string) });
    expect(toastText(res)).toContain('CSV sent');
    const file = h.emulator.state.outbox.at(-1)?.file;
    expect(file?.name).toMatch(/^jingsocial-status-\d{12}\.csv$/);
    const csv = file?.content.toString('utf8') ?? '';
    expect(csv).toContain('user_id,result,activity');
    expect(csv).toContain('u1,failed,etUnknownActivity,1,');
    expect(csv).toContain('40400');
  });

  it('offers Retry for calls that failed for a passing reason, never for a request Jingsocial refused', async () => {
    const refused = await h.say('/jing status etUnknownActivity u1 u2 --signin 1');
    expect(Object.keys(buttons(refused.at(-1)))).toEqual(['Export CSV']);
    h.emulator.state.injectFault({ api: JING_API.userStatus, status: 503, times: 10 });
    const passing = await h.say(`/jing status ${ACT} u1 u2 --signin 1`);
    expect(lastText(passing)).toContain('**2**\ncall failed');
    expect(Object.keys(buttons(passing.at(-1)))).toContain('Retry not updated');
    h.emulator.state.faults.length = 0;
  });

  it('refuses members, for the command and for the buttons', async () => {
    const text = lastText(await h.say(`/jing status ${ACT} u1 --signin 1`, { as: MEMBER }));
    expect(text).toContain('Not allowed');
    expect(calls()).toBe(0);
    jing.absentUsers.add('u1');
    const sent = await h.say(`/jing status ${ACT} u1 --signin 1`);
    jing.requests.length = 0;
    const res = await h.click(button(sent, 'Retry not updated'), { as: MEMBER, messageId: replyId(sent) });
    expect(toastText(res)).toContain('only bot admins');
    expect(jing.requests).toHaveLength(0);
  });
});

describe('/jing status without configuration', () => {
  it('names the environment variables to set', async () => {
    const bare = await startHarness({ overrides: { JINGSOCIAL_APP_ID: undefined, JINGSOCIAL_APP_SECRET: undefined } });
    try {
      const text = lastText(await bare.say(`/jing status ${ACT} u1 --signin 1`));
      expect(text).toContain('Jingsocial is not configured');
      expect(text).toContain('`JINGSOCIAL_APP_ID` · `JINGSOCIAL_APP_SECRET`');
    } finally {
      await bare.close();
    }
  });
});
