/**
 * Drives a production install (given as a directory holding dist/ and a runtime-only node_modules):
 * starts `node dist/main.js` there in live mode, its FEISHU_BASE_URL pointing at an emulator run from this
 * tree, waits for /healthz, sends a signed, encrypted /help, waits for the reply card, checks /readyz and
 * /metrics, then stops it with SIGTERM and expects a clean exit. Called by scripts/prod-check.sh.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { messageEvent, seal } from '../src/sandbox/feishu/events.js';
import { startEmulator } from '../src/sandbox/emulator.js';
import { SANDBOX_ADMIN } from '../src/sandbox/state.js';

const APP_ID = 'cli_prodcheck00000001';
const APP_SECRET = 'prod-check-secret';
const TOKEN = 'prod-check-verification-token';
const ENCRYPT_KEY = 'prod-check-encrypt-key';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: prodCheck.ts <directory of the production install>');
  const emulator = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET });
  const port = await freePort();
  const bot = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), LOG_LEVEL: 'warn',
    FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: APP_SECRET, FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_BASE_URL: emulator.url, BOT_ADMINS: SANDBOX_ADMIN,
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b));
  child.stderr.on('data', (b: Buffer) => (output += b));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  try {
    const health = await until('GET /healthz 200', 15_000, async () => {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}:\n${output}`);
      const res = await fetch(`${bot}/healthz`);
      return res.status === 200 ? ((await res.json()) as { mode: string; transport: { kind: string; state: string }; store: { backend: string; ok: boolean } }) : undefined;
    });
    const upMs = performance.now() - started;
    if (health.mode !== 'live') throw new Error(`expected live mode, /healthz says ${JSON.stringify(health)}`);
    console.log(`prod-check: live bot up in ${upMs.toFixed(0)} ms (${health.transport.kind} ${health.transport.state}, store ${health.store.backend}${health.store.ok ? '' : ' (not ok)'})`);

    const chatId = emulator.state.p2pChat(SANDBOX_ADMIN);
    const msg = emulator.state.userMessage(SANDBOX_ADMIN, chatId, '/help');
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: SANDBOX_ADMIN, text: '/help' }, { token: TOKEN, appId: APP_ID });
    const { raw, headers } = seal(event, ENCRYPT_KEY);
    const ack = await fetch(`${bot}/webhook/event`, { method: 'POST', headers, body: raw });
    if (ack.status !== 200) throw new Error(`the webhook answered ${ack.status}: ${await ack.text()}`);
    const reply = await until('the /help reply card', 10_000, async () => emulator.state.outbox.find((r) => r.card !== undefined && r.api === 'im.message.reply' && r.chat_id === chatId));
    console.log(`prod-check: /help answered with a card (${JSON.stringify(reply.card).length} bytes)`);

    const consolePage = await fetch(`${bot}/console`);
    if (consolePage.status !== 404) throw new Error(`/console answered ${consolePage.status} in live mode (the console is for sandbox mode only)`);
    for (const file of ['index.html', 'console.js', 'card/render.js']) {
      if (!existsSync(join(dir, 'dist', 'sandbox', 'console', 'static', file))) throw new Error(`the build left out the console's ${file}`);
    }

    const ready = await fetch(`${bot}/readyz`);
    if (ready.status !== 200) throw new Error(`/readyz answered ${ready.status}: ${await ready.text()}`);
    const metrics = await (await fetch(`${bot}/metrics`)).text();
    if (!/^opsbot_commands_total\{command="help",outcome="ok"\} 1$/m.test(metrics)) throw new Error('/metrics does not count the /help command');

    child.kill('SIGTERM');
    const [code, signal] = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit 10 s after SIGTERM')), 10_000))]);
    if (code !== 0) throw new Error(`the bot exited with code ${code} (signal ${signal}) after SIGTERM:\n${output}`);
    console.log('prod-check: SIGTERM → exit 0');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(`prod-check: FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
