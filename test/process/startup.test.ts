import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** Real processes started the way `npm start` starts them (scripts/start.mjs), from any working directory. */
const ROOT = resolve(import.meta.dirname, '../..');
const START = join(ROOT, 'scripts', 'start.mjs');
const BASE_ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

const running: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Run {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b));
  child.stderr?.on('data', (b: Buffer) => (out += b));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => out, exit };
}

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function healthz(port: number): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function waitHealthy(port: number, run: Run): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`exited early (${run.child.exitCode}):\n${run.output()}`);
    const h = await healthz(port);
    if (h) return h;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no /healthz 200 on ${port}:\n${run.output()}`);
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ops-bot-proc-'));
  dirs.push(d);
  return d;
}

describe('start-up', () => {
  it('reads .env from the working directory, and the environment wins over it', async () => {
    const dir = tempDir();
    const [filePort, envPort] = [await freePort(), await freePort()];
    writeFileSync(join(dir, '.env'), [
      `PORT=${filePort}`,
      'FEISHU_APP_ID=cli_dotenv0000000001',
      'FEISHU_APP_SECRET="a secret from .env"',
      'FEISHU_VERIFICATION_TOKEN=token-from-dotenv',
      'FEISHU_BASE_URL=http://127.0.0.1:9',
      'BOT_ADMINS=ou_fromdotenv',
    ].join('\n'));
    const run = start(process.execPath, [START], { ...BASE_ENV, PORT: String(envPort), LOG_LEVEL: 'warn' }, dir);
    const health = await waitHealthy(envPort, run);
    expect(health).toMatchObject({ mode: 'live', transport: { kind: 'webhook', state: 'listening' }, store: { backend: 'sqlite', ok: true } });
    expect(await healthz(filePort)).toBeUndefined();
    // The console is a sandbox tool: live mode has none.
    expect((await fetch(`http://127.0.0.1:${envPort}/console`)).status).toBe(404);
    expect(run.output()).toMatch(/\.env +5 variable\(s\) read, 1 left as the environment set them/);
    expect(run.output()).not.toContain('a secret from .env');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 30_000);

  it('sandbox mode from the npm start bundle serves the console, its browser files and VChart, from any working directory', async () => {
    const port = await freePort();
    const run = start(process.execPath, [START], { ...BASE_ENV, PORT: String(port) }, tempDir());
    await waitHealthy(port, run);
    expect(run.output()).toContain(`Open the console in a browser: http://localhost:${port}/console`);
    for (const path of ['/console', '/console/static/console.js', '/console/static/card/render.js', '/console/vendor/vchart.js']) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status, path).toBe(200);
    }
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 30_000);

  it('stops with exit 1 on a partial live config, naming each missing variable and no secret', async () => {
    const env = { ...BASE_ENV, FEISHU_ENCRYPT_KEY: 'encrypt-key-do-not-print', FEISHU_APP_SECRET: 'app-secret-do-not-print' };
    const run = start(process.execPath, [START], env, tempDir());
    expect(await run.exit).toBe(1);
    const out = run.output();
    expect(out).toContain('Configuration is invalid');
    for (const name of ['FEISHU_APP_ID', 'FEISHU_VERIFICATION_TOKEN']) expect(out).toContain(`${name}: is required`);
    expect(out).toContain('BOT_ADMINS: needs at least one admin open_id');
    expect(out).not.toContain('FEISHU_APP_SECRET: ');
    expect(out).not.toContain('do-not-print');
    expect(out).not.toContain('SANDBOX');
  }, 30_000);

  it('stops with exit 1 and the reason when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(0, ok));
    const { port } = blocker.address() as { port: number };
    try {
      const run = start(process.execPath, [START], { ...BASE_ENV, PORT: String(port) }, tempDir());
      expect(await run.exit).toBe(1);
      expect(run.output()).toContain(`Ops Bot could not start: cannot listen: port ${port} is already in use (EADDRINUSE)`);
    } finally {
      blocker.close();
    }
  }, 30_000);
});

describe('shutdown', () => {
  it('SIGTERM to `npm start` stops the server too (npm passes it on; nothing is orphaned)', async () => {
    const port = await freePort();
    const run = start('npm', ['start', '--silent'], { ...BASE_ENV, PORT: String(port) });
    await waitHealthy(port, run);
    run.child.kill('SIGTERM');
    await run.exit;
    expect(await healthz(port)).toBeUndefined();
    expect(run.output()).toContain('"msg":"shut down"');
  }, 30_000);

  it('SIGINT finishes gracefully with exit 0, however many times it arrives', async () => {
    const port = await freePort();
    const run = start(process.execPath, [START], { ...BASE_ENV, PORT: String(port) });
    await waitHealthy(port, run);
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.output().match(/shutting down/g)).toHaveLength(1);
  }, 30_000);
});
