import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observe/log.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { JING_SANDBOX_APP_ID, JING_SANDBOX_APP_SECRET, jingState, type JingState } from '../../src/sandbox/jingsocial/routes.js';
import { isUpstreamError } from '../../src/upstream/errors.js';
import { Jingsocial, JING_API } from '../../src/features/jing/client.js';
import { FAST_RETRY } from '../helpers/harness.js';
import { shiftableClock } from '../helpers/clock.js';

let emu: Emulator;
let jing: JingState;
const clock = shiftableClock();
const calls = (api: string) => emu.state.calls.get(api) ?? 0;
const client = (extra: Partial<ConstructorParameters<typeof Jingsocial>[0]> = {}) =>
  new Jingsocial({ baseUrl: `${emu.url}/jingsocial`, appId: JING_SANDBOX_APP_ID, appSecret: JING_SANDBOX_APP_SECRET, log: silentLogger, clock, retry: FAST_RETRY, ...extra });
const req = (user_ids: string[]) => ({ entity_uuid: 'etDemoActivity0001', user_ids, ems_signinstatus: '1', ems_signintimestamp: '2025-09-01 09:30:00' });

beforeAll(async () => {
  emu = await startEmulator({ appId: 'cli_x', appSecret: 's', now: () => clock.now() });
  jing = jingState(emu.state);
});
afterAll(() => emu.close());
beforeEach(() => {
  clock.advance(2000); // each test's fresh client starts with empty rate-limit windows, as a restarted bot would
  emu.state.calls.clear();
  jing.accessTtlS = 7200;
});

describe('Jingsocial client tokens', () => {
  it('fetches a token once and reuses it while it is valid', async () => {
    const c = client();
    const records = await c.updateUserStatus(req(['u1', 'u2']));
    expect(records.map((r) => r.omni_user_uuid)).toEqual(['u1', 'u2']);
    await c.updateUserStatus(req(['u3']));
    expect(calls(JING_API.token)).toBe(1);
    expect(calls(JING_API.refresh)).toBe(0);
  });

  it('refreshes with the refresh token shortly before expiry, not by fetching anew', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    clock.advance(7200 * 1000 - 60_000); // inside the early-expiry margin
    await c.updateUserStatus(req(['u1']));
    expect(calls(JING_API.token)).toBe(1);
    expect(calls(JING_API.refresh)).toBe(1);
  });

  it('fetches a new token when the refresh is refused', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    jing.revokeRefreshTokens();
    clock.advance(7200 * 1000);
    await c.updateUserStatus(req(['u1']));
    expect(calls(JING_API.refresh)).toBe(1);
    expect(calls(JING_API.token)).toBe(2);
  });

  it('after the 30 days of the refresh token fetches a new token without trying the stale refresh token', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    clock.advance(31 * 24 * 3600 * 1000);
    await c.updateUserStatus(req(['u1']));
    expect(calls(JING_API.refresh)).toBe(0);
    expect(calls(JING_API.token)).toBe(2);
  });

  it('calls made together share one token fetch', async () => {
    const c = client();
    await Promise.all([c.updateUserStatus(req(['u1'])), c.updateUserStatus(req(['u2'])), c.updateUserStatus(req(['u3']))]);
    expect(calls(JING_API.token)).toBe(1);
  });

  it('on an auth error refreshes once and retries the call once', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    jing.expireAccessTokens();
    const before = jing.requests.length;
    await c.updateUserStatus(req(['u9']));
    expect(calls(JING_API.refresh)).toBe(1);
    expect(calls(JING_API.userStatus)).toBe(3);
    expect(jing.requests.length).toBe(before + 1);
  });

  it('calls refused together share one refresh', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    jing.expireAccessTokens();
    emu.state.calls.clear();
    await Promise.all([c.updateUserStatus(req(['u1'])), c.updateUserStatus(req(['u2'])), c.updateUserStatus(req(['u3']))]);
    expect(calls(JING_API.refresh)).toBe(1);
    expect(calls(JING_API.token)).toBe(0);
    expect(calls(JING_API.userStatus)).toBe(6);
  });

  it('gives up after one refresh when the token keeps being refused', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    emu.state.injectFault({ api: JING_API.userStatus, status: 200, body: { code: 40001, msg: 'access_token invalid' }, times: 2 });
    const err = await c.updateUserStatus(req(['u1'])).catch((e: unknown) => e);
    expect(isUpstreamError(err) && err.code).toBe(40001);
    expect(calls(JING_API.userStatus)).toBe(3);
  });

  it('uses a static token as is, with the app_id header', async () => {
    const c = client();
    await c.updateUserStatus(req(['u1']));
    const token = [...jing.accessTokens.keys()].at(-1) as string;
    emu.state.calls.clear();
    const s = client({ appSecret: undefined, staticToken: token });
    await s.updateUserStatus(req(['u1']));
    expect(calls(JING_API.token)).toBe(0);
  });
});

describe('Jingsocial client errors', () => {
  it('treats code != 0 under HTTP 200 as a failure with the vendor message', async () => {
    const err = await client().updateUserStatus({ ...req(['u1']), entity_uuid: 'etNope' }).catch((e: unknown) => e);
    expect(isUpstreamError(err) && [err.code, err.httpStatus, err.transient]).toEqual([40400, 200, false]);
    expect(String(err)).toContain('activity not found');
  });

  it('backs off and retries when rate limited', async () => {
    const c = client();
    emu.state.injectFault({ api: JING_API.userStatus, status: 429, body: { code: 429, msg: 'request frequency limit exceeded' }, times: 2 });
    await expect(c.updateUserStatus(req(['u1']))).resolves.toHaveLength(1);
    expect(calls(JING_API.userStatus)).toBe(3);
  });

  it('emulator: answers HTTP 429 past its (assumed) 5 calls a second; the client paces and retries through it', async () => {
    const c = client();
    // Paced by the client (and retried if arrival jitter still trips the server): all 12 get through.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => c.updateUserStatus(req([`u${i}`]))));
    expect(answers.map((a) => a.length)).toEqual(Array(12).fill(1));
    const token = [...jing.accessTokens.keys()].at(-1) as string;
    const res = await fetch(`${emu.url}/jingsocial/v1/activity/update/userStatus/batch`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', app_id: JING_SANDBOX_APP_ID, access_token: token }, body: JSON.stringify(req(['x'])),
    });
    // 12 paced calls leave the current window full or nearly: hammer until refused.
    let status = res.status;
    for (let i = 0; i < 6 && status !== 429; i++) {
      status = (await fetch(`${emu.url}/jingsocial/v1/activity/update/userStatus/batch`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', app_id: JING_SANDBOX_APP_ID, access_token: token }, body: JSON.stringify(req(['x'])),
      })).status;
    }
    expect(status).toBe(429);
  });
});
