import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { sandboxConfig } from '../../src/config.js';
import { cardActionEvent, messageEvent, seal } from '../../src/sandbox/feishu/events.js';
import { SANDBOX_ADMIN, type Recorded } from '../../src/sandbox/state.js';

/** `npm start` in sandbox mode as a real child process, talked to over loopback like Feishu would. */
export interface BotProcess {
  child: ChildProcess;
  port: number;
  emulator: string;
  /** Everything the process printed. */
  output(): string;
  /** Log messages (`msg` of each JSON line) printed so far. */
  messages(): string[];
  /** Makes a user message in the emulator (and so the admin's direct chat, which a fresh emulator lacks), not delivered. */
  userMessage(text: string): Promise<{ message_id: string; chat_id: string }>;
  /** Makes a user message in the emulator and delivers its event; returns the event body (to deliver again). */
  say(text: string): Promise<{ body: unknown; messageId: string; chatId: string }>;
  /** Delivers an event body (signed and encrypted afresh, as a Feishu re-delivery is). */
  deliver(body: unknown): Promise<Response>;
  click(value: unknown, messageId: string, chatId: string): Promise<{ toast?: { content?: string } }>;
  outbox(): Promise<Recorded[]>;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

export const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  let emulator: string | undefined;
  const started = Date.now();
  while (!emulator) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the bot did not start:\n${out}`);
    await sleep(100);
    emulator = ((await fetch(`${base}/healthz`).then((r) => r.json()).catch(() => undefined)) as { emulator?: string } | undefined)?.emulator;
  }
  const config = sandboxConfig(emulator);
  const deliver = (body: unknown) => {
    const { raw, headers } = seal(body, config.FEISHU_ENCRYPT_KEY as string);
    return fetch(`${base}/webhook/event`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: raw });
  };
  const token = { token: config.FEISHU_VERIFICATION_TOKEN };
  const userMessage = async (text: string) => (await fetch(`${emulator}/_sandbox/user-message`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ open_id: SANDBOX_ADMIN, chat: 'p2p', text }),
  }).then((r) => r.json())) as { message_id: string; chat_id: string };
  return {
    userMessage,
    child, port, emulator,
    output: () => out,
    messages: () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg?: string }).msg ?? ''),
    async say(text) {
      const msg = await userMessage(text);
      const body = messageEvent({ messageId: msg.message_id, chatId: msg.chat_id, chatType: 'p2p', senderOpenId: SANDBOX_ADMIN, text }, token);
      const res = await deliver(body);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return { body, messageId: msg.message_id, chatId: msg.chat_id };
    },
    deliver,
    async click(value, messageId, chatId) {
      const res = await deliver(cardActionEvent({ operatorOpenId: SANDBOX_ADMIN, value, messageId, chatId }, token));
      return (await res.json()) as { toast?: { content?: string } };
    },
    outbox: async () => (await fetch(`${emulator}/_sandbox/outbox`).then((r) => r.json())) as Recorded[],
    async stop(signal) {
      child.kill(signal);
      const deadline = Date.now() + 15_000;
      while (child.exitCode === null && child.signalCode === null) {
        if (Date.now() > deadline) throw new Error(`the bot did not exit on ${signal}:\n${out}`);
        await sleep(20);
      }
      return child.exitCode;
    },
  };
}

/** Waits for `cond` to hold (polling), or fails naming `what`. */
export async function eventually<T>(read: () => T | Promise<T>, cond: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await read();
    if (cond(v)) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
