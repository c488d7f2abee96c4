import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_APP_ID } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { SANDBOX_ADMIN, SANDBOX_MEMBER } from '../../src/sandbox/state.js';
import { eventually } from '../store/botProcess.js';
import { directMessage, replies, startLiveBot, type LiveBot } from './liveBot.js';

// Real processes killed with SIGKILL mid-work and started again on the same store, against an emulator
// that lives in the test's process (so every reply the bot ever sent is counted, across the kill).
const PEOPLE = [SANDBOX_ADMIN, SANDBOX_MEMBER, 'ou_user00000000000000000000000001'];
let emulator: Emulator;
const bots: LiveBot[] = [];
const dirs: string[] = [];
beforeEach(async () => {
  emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
});
afterEach(async () => {
  for (const b of bots.splice(0)) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
  await emulator.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sqliteUrl = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-inbox-proc-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'bot.sqlite')}`;
};

async function start(storeUrl: string): Promise<LiveBot> {
  const bot = await startLiveBot(emulator, storeUrl);
  bots.push(bot);
  return bot;
}

/** Delivers `n` /help messages, round robin over three people's direct chats; returns them per chat, in order. */
async function burst(bot: LiveBot, n: number): Promise<Map<string, string[]>> {
  const perChat = new Map<string, string[]>();
  const sent = Array.from({ length: n }, (_, i) => directMessage(emulator, PEOPLE[i % PEOPLE.length]!, i % 2 ? '/help' : '/help status'));
  for (const m of sent) perChat.set(m.chatId, [...(perChat.get(m.chatId) ?? []), m.messageId]);
  const answers = await Promise.all(sent.map((m) => bot.deliver(m.body)));
  expect(answers.map((r) => r.status)).toEqual(sent.map(() => 200));
  return perChat;
}

const stallReplies = () => emulator.state.injectFault({ api: 'im.message.reply', status: 0, stall: true, times: 1000 });
const unstall = () => emulator.state.faults.splice(0);
const settle = () => new Promise((r) => setTimeout(r, 1500));

describe('kill -9 with events answered 200 but not done, on a SQLite store', () => {
  it('processes an event acked just before the kill after the restart: its reply arrives exactly once', async () => {
    const url = sqliteUrl();
    const before = await start(url);
    stallReplies();
    const m = directMessage(emulator, SANDBOX_ADMIN, '/help');
    expect((await before.deliver(m.body)).status).toBe(200);
    await eventually(async () => emulator.state.calls.get('im.message.reply') ?? 0, (n) => n >= 1, 'the reply to be on its way');
    await before.kill9();
    unstall();
    expect(replies(emulator).count.get(m.messageId)).toBeUndefined();
    const after = await start(url);
    await eventually(async () => replies(emulator).count.get(m.messageId) ?? 0, (n) => n >= 1, 'the replayed reply');
    await settle();
    expect(replies(emulator).count.get(m.messageId)).toBe(1);
    expect(after.messages()).toContain('inbox: replaying events left unfinished by a stopped process');
    await after.stop();
  }, 90_000);

  it('answers every message of a burst exactly once after a kill -9 mid-way, each chat in order', async () => {
    const url = sqliteUrl();
    const before = await start(url);
    emulator.state.latencyMs = 60;
    const perChat = await burst(before, 24);
    await eventually(async () => replies(emulator).order.length, (n) => n >= 3, 'the first replies');
    await before.kill9();
    const answeredBefore = replies(emulator).order.length;
    expect(answeredBefore).toBeLessThan(24);
    emulator.state.latencyMs = 0;
    const after = await start(url);
    const all = [...perChat.values()].flat();
    await eventually(async () => replies(emulator).count, (c) => all.every((id) => c.has(id)), 'every message to be answered', 30_000);
    await settle();
    const { count, order } = replies(emulator);
    expect(all.filter((id) => count.get(id) !== 1)).toEqual([]);
    for (const ids of perChat.values()) expect(order.filter((p) => ids.includes(p))).toEqual(ids);
    await after.stop();
  }, 120_000);

  it('replays each unfinished event once when two bots start on the same file at the same time', async () => {
    const url = sqliteUrl();
    const before = await start(url);
    stallReplies();
    const perChat = await burst(before, 6);
    await eventually(async () => emulator.state.calls.get('im.message.reply') ?? 0, (n) => n >= PEOPLE.length, 'one stalled reply per chat');
    await before.kill9();
    unstall();
    const [a, b] = await Promise.all([start(url), start(url)]);
    const all = [...perChat.values()].flat();
    await eventually(async () => replies(emulator).count, (c) => all.every((id) => c.has(id)), 'every message to be answered', 30_000);
    await settle();
    const { count, order } = replies(emulator);
    expect(all.filter((id) => count.get(id) !== 1)).toEqual([]);
    for (const ids of perChat.values()) expect(order.filter((p) => ids.includes(p))).toEqual(ids);
    // Each command ran in one of the two, never in both (a second run would repeat a reply's uuid, which
    // the emulator would take as the same message: count the runs instead).
    const runs = [a, b].map((bot) => bot.messages().filter((msg) => msg === 'command received').length);
    expect(runs[0]! + runs[1]!).toBe(6);
    await Promise.all([a.stop(), b.stop()]);
  }, 120_000);
});

describe('the same kill -9 on STORE_URL=memory: (the control)', () => {
  it('loses the events answered 200 but not done: after the restart some messages never get a reply', async () => {
    const before = await start('memory:');
    emulator.state.latencyMs = 60;
    const perChat = await burst(before, 24);
    await eventually(async () => replies(emulator).order.length, (n) => n >= 3, 'the first replies');
    await before.kill9();
    emulator.state.latencyMs = 0;
    const after = await start('memory:');
    await settle();
    const { count } = replies(emulator);
    const unanswered = [...perChat.values()].flat().filter((id) => !count.has(id));
    expect(unanswered.length).toBeGreaterThan(0);
    expect(after.messages()).not.toContain('inbox: replaying events left unfinished by a stopped process');
    await after.stop();
  }, 90_000);
});
