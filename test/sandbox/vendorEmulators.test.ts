import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CX_SANDBOX, cxState } from '../../src/sandbox/chengxun/routes.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { JING_SANDBOX_APP_ID, JING_SANDBOX_APP_SECRET } from '../../src/sandbox/jingsocial/routes.js';
import { shiftableClock } from '../helpers/clock.js';

/** The emulators refuse what the real APIs document as invalid, with the vendor's own envelopes. */
let emu: Emulator;
let jingToken: string;
let cxToken: string;
// Each request lands in a fresh second of emulator time, so that the (assumed) 5 calls/s limit stays out of the way.
const clock = shiftableClock();

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  clock.advance(1000);
  const res = await fetch(`${emu.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  emu = await startEmulator({ appId: 'cli_x', appSecret: 's', now: () => clock.now() });
  const jt = await post('/jingsocial/v1/oauth2/token', { app_id: JING_SANDBOX_APP_ID, app_secret: JING_SANDBOX_APP_SECRET });
  jingToken = (jt.body.data as { access_token: string }).access_token;
  const q = new URLSearchParams({ app_key: CX_SANDBOX.appKey, corp_id: CX_SANDBOX.corpId, corp_secret: CX_SANDBOX.corpSecret });
  cxToken = ((await (await fetch(`${emu.url}/chengxun/apps/v1/access-tokens?${q}`)).json()) as { access_token: string }).access_token;
});
afterAll(() => emu.close());

describe('Jingsocial emulator', () => {
  const batch = (body: Record<string, unknown>, token = jingToken) =>
    post('/jingsocial/v1/activity/update/userStatus/batch', { entity_uuid: 'etDemoActivity0001', user_ids: ['u1'], ...body }, { app_id: JING_SANDBOX_APP_ID, access_token: token });

  it.each([
    [{ entity_uuid: '' }, 'entity_uuid is required'],
    [{ user_ids: [] }, 'user_ids must be a non-empty array'],
    [{ user_ids: Array.from({ length: 101 }, (_, i) => `u${i}`) }, 'at most 100 per call'],
    [{ ems_signinstatus: 1 }, 'ems_signinstatus must be one of 0, 1'],
    [{ ems_approvestatus: '3' }, 'ems_approvestatus must be one of 0, 1, 2'],
    [{ ems_signinstatus: '1', ems_signintimestamp: '2025-09-01T09:30:00' }, 'ems_signintimestamp must be YYYY-MM-DD HH:mm:ss'],
  ])('refuses %j with code 40000 under HTTP 200', async (body, msg) => {
    const res = await batch(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 40000 });
    expect(String(res.body.msg)).toContain(msg);
  });

  it('refuses an unknown token and a wrong app_id; answers the seed envelope on success', async () => {
    expect((await batch({ ems_signinstatus: '1' }, 'nope')).body).toMatchObject({ code: 40001 });
    const wrongApp = await post('/jingsocial/v1/activity/update/userStatus/batch', { entity_uuid: 'etDemoActivity0001', user_ids: ['u1'] }, { app_id: 'other', access_token: jingToken });
    expect(wrongApp.body).toMatchObject({ code: 40013 });
    const ok = await batch({ ems_signinstatus: '1', ems_signintimestamp: '2025-09-01 09:30:00' });
    expect(ok.body).toMatchObject({ code: 0, msg: 'success', data: [{ omni_user_uuid: 'u1', target_entity_uuid: 'etDemoActivity0001', ems_signinstatus: '1', ems_signintimestamp: '2025-09-01 09:30:00' }] });
  });

  it('refuses wrong credentials and an unknown refresh token', async () => {
    expect((await post('/jingsocial/v1/oauth2/token', { app_id: JING_SANDBOX_APP_ID, app_secret: 'x' })).body).toMatchObject({ code: 40013 });
    expect((await post('/jingsocial/v1/oauth2/token/refresh', { app_id: JING_SANDBOX_APP_ID, app_secret: JING_SANDBOX_APP_SECRET, refresh_token: 'nope' })).body).toMatchObject({ code: 40030 });
  });
});

describe('Chengxun emulator', () => {
  const KEY = { key: 'k', data: '1', jump_url: 'https://e.com', action: '' };
  const LIST = { text: 't', jump_url: 'https://e.com', action: '', timestamp: 1756690200000 };
  const batch = (body: Record<string, unknown>, token = cxToken) =>
    post(`/chengxun/apps/v1/card/batch-set-same-data?access_token=${token}`, { show_on_all_enterprise: true, account_id_list: ['1'], type: 'KEYDATA', data: { items: [KEY] }, ...body });

  it.each([
    [{ show_on_all_enterprise: undefined }, 'show_on_all_enterprise is required'],
    [{ show_on_all_enterprise: false }, 'enterprise_id is required unless show_on_all_enterprise is true'],
    [{ account_id_list: [] }, 'account_id_list must hold 1 to 200'],
    [{ account_id_list: Array.from({ length: 201 }, (_, i) => String(i)) }, 'account_id_list must hold 1 to 200'],
    [{ type: 'IMAGE' }, 'type IMAGE is not supported yet'],
    [{ type: 'WEBVIEW' }, 'type WEBVIEW is not supported yet'],
    [{ type: 'TABLE' }, 'type must be KEYDATA, LIST, IMAGE or WEBVIEW'],
    [{ data: { items: [KEY, KEY, KEY, KEY, KEY] } }, 'at most 4 for KEYDATA'],
    [{ data: { items: [{ ...KEY, key: 'x'.repeat(21) }] } }, 'key longer than 20'],
    [{ data: { items: [{ ...KEY, data: 'x'.repeat(21) }] } }, 'data longer than 20'],
    [{ data: { items: [{ ...KEY, jump_url: 'x'.repeat(301) }] } }, 'jump_url longer than 300'],
    [{ type: 'LIST', data: { items: [LIST, LIST, LIST, LIST] } }, 'at most 3 for LIST'],
    [{ type: 'LIST', data: { items: [{ ...LIST, text: 'x'.repeat(101) }] } }, 'text longer than 100'],
    [{ type: 'LIST', data: { items: [{ ...LIST, action: 'x'.repeat(301) }] } }, 'action longer than 300'],
    [{ type: 'LIST', data: { items: [{ ...LIST, timestamp: '1756690200000' }] } }, 'timestamp must be a long'],
  ])('refuses %j with err_code 40000', async (body, msg) => {
    const res = await batch(body);
    expect(res.body).toMatchObject({ err_code: 40000 });
    expect(String(res.body.err_msg)).toContain(msg);
  });

  it('answers 40004 for an unknown token, 40005 for an expired one, and {err_code:0,err_msg:""} on success', async () => {
    expect((await batch({})).body).toEqual({ err_code: 0, err_msg: '' });
    expect((await batch({}, 'nope')).body).toMatchObject({ err_code: 40004 });
    cxState(emu.state).expireTokens();
    expect((await batch({})).body).toMatchObject({ err_code: 40005 });
  });

  it('the token endpoint wants a numeric corp_id and the right app key and secret', async () => {
    const get = async (q: Record<string, string>) => (await (await fetch(`${emu.url}/chengxun/apps/v1/access-tokens?${new URLSearchParams(q)}`)).json()) as Record<string, unknown>;
    expect(await get({ app_key: CX_SANDBOX.appKey, corp_id: 'abc', corp_secret: CX_SANDBOX.corpSecret })).toMatchObject({ err_code: 40000 });
    expect(await get({ app_key: CX_SANDBOX.appKey, corp_id: '99999', corp_secret: CX_SANDBOX.corpSecret })).toMatchObject({ err_code: 50100 });
    expect(await get({ app_key: CX_SANDBOX.appKey, corp_id: CX_SANDBOX.corpId, corp_secret: 'x' })).toMatchObject({ err_code: 40001 });
  });
});
