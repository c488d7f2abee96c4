import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createBotApp } from '../../src/app.js';
import { ConfigError, loadLiveConfig, sandboxConfig, sandboxStoreUrl } from '../../src/config.js';
import { silentLogger } from '../../src/observe/log.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { freePort } from '../helpers/realServices.js';

const live = {
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60708',
  FEISHU_APP_SECRET: 'app-secret-value-123',
  FEISHU_VERIFICATION_TOKEN: 'verification-token-456',
  BOT_ADMINS: 'ou_admin1',
};
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadLiveConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-startup-'));
  dirs.push(dir);
  return dir;
};

describe('STORE_URL', () => {
  it('defaults to a SQLite file in live mode and to memory in sandbox mode', () => {
    expect(loadLiveConfig(live).STORE_URL).toBe('sqlite:./data/ops-bot.sqlite');
    expect(loadLiveConfig({ ...live, STORE_URL: 'memory:' }).STORE_URL).toBe('memory:');
    expect(loadLiveConfig({ ...live, STORE_URL: 'sqlite:/var/lib/ops-bot/state.sqlite' }).STORE_URL).toBe('sqlite:/var/lib/ops-bot/state.sqlite');
    expect(sandboxStoreUrl({})).toBe('memory:');
    expect(sandboxStoreUrl({ STORE_URL: 'sqlite:./data/sandbox.sqlite' })).toBe('sqlite:./data/sandbox.sqlite');
    expect(() => sandboxStoreUrl({ STORE_URL: 'postgres://db/x' })).toThrow(ConfigError);
    expect(loadLiveConfig({ ...live, STORE_URL: 'redis://:hunter2@cache:6379/2' }).STORE_URL).toBe('redis://:hunter2@cache:6379/2');
    expect(sandboxStoreUrl({ STORE_URL: 'redis://127.0.0.1:6379' })).toBe('redis://127.0.0.1:6379');
  });

  it('refuses anything else with a message that names the rule and never the value', () => {
    expect(problemsOf({ ...live, STORE_URL: 'redis://:hunter2@cache:6379/zero' })).toEqual([
      'STORE_URL: the database after the host must be a number (0–15 on a default Redis); the form is redis://[:password@]host:port/db (e.g. redis://127.0.0.1:6379/0)',
    ]);
    expect(problemsOf({ ...live, STORE_URL: 'mysql://root:hunter2@db' })).toEqual([
      'STORE_URL: must be sqlite:<path> (e.g. sqlite:./data/ops-bot.sqlite), redis://[:password@]host:port/db (e.g. redis://127.0.0.1:6379/0) or memory:',
    ]);
    expect(problemsOf({ ...live, STORE_URL: 'sqlite:' })).toEqual(['STORE_URL: sqlite: needs a file path, e.g. sqlite:./data/ops-bot.sqlite']);
  });
});

describe('npm start with a store it cannot use', () => {
  const start = (storeUrl: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', STORE_URL: storeUrl }, encoding: 'utf8', timeout: 30_000,
  });

  it('exits 1 naming the path and the cause when the SQLite file cannot be created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-dir'), 'a file where a directory should be');
    const r = start(`sqlite:${join(dir, 'not-a-dir', 'bot.sqlite')}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`STORE_URL: cannot open the SQLite store at ${join(dir, 'not-a-dir', 'bot.sqlite')}`);
    expect(r.stderr).toContain('Check that the directory is writable');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('exits 1 with the rule for an unreadable redis URL, without printing its password', () => {
    const r = start('redis://:hunter2@cache:6379/zero');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the database after the host must be a number');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('exits 1 naming the address and the cause when Redis does not answer, without printing its password', async () => {
    const port = await freePort();
    const r = start(`redis://:hunter2@127.0.0.1:${port}/0`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Ops Bot could not start: STORE_URL: cannot reach Redis at redis://127.0.0.1:${port}/0: connect ECONNREFUSED`);
    expect(r.stderr).toContain('Check that Redis runs there');
    expect(r.stderr).not.toContain('hunter2');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 30_000);
});

describe('/healthz and /readyz', () => {
  const config = sandboxConfig('http://127.0.0.1:9');

  it('show the store kind and state, and a store check that passes', async () => {
    const http = request(createBotApp({ config, log: silentLogger }).app);
    expect((await http.get('/healthz')).body.store).toEqual({ backend: 'memory', ok: true, detail: 'volatile: forgotten on restart' });
    const ready = await http.get('/readyz');
    expect(ready.body.checks.store).toEqual({ ok: true, detail: 'memory: volatile: forgotten on restart' });
  });

  it('are not ready while the SQLite store does not answer', async () => {
    const store = new SqliteStore({ path: join(tempDir(), 'bot.sqlite'), sweepEveryMs: 0 });
    const http = request(createBotApp({ config, log: silentLogger, store }).app);
    expect((await http.get('/readyz')).status).toBe(200);
    expect((await http.get('/healthz')).body.store).toMatchObject({ backend: 'sqlite', ok: true });
    await store.close();
    const ready = await http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.store).toEqual({ ok: false, detail: 'sqlite: closed' });
    expect((await http.get('/healthz')).body.store).toEqual({ backend: 'sqlite', ok: false, detail: 'closed' });
  });
});
