import { spawn, type ChildProcess } from 'node:child_process';
import { SANDBOX_APP_ID, sandboxConfig } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { freePort } from '../store/botProcess.js';

/**
 * `src/main.ts` in live mode as a real child process, every upstream pointed at an emulator that runs in
 * the test's own process: the emulator (and what the bot sent it) outlives a kill -9 of the bot.
 */
export interface LiveBot {
  child: ChildProcess;
  port: number;
  /** Log messages (`msg` of each JSON line) printed so far. */
  messages(): string[];
  output(): string;
  /** Exit code, once it has exited (null after a signal). */
  exited: Promise<number | null>;
  /** Posts an event to the webhook, signed and encrypted as Feishu does. */
  deliver(body: unknown): Promise<Response>;
  kill9(): Promise<void>;
  /** Sends `signal` (SIGTERM by default) unless it has exited already; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const startLiveEmulator = (): Promise<Emulator> => startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });

function liveEnv(emulator: Emulator, storeUrl: string, port: number): Record<string, string> {
  const c = sandboxConfig(emulator.url);
  return {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), LOG_LEVEL: 'info', STORE_URL: storeUrl,
    FEISHU_APP_ID: c.FEISHU_APP_ID, FEISHU_APP_SECRET: c.FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN: c.FEISHU_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: c.FEISHU_ENCRYPT_KEY as string, FEISHU_BASE_URL: c.FEISHU_BASE_URL, BOT_ADMINS: c.BOT_ADMINS.join(','),
    JINGSOCIAL_BASE_URL: c.JINGSOCIAL_BASE_URL as string, JINGSOCIAL_APP_ID: c.JINGSOCIAL_APP_ID as string, JINGSOCIAL_APP_SECRET: c.JINGSOCIAL_APP_SECRET as string,
  };
}

export async function startLiveBot(emulator: Emulator, storeUrl: string): Promise<LiveBot> {
  const config = sandboxConfig(emulator.url);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: liveEnv(emulator, storeUrl, port), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the bot did not start:\n${out}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await sleep(50);
  }
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child, port, exited,
    output: () => out,
    messages: () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg?: string }).msg ?? ''),
    deliver(body) {
      const { raw, headers } = seal(body, config.FEISHU_ENCRYPT_KEY as string);
      return fetch(`${base}/webhook/event`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: raw });
    },
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop(signal = 'SIGTERM') {
      if (!gone()) child.kill(signal);
      return exited;
    },
  };
}

/** A text message from `openId` in its direct chat, made in the emulator, as the event Feishu would push. */
export function directMessage(emulator: Emulator, openId: string, text: string) {
  const config = sandboxConfig(emulator.url);
  const chatId = emulator.state.p2pChat(openId);
  const msg = emulator.state.userMessage(openId, chatId, text);
  const body = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: openId, text }, { token: config.FEISHU_VERIFICATION_TOKEN });
  return { body, messageId: msg.message_id, chatId };
}

/** How many replies each message got, and the replies' parents in the order they arrived. */
export function replies(emulator: Emulator): { count: Map<string, number>; order: string[] } {
  const order = emulator.state.outbox
    .filter((r) => r.api === 'im.message.reply')
    .map((r) => emulator.state.messages.get(r.message_id!)?.parent_id ?? '?');
  const count = new Map<string, number>();
  for (const p of order) count.set(p, (count.get(p) ?? 0) + 1);
  return { count, order };
}
