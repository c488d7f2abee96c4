import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { STATUS_APIS } from '../../src/sandbox/feishu/status/facts.js';
import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import { SANDBOX_ADMIN } from '../../src/sandbox/state.js';

/**
 * The platform counts a call in its rate windows when the call arrives. The emulator's answer comes after
 * its latency; a window checked then counts a call whose latency timer fired late (a busy process) as a
 * later call, and answers 429 to a client that kept to the limit.
 */
const API = STATUS_APIS.batchOpen.api;
const WINDOW = { limit: 1, windowMs: 1000 };
let now = Date.UTC(2026, 11, 1, 2, 0, 0);
let emu: Emulator;
let token: string;

beforeAll(async () => {
  // The emulator's own clock, moved by the test only; the latency is real, long enough to move it meanwhile.
  emu = await startEmulator({ appId: 'cli_x', appSecret: 's', latencyMs: 0, now: () => now });
  const res = await fetch(`${emu.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ app_id: 'cli_x', app_secret: 's' }),
  });
  token = ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
  emu.state.rateOverrides.set(API, [WINDOW]);
  emu.state.apiLatencyMs.set(API, 300);
});
afterAll(() => emu.close());

const open = () =>
  fetch(`${emu.url}/open-apis/personal_settings/v1/system_statuses/7101214603622940001/batch_open?user_id_type=open_id`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ user_list: [{ user_id: SANDBOX_ADMIN, end_time: String(Math.floor(now / 1000) + 3600) }] }),
  }).then((r) => r.status);

async function arrivals(n: number): Promise<void> {
  while ((emu.state.calls.get(API) ?? 0) < n) await new Promise((r) => setTimeout(r, 2));
}

it('counts a call in its window at arrival, not when its answer is due after the latency', async () => {
  const first = open();
  await arrivals(1);
  now += WINDOW.windowMs; // the first call is still in its latency: one window later, the second arrives
  const second = open();
  await arrivals(2);
  expect(await Promise.all([first, second])).toEqual([200, 200]);
  expect(emu.state.rateLimited.get(API) ?? 0).toBe(0);
  const times = statusWorld(emu.state).callTimes;
  expect(times[1]! - times[0]!).toBe(WINDOW.windowMs);
});

it('still refuses a call that arrives inside the window, however late the earlier one is answered', async () => {
  now += WINDOW.windowMs;
  const first = open();
  await arrivals(3);
  const second = open();
  await arrivals(4);
  now += WINDOW.windowMs; // both answers are due a window later: the second had arrived inside the window
  expect(await Promise.all([first, second])).toEqual([200, 429]);
  expect(emu.state.rateLimited.get(API)).toBe(1);
});
