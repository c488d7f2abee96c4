import { afterEach, describe, expect, it } from 'vitest';
import { cardText } from '../helpers/harness.js';
import { memoryLogger } from '../helpers/memoryLog.js';
import { startWsHarness, until, type WsHarness, type WsHarnessOptions } from './wsHarness.js';

// The bot keeps its long connection through the emulator's faults, and says how it is doing.
let h: WsHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(o: WsHarnessOptions = {}): Promise<WsHarness> {
  h = await startWsHarness(o);
  return h;
}

async function answersHelp(w: WsHarness): Promise<void> {
  const { frame, sent } = await w.say('/help');
  expect(frame.code).toBe(200);
  expect(cardText(sent[0])).toContain('Ops Bot commands');
}

/** The state changes the bot logged, in order. */
const transitions = (logs: ReturnType<typeof memoryLogger>) =>
  logs.lines().filter((l) => l.transport === 'ws' && typeof l.to === 'string').map((l) => l.to);

describe('staying connected', () => {
  it('reconnects after the platform drops the socket, and answers the next event', async () => {
    const w = await start();
    w.emulator.ws.drop();
    await until(() => w.bot.transport.status().reconnects === 1, 5000, 'a reconnect');
    await w.waitFor('connected');
    await w.emulator.ws.waitForClient();
    expect(w.emulator.ws.stats.opened).toBe(2);
    expect(w.emulator.ws.closeCodes).toEqual([1006]);
    await answersHelp(w);
  });

  it('notices a silent platform with the ping watchdog and reconnects', async () => {
    const w = await start({ clientConfig: { PingInterval: 0.5 }, tuning: { pingTimeoutS: 0.3 } });
    w.emulator.ws.goSilent();
    const silentAt = Date.now();
    await until(() => w.emulator.ws.stats.opened === 2 && w.emulator.ws.liveClients === 1, 5000, 'a new socket after the silence');
    // Noticed within one ping interval plus the watchdog (and some slack), not hours later.
    expect(Date.now() - silentAt).toBeLessThan(2500);
    await w.waitFor('connected');
    expect(w.bot.transport.status().reconnects).toBe(1);
    await answersHelp(w);
  });

  it('starts the SDK again after it gives up, until the platform takes it back; each change logged once', async () => {
    const logs = memoryLogger('info');
    const w = await start({ log: logs.log });
    w.emulator.ws.refuseFor(1200);
    w.emulator.ws.drop();
    await w.waitFor('failed', 3000);
    const failed = w.bot.transport.status();
    expect(failed).toMatchObject({ kind: 'ws', state: 'failed' });
    expect((await w.http.get('/readyz')).status).toBe(503);
    await w.waitFor('connected', 8000);
    await w.emulator.ws.waitForClient();
    const status = w.bot.transport.status();
    expect(status.reconnects).toBe(1);
    expect(status.restarts).toBeGreaterThanOrEqual(1);
    // Many attempts were refused, but the log has one line per change of state.
    expect(w.emulator.ws.refused).toBeGreaterThanOrEqual(4);
    expect(transitions(logs)).toEqual(['connected', 'reconnecting', 'failed', 'connected']);
    const failedLine = logs.lines().find((l) => l.to === 'failed');
    expect(failedLine).toMatchObject({ level: 40, reason: expect.stringContaining('exhausted') });
    await answersHelp(w);
  });

  it('keeps trying with a wrong app secret, reports failed, and never logs the secret', async () => {
    const logs = memoryLogger('trace');
    const w = await start({ log: logs.log, appSecret: 'not-the-secret-of-this-app', connect: false });
    await w.waitFor('failed', 3000);
    await until(() => w.bot.transport.status().restarts as number >= 2, 3000, 'two restarts');
    expect(w.bot.transport.status().state).toBe('failed');
    expect(w.emulator.ws.stats.opened).toBe(0);
    expect(transitions(logs)).toEqual(['failed']);
    expect(logs.text()).not.toContain('not-the-secret-of-this-app');
    expect(logs.text()).not.toMatch(/ticket=(?!\[redacted\])/);
  });
});

describe('readiness and health', () => {
  it('/readyz answers 503 while the socket is down and 200 once connected; /healthz shows the state', async () => {
    const w = await start({ refuseFirstMs: 600, connect: false });
    const down = await w.http.get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, checks: { transport: { ok: false, detail: 'ws connecting' } } });
    expect((await w.http.get('/healthz')).body.transport).toMatchObject({ kind: 'ws', state: 'connecting', reconnects: 0, since: expect.any(String) });
    await w.waitFor('connected', 5000);
    const up = await w.http.get('/readyz');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ ready: true, checks: { transport: { ok: true, detail: 'ws connected' }, store: { ok: true, detail: 'memory: volatile: forgotten on restart' } } });
    const health = (await w.http.get('/healthz')).body;
    expect(health.transport).toMatchObject({ kind: 'ws', state: 'connected', reconnects: 0 });
    expect(Date.parse(health.transport.since)).toBeGreaterThan(Date.now() - 5000);
  });

  it('closes the socket cleanly on shutdown and stops reconnecting', async () => {
    const w = await start();
    await w.bot.transport.close();
    await until(() => w.emulator.ws.closeCodes.length === 1, 3000, 'the socket to close');
    expect(w.emulator.ws.closeCodes[0]).not.toBe(1006);
    expect(w.bot.transport.status().state).toBe('stopped');
    await new Promise((r) => setTimeout(r, 300));
    expect(w.emulator.ws.stats.opened).toBe(1);
    expect((await w.http.get('/readyz')).status).toBe(503);
  });
});
