import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real services some suites need (design: Redis tests use a real Redis, browser tests a real
 * Chromium). On a developer's machine without them those suites skip, and the run ends by saying so
 * (test/globalSetup.ts); in CI (`CI=true`) a missing service fails the run instead.
 */
export interface ServiceNeed {
  name: 'redis' | 'chromium';
  /** The suites that need it (folders under test/). */
  suites: string;
  /** The one command that enables them. */
  enable: string;
}

export const NEEDS: Record<ServiceNeed['name'], ServiceNeed> = {
  redis: { name: 'redis', suites: 'test/redis/', enable: 'sudo apt-get install -y redis-server' },
  chromium: { name: 'chromium', suites: 'test/browser/', enable: 'sudo apt-get install -y chromium' },
};

function onPath(binary: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

export function redisServerPath(): string | undefined {
  const configured = process.env.REDIS_SERVER_BIN;
  if (configured !== undefined) return existsSync(configured) ? configured : undefined;
  return onPath('redis-server');
}

/** Debian's Chromium (never a browser downloaded by a test tool). */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined) return existsSync(configured) ? configured : undefined;
  const candidates = ['/usr/bin/chromium', onPath('chromium')];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop), empty. */
  restart(): Promise<void>;
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out}`));
    });
  });
}

/** A private Redis on a loopback port, in memory only (no RDB, no AOF), for one test run or one suite. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const binary = redisServerPath();
  if (!binary) throw new Error(`redis-server not found; ${NEEDS.redis.enable}`);
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'ops-bot-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    // stop() removes the directory: a restart after it makes it again.
    mkdirSync(dir, { recursive: true });
    child = spawn(binary, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForReady(child);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
