import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBotApp } from '../../src/app.js';
import { sandboxConfig } from '../../src/config.js';
import { silentLogger } from '../../src/observe/log.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import type { Store } from '../../src/store/store.js';
import { memoryLogger } from '../helpers/memoryLog.js';

/** A store that works but whose health check fails, as a store whose server went away would. */
class UnreachableStore extends MemoryStore implements Store {
  override async ping(): Promise<never> {
    throw new Error('connect ECONNREFUSED 10.0.0.7:6379 (password hunter2)');
  }
}

const config = sandboxConfig('http://127.0.0.1:9');
const WEBHOOK_UP = { ok: true, detail: 'webhook listening' };

describe('GET /readyz and the store', () => {
  it('answers 200 with the store check when the store is reachable', async () => {
    const { app } = createBotApp({ config, log: silentLogger });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ready: true, checks: { transport: WEBHOOK_UP, store: { ok: true, detail: 'memory: volatile: forgotten on restart' } } });
  });

  it('answers 503 when the store is down, naming the check but not its error, which is logged', async () => {
    const logs = memoryLogger();
    const { app } = createBotApp({ config, log: logs.log, store: new UnreachableStore() });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ready: false, checks: { transport: WEBHOOK_UP, store: { ok: false, detail: 'memory: the store does not answer' } } });
    expect(res.text).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(logs.lines().some((l) => String(l.msg).includes('store did not answer its ping') && JSON.stringify(l.err).includes('ECONNREFUSED'))).toBe(true);
    // Liveness is another question: the process is up, and says which store it has.
    const health = await request(app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body.store).toMatchObject({ backend: 'memory', ok: false });
  });

  it('takes further named checks and is ready only when all pass', async () => {
    const bot = createBotApp({ config, log: silentLogger });
    let connected = false;
    bot.readiness.addCheck('connection', () => connected);
    expect((await request(bot.app).get('/readyz')).body.checks.connection).toEqual({ ok: false });
    connected = true;
    expect((await request(bot.app).get('/readyz')).status).toBe(200);
  });
});
