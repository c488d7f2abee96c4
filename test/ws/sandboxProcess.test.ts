import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './until.js';

// `FEISHU_TRANSPORT=ws npm start` in sandbox mode, `npm run say` against it, and a SIGTERM: real processes.
const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

let bot: ChildProcess | undefined;
afterEach(() => {
  if (bot && bot.exitCode === null) bot.kill('SIGKILL');
  bot = undefined;
});

describe('sandbox mode over the long connection', () => {
  it('connects, answers `npm run say`, and on SIGTERM drains, closes the socket and exits 0', async () => {
    const port = await freePort();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), FEISHU_TRANSPORT: 'ws', LOG_LEVEL: 'info' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    bot = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const state = async () => {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json() as Promise<{ transport?: { state?: string } }>).catch(() => undefined);
      return health?.transport?.state;
    };
    let current: string | undefined;
    const started = Date.now();
    while (current !== 'connected') {
      if (Date.now() - started > 20_000) throw new Error(`the bot did not connect:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
      current = await state();
    }
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const say = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/say.ts', '--port', String(port), '/help'], { env, encoding: 'utf8', timeout: 40_000 });
    expect(say.stdout).toContain('long connection answered code 200');
    expect(say.stdout).toContain('Ops Bot commands');

    child.kill('SIGTERM');
    await until(() => child.exitCode !== null, 15_000, 'the bot to exit');
    expect(child.exitCode).toBe(0);
    const messages = out.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg?: string }).msg);
    const shutdownAt = messages.findIndex((m) => m?.startsWith('shutting down'));
    expect(shutdownAt).toBeGreaterThan(-1);
    expect(messages.indexOf('long connection stopped')).toBeGreaterThan(shutdownAt);
  }, 60_000);
});
