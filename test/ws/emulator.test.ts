import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { decodeFrame, encodeFrame, METHOD } from '../../src/sandbox/feishu/ws/frame.js';
import { until } from './until.js';

// The emulator's long connection against the official SDK's WSClient alone (no bot): the SDK is the oracle.
const APP = { appId: 'cli_a1b2c3d4e5f60708', appSecret: 'emulator-test-secret' };
const quiet: lark.Logger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

let emu: Emulator | undefined;
let client: lark.WSClient | undefined;
afterEach(async () => {
  client?.close({ force: true });
  client = undefined;
  await emu?.close();
  emu = undefined;
});

async function start(clientConfig = {}) {
  emu = await startEmulator({ ...APP, ws: { clientConfig: { PingInterval: 30, ReconnectCount: 2, ReconnectInterval: 0.1, ReconnectNonce: 0, ...clientConfig } } });
  return emu;
}

function sdkClient(e: Emulator, invoke: (data: unknown) => Promise<unknown>, params: Partial<ConstructorParameters<typeof lark.WSClient>[0]> = {}) {
  client = new lark.WSClient({ ...APP, domain: e.url, logger: quiet, ...params });
  void client.start({ eventDispatcher: { invoke } as unknown as lark.EventDispatcher });
  return client;
}

const discover = (e: Emulator, body: unknown) =>
  fetch(`${e.url}/callback/ws/endpoint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code: number; data: { URL?: string; ClientConfig?: unknown } } }));

describe('the emulated long connection', () => {
  it('answers endpoint discovery with a socket URL and the ClientConfig, only for the right credentials', async () => {
    const e = await start({ PingInterval: 7 });
    const ok = await discover(e, { AppID: APP.appId, AppSecret: APP.appSecret });
    expect(ok.body.code).toBe(0);
    expect(ok.body.data.URL).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/v2\?.*service_id=\d+.*ticket=/);
    expect(ok.body.data.ClientConfig).toEqual({ PingInterval: 7, ReconnectCount: 2, ReconnectInterval: 0.1, ReconnectNonce: 0 });
    expect((await discover(e, { AppID: APP.appId, AppSecret: 'wrong' })).body.code).toBe(514);
    expect((await discover(e, { AppID: 'cli_ffffffffffffffff', AppSecret: APP.appSecret })).body.code).toBe(514);
  });

  it('admits a socket only with a fresh one-time ticket', async () => {
    const e = await start();
    const { body } = await discover(e, { AppID: APP.appId, AppSecret: APP.appSecret });
    const url = body.data.URL as string;
    const opened = (u: string) => new Promise<boolean>((resolve) => {
      const s = new WebSocket(u);
      s.on('open', () => { s.terminate(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    expect(await opened(url.replace(/ticket=\w+/, 'ticket=forged'))).toBe(false);
    expect(await opened(url)).toBe(true);
    expect(await opened(url)).toBe(false);
  });

  it('pongs a ping with the ClientConfig, and ignores bytes that are not a frame', async () => {
    const e = await start({ PingInterval: 9 });
    const { body } = await discover(e, { AppID: APP.appId, AppSecret: APP.appSecret });
    const socket = new WebSocket(body.data.URL as string);
    await new Promise<void>((r) => socket.on('open', () => r()));
    const reply = new Promise<Buffer>((r) => socket.on('message', (d) => r(d)));
    socket.send(Buffer.from('not a frame'));
    socket.send(encodeFrame({ SeqID: 0, LogID: 0, service: 1, method: METHOD.control, headers: { type: 'ping' } }));
    const pong = decodeFrame(await reply);
    expect(pong).toMatchObject({ method: METHOD.control, headers: { type: 'pong' } });
    expect(JSON.parse(Buffer.from(pong.payload ?? []).toString())).toMatchObject({ PingInterval: 9 });
    expect(e.ws.stats.badFrames).toBe(1);
    socket.terminate();
  });

  it('pushes an envelope the SDK hands over unchanged, and collects its answer from the response frame', async () => {
    const e = await start();
    const seen: unknown[] = [];
    sdkClient(e, async (data) => {
      seen.push(data);
      return { toast: { type: 'info', content: 'ok' } };
    });
    await e.ws.waitForClient();
    const envelope = { schema: '2.0', header: { event_id: 'e1', event_type: 'card.action.trigger', app_id: APP.appId }, event: { text: '长'.repeat(2000) } };
    const result = await e.ws.push(envelope, { maxFrameBytes: 500 });
    expect(result).toMatchObject({ code: 200, body: { toast: { type: 'info', content: 'ok' } } });
    expect(result.fragments).toBe(13);
    expect(seen).toEqual([envelope]);
  });

  it('reports code 500 when the handler throws', async () => {
    const e = await start();
    sdkClient(e, async () => {
      throw new Error('handler failed');
    });
    await e.ws.waitForClient();
    expect((await e.ws.push({ schema: '2.0', header: { event_id: 'e2' } })).code).toBe(500);
  });

  it('cuts sockets, goes silent, and refuses connections on demand', async () => {
    const e = await start({ PingInterval: 0.3 });
    const c = sdkClient(e, async () => undefined, { wsConfig: { pingTimeout: 0.2 } });
    await e.ws.waitForClient();
    e.ws.drop();
    await until(() => e.ws.stats.opened === 2 && e.ws.liveClients === 1, 3000, 'a reconnect after the drop');
    e.ws.goSilent();
    expect(e.ws.liveClients).toBe(0);
    await expect(e.ws.push({})).rejects.toThrow(/no long-connection client/);
    await until(() => e.ws.stats.opened === 3 && e.ws.liveClients === 1, 3000, 'a reconnect after the silence');
    e.ws.refuseFor(60_000);
    e.ws.drop();
    await until(() => c.getConnectionStatus().state === 'failed', 3000, 'the SDK to give up');
    expect(e.ws.refused).toBeGreaterThanOrEqual(2);
  });
});
