import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { messageEvent } from '../../src/sandbox/feishu/events.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { RedisStore } from '../../src/store/redisStore.js';
import type { Store } from '../../src/store/store.js';
import { overrideLimit } from '../../src/upstream/limits.js';
import { acsData } from '../../src/sandbox/feishu/acs/routes.js';
import { ADMIN, buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, calls, world } from '../status/helpers.js';

// Two instances of the bot as two in-process apps (no restart is the point here), each with its own Redis
// client on one shared Redis, in front of one emulator: what Feishu sees of a horizontally scaled bot.
const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function twoInstances(stores: () => Promise<Store>): Promise<[Harness, Harness]> {
  const a = await startHarness({ store: await stores(), latencyMs: 5 });
  const b = await startHarness({ store: await stores(), emulator: a.emulator });
  cleanups.push(async () => {
    await a.close();
    await b.close();
    await a.bot.services.store.close();
    await b.bot.services.store.close();
  });
  return [a, b];
}

function sharedRedis(): () => Promise<Store> {
  const prefix = `test:${randomUUID()}:`;
  return () => RedisStore.open({ url: redisUrl as string, prefix, sweepEveryMs: 0 });
}

const replies = (h: Harness) => h.emulator.state.outbox.filter((r) => r.api === 'im.message.reply');

describe.skipIf(!redisUrl)('two instances on one Redis', () => {
  it('take an event delivered to both once: one reply', async () => {
    const [a, b] = await twoInstances(sharedRedis());
    const chatId = a.emulator.state.p2pChat(ADMIN);
    const msg = a.emulator.state.userMessage(ADMIN, chatId, '/help');
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: a.config.FEISHU_VERIFICATION_TOKEN });
    const answers = await Promise.all([a.post(event), b.post(event), a.post(event), b.post(event)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await Promise.all([a.idle(), b.idle()]);
    expect(replies(a)).toHaveLength(1);
  });

  it('run one batch when Confirm is clicked on both; a button drawn by one works on the other', async () => {
    const [a, b] = await twoInstances(sharedRedis());
    const people = addPeople(a, 250, 'ou_both');
    const [preview] = await a.say(`/status open 出差 ${people.join(' ')}`);
    const confirm = buttons(preview)['Confirm (250 people)'];
    const where = { messageId: preview!.message_id, chatId: preview!.chat_id };
    const clicks = await Promise.all([a.click(confirm, where), b.click(confirm, where)]);
    await Promise.all([a.idle(), b.idle()]);
    const toasts = clicks.map((c) => String(c.body.toast?.content));
    expect(calls(a, 'batch_open')).toBe(5);
    expect(toasts.filter((t) => t === 'Done')).toHaveLength(1);
    expect(toasts.filter((t) => t !== 'Done')[0]).toMatch(/Already done|running/i);

    // The result card was drawn by the instance that ran the batch: its Undo works on the other one, once.
    const [ran, other] = toasts[0] === 'Done' ? [a, b] : [b, a];
    const result = [...a.emulator.state.cards()].reverse().find((r) => 'Undo (250)' in buttons(r));
    const undo = buttons(result)['Undo (250)'];
    const on = { messageId: result!.message_id, chatId: result!.chat_id };
    expect(String((await other.click(undo, on)).body.toast?.content)).toContain('250 succeeded');
    expect(String((await ran.click(undo, on)).body.toast?.content)).toContain('Already done');
    expect(calls(a, 'batch_close')).toBe(5);
  });
});

describe.skipIf(!redisUrl)('a job that breaks on the other instance', () => {
  it('is answered on the instance that took the command with the error the other one showed', async () => {
    const [a, b] = await twoInstances(sharedRedis());
    acsData(a.emulator.state);
    await b.bot.resume(); // b takes jobs from the queue (main.ts starts this at start-up)
    // a is stopping: its worker hands the walk back at once, and b runs it, into the upstream's refusal.
    a.bot.services.jobs.stop();
    a.emulator.state.injectFault({ api: 'acs.user.list', status: 400, body: { code: 99991672, msg: 'Access denied. One of the following scopes is required: [acs:users]' } });
    const sent = await a.say('/acs users --all');
    await Promise.all([a.idle(), b.idle()]);
    const shown = a.emulator.state.cards().filter((c) => c.message_id === sent[0]!.message_id);
    expect(cardText(shown.at(-1))).toContain('99991672');
    expect(cardText(shown.at(-1))).toContain('acs:users');
    expect(shown.some((c) => /went wrong|出错/i.test(cardText(c)))).toBe(false);
    expect(await b.bot.metrics.text()).toContain('opsbot_job_runs_total{how="resumed"} 1');
  });
});

describe.skipIf(!redisUrl)('two instances running batches at once', () => {
  const API = 'personal_settings.system_status.batch_open';
  // The documented "1000/min and 50/s" shape, scaled down (as in test/status/rate.test.ts) for a short test.
  const SHORT = { limit: 4, windowMs: 250 };
  const LONG = { limit: 10, windowMs: 800 };
  const maxIn = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

  async function bothRun(stores: () => Promise<Store>): Promise<{ limited: number; times: number[] }> {
    overrideLimit(API, { chunkSize: 5, windows: [LONG, SHORT] });
    cleanups.push(async () => overrideLimit(API, undefined));
    const [a, b] = await twoInstances(stores);
    a.emulator.state.rateOverrides.set(API, [LONG, SHORT]);
    const [pa, pb] = [addPeople(a, 60, 'ou_runa'), addPeople(a, 60, 'ou_runb')];
    await Promise.all([a.say(`/status open 出差 ${pa.join(' ')}`), b.say(`/status open 出差 ${pb.join(' ')}`, { group: true })]);
    expect(calls(a, 'batch_open')).toBeGreaterThanOrEqual(24);
    return { limited: a.emulator.state.rateLimited.get(API) ?? 0, times: world(a).callTimes };
  }

  it('stay together under the platform limits: not one 429 from the emulator', async () => {
    const { limited, times } = await bothRun(sharedRedis());
    expect(limited).toBe(0);
    expect(maxIn(times, SHORT.windowMs)).toBeLessThanOrEqual(SHORT.limit);
    expect(maxIn(times, LONG.windowMs)).toBeLessThanOrEqual(LONG.limit);
  }, 30_000);

  it('(the same two instances, each pacing itself alone, are answered 429: the check above can fail)', async () => {
    const { limited } = await bothRun(async () => new MemoryStore());
    expect(limited).toBeGreaterThan(0);
  }, 30_000);
});
