import { describe, expect, it } from 'vitest';
import { ConfigError, loadLiveConfig, sandboxTransport } from '../../src/config.js';
import { Readiness } from '../../src/observe/readiness.js';
import { startHarness } from '../helpers/harness.js';

const valid = {
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60708',
  FEISHU_APP_SECRET: 'app-secret-value-123',
  FEISHU_VERIFICATION_TOKEN: 'verification-token-456',
  BOT_ADMINS: 'ou_admin1',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadLiveConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('FEISHU_TRANSPORT', () => {
  it('defaults to webhook and accepts ws', () => {
    expect(loadLiveConfig(valid).FEISHU_TRANSPORT).toBe('webhook');
    expect(loadLiveConfig({ ...valid, FEISHU_TRANSPORT: '' }).FEISHU_TRANSPORT).toBe('webhook');
    expect(loadLiveConfig({ ...valid, FEISHU_TRANSPORT: 'ws' }).FEISHU_TRANSPORT).toBe('ws');
  });

  it('refuses any other value, naming the choices and not the value', () => {
    const problems = problemsOf({ ...valid, FEISHU_TRANSPORT: 'websocket-secret' });
    expect(problems).toEqual(['FEISHU_TRANSPORT: must be webhook or ws']);
  });

  it('in ws mode wants an app id the SDK accepts (cli_ and 16 hex digits)', () => {
    expect(problemsOf({ ...valid, FEISHU_APP_ID: 'cli_abc', FEISHU_TRANSPORT: 'ws' })).toEqual([
      "FEISHU_APP_ID: must be cli_ followed by 16 hex digits for FEISHU_TRANSPORT=ws (the SDK's long connection accepts no other)",
    ]);
    expect(problemsOf({ ...valid, FEISHU_APP_ID: 'cli_abc' })).toEqual([]);
  });

  it('is read in sandbox mode too', () => {
    expect(sandboxTransport({})).toBe('webhook');
    expect(sandboxTransport({ FEISHU_TRANSPORT: 'ws' })).toBe('ws');
    expect(() => sandboxTransport({ FEISHU_TRANSPORT: 'carrier-pigeon' })).toThrow(ConfigError);
  });
});

describe('readiness checks', () => {
  it('is ready only when every named check passes; a throwing check fails, and a name is taken once', async () => {
    const r = new Readiness();
    expect(await r.report()).toEqual({ ready: true, checks: {} });
    r.addCheck('transport', () => true);
    let storeUp = false;
    r.addCheck('store', async () => ({ ok: storeUp, detail: storeUp ? undefined : 'store unreachable' }));
    expect(await r.report()).toEqual({ ready: false, checks: { transport: { ok: true }, store: { ok: false, detail: 'store unreachable' } } });
    storeUp = true;
    expect((await r.report()).ready).toBe(true);
    r.addCheck('broken', () => {
      throw new Error('boom with a secret');
    });
    expect((await r.report()).checks.broken).toEqual({ ok: false, detail: 'the check failed' });
    expect(() => r.addCheck('store', () => true)).toThrow(/already registered/);
  });

  it('in webhook mode /readyz answers 200 and /healthz shows the webhook transport', async () => {
    const h = await startHarness();
    try {
      const ready = await h.http.get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ ready: true, checks: { transport: { ok: true, detail: 'webhook listening' }, store: { ok: true, detail: 'memory: volatile: forgotten on restart' } } });
      expect((await h.http.get('/healthz')).body.transport).toMatchObject({ kind: 'webhook', state: 'listening', reconnects: 0 });
    } finally {
      await h.close();
    }
  });
});
