import { spawn, type ChildProcess } from 'node:child_process';
import { sandboxConfig } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { cardActionEvent, messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_GROUP, type Recorded } from '../../src/sandbox/state.js';
import { freePort } from '../store/botProcess.js';
import { SANDBOX_APP_ID } from '../../src/config.js';

/**
 * The bot as a real child process in live mode, pointed at an emulator that runs in the test process: the
 * emulator (and what it applied) outlives the bot, so that a kill -9 and a restart can be checked against it.
 */
export interface LiveBot {
  child: ChildProcess;
  port: number;
  output(): string;
  messages(): string[];
  /** Exit code, once it has exited (null after a signal). */
  exited: Promise<number | null>;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const startLiveEmulator = (): Promise<Emulator> => startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });

function liveEnv(emulator: Emulator, storeUrl: string, port: number): Record<string, string> {
  const c = sandboxConfig(emulator.url);
  return {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), LOG_LEVEL: 'info', STORE_URL: storeUrl,
    FEISHU_APP_ID: c.FEISHU_APP_ID, FEISHU_APP_SECRET: c.FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN: c.FEISHU_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: c.FEISHU_ENCRYPT_KEY as string, FEISHU_BASE_URL: c.FEISHU_BASE_URL, BOT_ADMINS: c.BOT_ADMINS.join(','),
  };
}

export async function startLiveBot(emulator: Emulator, storeUrl: string): Promise<LiveBot> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: liveEnv(emulator, storeUrl, port), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the bot did not start:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(100);
  }
  return {
    child, port, exited,
    output: () => out,
    messages: () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg?: string }).msg ?? ''),
    async stop(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

/** Delivers an event to one bot, signed and encrypted as Feishu does. */
export async function deliver(bot: LiveBot, body: unknown): Promise<Response> {
  const { raw, headers } = seal(body, sandboxConfig('').FEISHU_ENCRYPT_KEY as string);
  return fetch(`http://127.0.0.1:${bot.port}/webhook/event`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: raw });
}

const token = () => ({ token: sandboxConfig('').FEISHU_VERIFICATION_TOKEN });

/** The admin says `text` to the bot in the sandbox group (mentioning it). */
export async function sayInGroup(emulator: Emulator, bot: LiveBot, text: string): Promise<void> {
  const full = `@_user_1 ${text}`;
  const msg = emulator.state.userMessage(SANDBOX_ADMIN, SANDBOX_GROUP, full);
  const body = messageEvent({
    messageId: msg.message_id, chatId: SANDBOX_GROUP, chatType: 'group', senderOpenId: SANDBOX_ADMIN, text: full,
    mentions: [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }],
  }, token());
  const res = await deliver(bot, body);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

export async function clickOn(bot: LiveBot, value: unknown, card: Recorded): Promise<{ toast?: { content?: string } }> {
  const res = await deliver(bot, cardActionEvent({ operatorOpenId: SANDBOX_ADMIN, value, messageId: card.message_id, chatId: card.chat_id ?? SANDBOX_GROUP }, token()));
  return (await res.json()) as { toast?: { content?: string } };
}

/** Adds `n` people of the home tenant to the sandbox group; returns their open_ids. */
export function groupOf(emulator: Emulator, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `ou_resume${String(i).padStart(24, '0')}`);
  const group = emulator.state.chats.get(SANDBOX_GROUP)!;
  for (const id of ids) {
    emulator.state.users.set(id, { open_id: id, name: `P${i(id)}`, en_name: id, tenant: 'home' });
    if (!group.members.includes(id)) group.members.push(id);
  }
  return ids;
}
const i = (id: string) => id.slice(-4);

/** How many times the emulator set or cleared each person's status. */
export const applied = (emulator: Emulator): Map<string, number> => statusWorld(emulator.state).applied;

/** Waits for `cond` (polling), or fails naming `what`. */
export async function until<T>(read: () => T | Promise<T>, cond: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await read();
    if (cond(v)) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
