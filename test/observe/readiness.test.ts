import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBotApp } from '../../src/app.js';
import { sandboxConfig } from '../../src/config.js';
import { silentLogger } from '../../src/observe/log.js';
import { Readiness } from '../../src/observe/readiness.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import type { Store } from '../../src/store/store.js';
import { memoryLogger } from '../helpers/memoryLog.js';

/** A store that works but whose health check fails, as a store whose server went away would. */
class UnreachableStore extends MemoryStore implements Store {
  override readonly kind = 'unreachable';
  override async ping(): Promise<void> {
    throw new Error('connect ECONNREFUSED 10.0.0.7:6379 (password hunter2)');
  }
}

const config = sandboxConfig('http://127.0.0.1:9');

describe('GET /readyz', () => {
  it('answers 200 with the store check when the store is reachable', async () => {
    const { app } = createBotApp({ config, log: silentLogger });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ready: true, checks: { store: 'ok' } });
  });

  it('answers 503 when the store is down, naming the check but not its error', async () => {
    const logs = memoryLogger();
    const { app } = createBotApp({ config, log: logs.log, store: new UnreachableStore() });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ready: false, checks: { store: 'failing' } });
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(logs.lines().some((l) => l.check === 'store' && l.msg === 'readiness check failed')).toBe(true);
    // Liveness is another question: the process is up.
    expect((await request(app).get('/healthz')).status).toBe(200);
  });

  it('takes further named checks (a transport adds its own) and is ready only when all pass', async () => {
    const bot = createBotApp({ config, log: silentLogger });
    let connected = false;
    bot.readiness.addCheck('connection', () => connected);
    expect((await request(bot.app).get('/readyz')).body).toEqual({ ready: false, checks: { store: 'ok', connection: 'failing' } });
    connected = true;
    expect((await request(bot.app).get('/readyz')).status).toBe(200);
    expect(() => bot.readiness.addCheck('store', () => true)).toThrow(/already registered/);
  });
});

describe('Readiness', () => {
  it('counts a check that does not answer in time as a timeout, without waiting for it', async () => {
    const readiness = new Readiness(silentLogger, 50);
    readiness.addCheck('hung', () => new Promise(() => undefined));
    readiness.addCheck('fine', async () => undefined);
    const started = Date.now();
    expect(await readiness.run()).toEqual({ ready: false, checks: { hung: 'timeout', fine: 'ok' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('treats a synchronous throw as failing and an empty list as ready', async () => {
    expect(await new Readiness(silentLogger).run()).toEqual({ ready: true, checks: {} });
    const r = new Readiness(silentLogger);
    r.addCheck('throws', () => {
      throw new Error('no');
    });
    expect((await r.run()).checks.throws).toBe('failing');
  });
});
