import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observe/log.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { Feishu } from '../../src/upstream/feishu.js';
import { UpstreamError } from '../../src/upstream/errors.js';
import { TenantToken } from '../../src/upstream/tenantToken.js';
import { realClock } from '../../src/upstream/rateLimiter.js';
import { memoryLogger } from '../helpers/memoryLog.js';
import { infoCard } from '../../src/cards-kit/common.js';
import { t } from '../../src/cards-kit/i18n.js';
import { SANDBOX_MEMBER } from '../../src/sandbox/state.js';
import { FAST_RETRY } from '../helpers/harness.js';

const APP = { appId: 'cli_sandbox0000000001', appSecret: 'sandbox-secret' };
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ ...APP, latencyMs: 5 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.state.faults.length = 0;
});

const calls = (api: string) => emu.state.calls.get(api) ?? 0;
const client = (extra: Partial<ConstructorParameters<typeof Feishu>[0]> = {}) =>
  new Feishu({ ...APP, baseUrl: emu.url, log: silentLogger, retry: FAST_RETRY, ...extra });

describe('Feishu wrapper', () => {
  it('refreshes the tenant token once when many calls are refused together (no thundering herd)', async () => {
    const feishu = client();
    await feishu.botOpenId();
    emu.state.tokens.clear(); // the token every call holds is now refused with 99991663
    const before = calls('auth.tenant_access_token');
    const ids = await Promise.all(Array.from({ length: 12 }, () => feishu.botOpenId()));
    expect(new Set(ids).size).toBe(1);
    expect(calls('auth.tenant_access_token') - before).toBe(1);
  });

  it('a late refusal of the old token does not throw the new one away', async () => {
    let issued = 0;
    const sdk = { auth: { tenantAccessToken: { internal: async () => ({ tenant_access_token: `t-token${++issued}`, expire: 7200 }) } } };
    const token = new TenantToken(async () => sdk as never, 'a', 'b', realClock, (fn) => fn());
    const old = await token.get();
    token.invalidate(old); // the first refused call
    const fresh = await token.get();
    token.invalidate(old); // a second call refused with the old token, answered later
    expect(await token.get()).toBe(fresh);
    expect(issued).toBe(2);
    token.invalidate(fresh);
    expect(await token.get()).toBe('t-token3');
  });

  it('applies the request timeout to a call that never gets an answer, and retries within the budget', async () => {
    const feishu = client({ timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    await feishu.botOpenId();
    emu.state.injectFault({ api: 'bot.info', status: 0, stall: true, times: 2 });
    const before = calls('bot.info');
    const started = Date.now();
    const err = await feishu.botOpenId().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).msg).toBe('request timed out');
    expect(calls('bot.info') - before).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('a stalled call that times out once is retried and lands', async () => {
    const feishu = client({ timeoutMs: 150 });
    emu.state.injectFault({ api: 'bot.info', status: 0, stall: true });
    await expect(feishu.botOpenId()).resolves.toMatch(/^ou_/);
  });

  it('does not sit out a server-requested wait longer than the budget', async () => {
    // The waits the wrapper asks its clock for, rather than a wall-clock bound a busy machine could break.
    const slept: number[] = [];
    const clock = { now: realClock.now, sleep: (ms: number) => (slept.push(ms), realClock.sleep(ms)) };
    const feishu = client({ clock, retry: { ...FAST_RETRY, maxServerWaitMs: 2000 } });
    await feishu.botOpenId();
    emu.state.injectFault({ api: 'bot.info', status: 429, body: { code: 99991400, msg: 'limit' }, headers: { 'x-ogw-ratelimit-reset': '3600' } });
    slept.length = 0;
    const err = (await feishu.botOpenId().catch((e: unknown) => e)) as UpstreamError;
    expect(err.code).toBe(99991400);
    expect(slept).toEqual([]); // failed at once: no part of the hour sat out
  });

  let nextReceiver = 20;
  // feishu-apis.md §2: 99991400 (platform), 230020 (IM) and the older IM codes 11232/11233/11247 all mean
  // "slow down", some of them under HTTP 400: each must be retried, not shown to the user.
  it.each([99991400, 230020, 11232, 11233, 11247])('retries a send throttled with code %i under HTTP 400 and delivers it', async (code) => {
    const feishu = client();
    // A receiver of its own, so that the emulator's 5 sends/s per receiver never counts another test's sends.
    const receiver = `ou_user${String(nextReceiver++).padStart(26, '0')}`;
    await feishu.botOpenId();
    const card = infoCard(t('测试', 'Test'), [t('内容', 'body')]);
    emu.state.injectFault({ api: 'im.message.create', status: 400, body: { code, msg: 'request trigger frequency limit' }, times: 2 });
    const before = calls('im.message.create');
    const sentBefore = emu.state.outbox.length;
    await feishu.sendCard({ type: 'open_id', id: receiver }, card, `throttled-${code}`);
    expect(calls('im.message.create') - before).toBe(3);
    expect(emu.state.outbox.length - sentBefore).toBe(1);
  });

  it('logs failures and retries at warn/error without the tenant token', async () => {
    const logs = memoryLogger('trace');
    const feishu = client({ log: logs.log });
    await feishu.botOpenId();
    const tokens = [...emu.state.tokens.keys()];
    emu.state.injectFault({ api: 'bot.info', status: 500, body: { code: 1, msg: 'down' }, times: FAST_RETRY.attempts });
    const err = await feishu.botOpenId().catch((e: unknown) => e);
    logs.log.error({ err }, 'bot info failed');
    emu.state.injectFault({ api: 'bot.info', status: 0, hangUp: true });
    await feishu.botOpenId();
    const loud = logs.lines().filter((l) => (l.level as number) >= 40);
    expect(loud.length).toBeGreaterThan(3);
    const text = logs.text();
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(text).not.toContain(t);
    expect(text).not.toMatch(/Bearer|\bt-[0-9a-z]{4,}/i);
  });

  it('paces private sends and replies in the same direct chat under one key (no 230020 retries)', async () => {
    const feishu = client();
    const card = infoCard(t('测试', 'Test'), [t('内容', 'body')]);
    const chat = emu.state.p2pChat(SANDBOX_MEMBER);
    await feishu.sendCard({ type: 'open_id', id: SANDBOX_MEMBER }, card, 'pace-learn'); // learns the p2p chat
    await new Promise((r) => setTimeout(r, 1300));
    const parent = emu.state.userMessage(SANDBOX_MEMBER, chat, 'hi');
    const before = calls('im.message.create') + calls('im.message.reply');
    await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => feishu.sendCard({ type: 'open_id', id: SANDBOX_MEMBER }, card, `pace-send-${i}`)),
      ...Array.from({ length: 4 }, (_, i) => feishu.replyCard(parent.message_id, card, `pace-reply-${i}`, chat)),
    ]);
    expect(calls('im.message.create') + calls('im.message.reply') - before).toBe(8);
  });
});
