import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observe/log.js';
import { CX_SANDBOX, cxState, type CxState } from '../../src/sandbox/chengxun/routes.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { Chengxun, CX_API } from '../../src/features/cx/client.js';
import { isUpstreamError } from '../../src/upstream/errors.js';
import { FAST_RETRY } from '../helpers/harness.js';
import { shiftableClock } from '../helpers/clock.js';

let emu: Emulator;
let cx: CxState;
const clock = shiftableClock();
const calls = (api: string) => emu.state.calls.get(api) ?? 0;
const client = (extra: Partial<ConstructorParameters<typeof Chengxun>[0]> = {}) =>
  new Chengxun({ baseUrl: `${emu.url}/chengxun`, ...CX_SANDBOX, log: silentLogger, clock, retry: FAST_RETRY, ...extra });
const req = (accountIds: string[]) => ({
  accountIds,
  card: { type: 'KEYDATA' as const, items: [{ key: '今日开启', data: '47', jump_url: 'https://example.com/r', action: '' }] },
});

beforeAll(async () => {
  emu = await startEmulator({ appId: 'cli_x', appSecret: 's', now: () => clock.now() });
  cx = cxState(emu.state);
});
afterAll(() => emu.close());
beforeEach(() => {
  clock.advance(2000);
  emu.state.calls.clear();
});

describe('Chengxun client', () => {
  it('gets a token with app key, corp id and secret, sends it as a query parameter, and reuses it', async () => {
    const c = client();
    await c.batchSetSameData(req(['1008611']));
    await c.batchSetSameData({ ...req(['1008612']), enterpriseId: '20001' });
    expect(calls(CX_API.token)).toBe(1);
    expect(cx.requests.at(-2)).toMatchObject({ show_on_all_enterprise: true, account_id_list: ['1008611'], type: 'KEYDATA' });
    expect(cx.requests.at(-2)).not.toHaveProperty('enterprise_id');
    expect(cx.requests.at(-1)).toMatchObject({ show_on_all_enterprise: false, enterprise_id: '20001' });
  });

  it('fetches a new token before the old one expires', async () => {
    const c = client();
    await c.batchSetSameData(req(['1']));
    clock.advance(7200 * 1000 - 60_000);
    await c.batchSetSameData(req(['1']));
    expect(calls(CX_API.token)).toBe(2);
    expect(calls(CX_API.sameData)).toBe(2);
  });

  it('calls made together share one token fetch', async () => {
    const c = client();
    await Promise.all([c.batchSetSameData(req(['1'])), c.batchSetSameData(req(['2']))]);
    expect(calls(CX_API.token)).toBe(1);
  });

  it('on 40004 (token invalid) gets a new token and retries once', async () => {
    const c = client();
    await c.batchSetSameData(req(['1']));
    cx.tokens.clear();
    await c.batchSetSameData(req(['2']));
    expect(calls(CX_API.token)).toBe(2);
    expect(calls(CX_API.sameData)).toBe(3);
    expect(cx.requests.at(-1)?.account_id_list).toEqual(['2']);
  });

  it('backs off on 55001 from the token endpoint too', async () => {
    emu.state.injectFault({ api: CX_API.token, status: 200, body: { err_code: 55001, err_msg: 'frequency' }, times: 1 });
    await client().batchSetSameData(req(['1']));
    expect(calls(CX_API.token)).toBe(2);
  });

  it('on 40005 (token expired) gets a new token and retries once', async () => {
    const c = client();
    await c.batchSetSameData(req(['1']));
    cx.expireTokens();
    await c.batchSetSameData(req(['2']));
    expect(calls(CX_API.token)).toBe(2);
    expect(calls(CX_API.sameData)).toBe(3);
  });

  it('calls refused together share one new token', async () => {
    const c = client();
    await c.batchSetSameData(req(['1']));
    cx.expireTokens();
    emu.state.calls.clear();
    await Promise.all([c.batchSetSameData(req(['1'])), c.batchSetSameData(req(['2'])), c.batchSetSameData(req(['3']))]);
    expect(calls(CX_API.token)).toBe(1);
    expect(calls(CX_API.sameData)).toBe(6);
  });

  it('on 40004 twice gives up after the one retry', async () => {
    const c = client();
    emu.state.injectFault({ api: CX_API.sameData, status: 200, body: { err_code: 40004, err_msg: 'token invalid' }, times: 2 });
    const err = await c.batchSetSameData(req(['1'])).catch((e: unknown) => e);
    expect(isUpstreamError(err) && err.code).toBe(40004);
    expect(calls(CX_API.sameData)).toBe(2);
  });

  it('backs off on 55001 and retries', async () => {
    const c = client();
    emu.state.injectFault({ api: CX_API.sameData, status: 200, body: { err_code: 55001, err_msg: 'frequency' }, times: 2 });
    await c.batchSetSameData(req(['1']));
    expect(calls(CX_API.sameData)).toBe(3);
  });

  it('treats err_code != 0 under HTTP 200 as a failure', async () => {
    const err = await client().batchSetSameData({ ...req(['1']), card: { type: 'KEYDATA', items: [{ key: 'x'.repeat(21), data: '1', jump_url: '', action: '' }] } }).catch((e: unknown) => e);
    expect(isUpstreamError(err) && [err.code, err.httpStatus, err.transient]).toEqual([40000, 200, false]);
  });

  it('uses a static token without calling the token API', async () => {
    const c = client();
    await c.batchSetSameData(req(['1']));
    const token = [...cx.tokens.keys()].at(-1) as string;
    emu.state.calls.clear();
    await client({ staticToken: token, appKey: undefined }).batchSetSameData(req(['1']));
    expect(calls(CX_API.token)).toBe(0);
    expect(calls(CX_API.sameData)).toBe(1);
  });

  it('reports wrong credentials with the vendor code', async () => {
    const err = await client({ corpSecret: 'wrong' }).batchSetSameData(req(['1'])).catch((e: unknown) => e);
    expect(isUpstreamError(err) && [err.api, err.code]).toEqual([CX_API.token, 40001]);
  });

  it('emulator: answers 55001 past its (assumed) 5 calls a second', async () => {
    const c = client();
    await c.batchSetSameData(req(['1']));
    const token = [...cx.tokens.keys()].at(-1) as string;
    const post = () => fetch(`${emu.url}/chengxun/apps/v1/card/batch-set-same-data?access_token=${token}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ show_on_all_enterprise: true, account_id_list: ['1'], type: 'LIST', data: { items: [] } }),
    }).then((r) => r.json() as Promise<{ err_code: number }>);
    const codes: number[] = [];
    for (let i = 0; i < 10 && !codes.includes(55001); i++) codes.push((await post()).err_code);
    expect(codes.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(codes.at(-1)).toBe(55001);
  });
});
