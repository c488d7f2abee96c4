import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { SANDBOX_APP_ID, sandboxConfig } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { SANDBOX_ADMIN } from '../../src/sandbox/state.js';
import { freePort, startRedisServer, type RedisServer } from '../helpers/realServices.js';

// Two real bot processes (`src/main.ts` in live mode) in front of one emulator started here, on one
// private Redis that the test stops and starts again: the wiring of main.ts, not only of the app.
const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Bot { base: string; child: ChildProcess; output: () => string }

async function startBot(emulator: Emulator, storeUrl: string): Promise<Bot> {
  const port = await freePort();
  const config = sandboxConfig(emulator.url);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'info', STORE_URL: storeUrl,
      FEISHU_APP_ID: SANDBOX_APP_ID, FEISHU_APP_SECRET: config.FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN: config.FEISHU_VERIFICATION_TOKEN,
      FEISHU_ENCRYPT_KEY: config.FEISHU_ENCRYPT_KEY, FEISHU_BASE_URL: emulator.url, BOT_ADMINS: SANDBOX_ADMIN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  cleanups.push(() => void child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!(await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false))) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the bot did not start:\n${out}`);
    await sleep(100);
  }
  return { base, child, output: () => out };
}

function deliver(bot: Bot, emulator: Emulator, body: unknown): Promise<Response> {
  const { raw, headers } = seal(body, sandboxConfig(emulator.url).FEISHU_ENCRYPT_KEY as string);
  return fetch(`${bot.base}/webhook/event`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: raw });
}

function helpEvent(emulator: Emulator) {
  const chatId = emulator.state.p2pChat(SANDBOX_ADMIN);
  const msg = emulator.state.userMessage(SANDBOX_ADMIN, chatId, '/help');
  return messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: SANDBOX_ADMIN, text: '/help' }, { token: sandboxConfig(emulator.url).FEISHU_VERIFICATION_TOKEN });
}

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await cond())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const replies = (emulator: Emulator) => emulator.state.outbox.filter((r) => r.api === 'im.message.reply').length;

describe.skipIf(!redisUrl)('two bot processes on one Redis', () => {
  it('answer an event delivered to both once; when Redis stops they answer 503, and once it is back the re-delivery is run', async () => {
    const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
    cleanups.push(() => emulator.close());
    const redis: RedisServer = await startRedisServer();
    cleanups.push(() => redis.stop());
    const [a, b] = await Promise.all([startBot(emulator, redis.url), startBot(emulator, redis.url)]);
    const health = (await fetch(`${a.base}/healthz`).then((r) => r.json())) as { store: unknown };
    expect(health.store).toEqual({ backend: 'redis', ok: true, detail: `${redis.url}/0` });

    const first = helpEvent(emulator);
    expect((await Promise.all([deliver(a, emulator, first), deliver(b, emulator, first)])).map((r) => r.status)).toEqual([200, 200]);
    await until(() => replies(emulator) === 1, 'the reply');
    await sleep(300);
    expect(replies(emulator)).toBe(1);

    await redis.stop();
    const second = helpEvent(emulator);
    expect((await deliver(a, emulator, second)).status).toBe(503);
    expect((await deliver(b, emulator, second)).status).toBe(503);
    expect((await fetch(`${b.base}/readyz`)).status).toBe(503);
    await until(() => a.output().includes('the store is unreachable'), 'the log line');

    await redis.restart();
    await until(async () => (await fetch(`${a.base}/readyz`)).ok && (await fetch(`${b.base}/readyz`)).ok, 'both ready again');
    expect(a.output()).toContain('the store is reachable again');
    expect((await Promise.all([deliver(b, emulator, second), deliver(a, emulator, second)])).map((r) => r.status)).toEqual([200, 200]);
    await until(() => replies(emulator) === 2, 'the reply to the re-delivered event');
    await sleep(300);
    expect(replies(emulator)).toBe(2);
  }, 90_000);
});
