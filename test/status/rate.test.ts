import { afterAll, beforeAll, expect, it } from 'vitest';
import { overrideLimit } from '../../src/upstream/limits.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, calls, lastText, world } from './helpers.js';

const API = 'personal_settings.system_status.batch_open';
/** The documented "1000/min and 50/s" shape, scaled down so that the test takes about a second. */
const SHORT = { limit: 4, windowMs: 150 };
const LONG = { limit: 10, windowMs: 600 };

let h: Harness;
beforeAll(async () => {
  overrideLimit(API, { chunkSize: 5, windows: [LONG, SHORT] });
  h = await startHarness({ latencyMs: 5 });
});
afterAll(async () => {
  overrideLimit(API, undefined);
  await h.close();
});

const maxIn = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

it('runs at full speed under both windows of the enforcing emulator, without a single 429', async () => {
  const people = addPeople(h, 100, 'ou_rate'); // 20 calls of 5
  const started = Date.now();
  await h.say(`/status open 出差 ${people.join(' ')}`);
  const elapsed = Date.now() - started;
  expect(calls(h, 'batch_open')).toBe(20);
  expect(h.emulator.state.rateLimited.get(API) ?? 0).toBe(0);
  expect(lastText(h)).toContain('All succeeded');
  const times = world(h).callTimes;
  expect(maxIn(times, SHORT.windowMs)).toBeLessThanOrEqual(SHORT.limit);
  expect(maxIn(times, LONG.windowMs)).toBeLessThanOrEqual(LONG.limit);
  // 20 calls at 10 per 600 ms: the long window must have made it wait at least one full window.
  expect(elapsed).toBeGreaterThanOrEqual(LONG.windowMs);
  // …and not much more than the minimum (20 calls need one full long window plus bursts).
  expect(elapsed).toBeLessThan(3 * LONG.windowMs);
});
