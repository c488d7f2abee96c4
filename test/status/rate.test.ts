import { afterAll, beforeAll, expect, it } from 'vitest';
import { overrideLimit } from '../../src/upstream/limits.js';
import { cardText, startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, calls, lastText, world } from './helpers.js';

const API = 'personal_settings.system_status.batch_open';
/**
 * The documented "1000/min and 50/s" shape, scaled down so that the test takes about a second. The short
 * window stays long enough (250 ms, so a 50 ms client margin) for loopback jitter under a busy test run.
 */
const SHORT = { limit: 4, windowMs: 250 };
const LONG = { limit: 10, windowMs: 800 };

let h: Harness;
beforeAll(async () => {
  overrideLimit(API, { chunkSize: 5, windows: [LONG, SHORT] });
  h = await startHarness({ latencyMs: 5 });
  h.emulator.state.rateOverrides.set(API, [LONG, SHORT]); // the emulator keeps its own table: scale it down too
});
afterAll(async () => {
  overrideLimit(API, undefined);
  await h.close();
});

const maxIn = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

it('runs at full speed under both windows of the enforcing emulator, without a single 429', async () => {
  const people = addPeople(h, 100, 'ou_rate'); // 20 calls of 5
  const started = Date.now();
  const sent = await h.say(`/status open 出差 ${people.join(' ')}`);
  const elapsed = Date.now() - started;
  expect(calls(h, 'batch_open')).toBe(20);
  expect(h.emulator.state.rateLimited.get(API) ?? 0).toBe(0);
  expect(lastText(h)).toContain('All succeeded');
  const times = world(h).callTimes;
  expect(maxIn(times, SHORT.windowMs)).toBeLessThanOrEqual(SHORT.limit);
  expect(maxIn(times, LONG.windowMs)).toBeLessThanOrEqual(LONG.limit);
  // 20 calls at 10 per 600 ms: the long window must have made it wait at least one full window.
  expect(elapsed).toBeGreaterThanOrEqual(LONG.windowMs);
  // …and not much more than the minimum (20 calls need one full long window, its margin, plus bursts).
  expect(elapsed).toBeLessThan(4 * LONG.windowMs);

  // One card, updated in place: progress patches at most once a second (≤5 QPS per message), the final card last.
  const progressId = sent[0]!.message_id;
  expect(sent.filter((r) => r.api !== 'im.message.patch')).toHaveLength(1);
  const patches = sent.filter((r) => r.api === 'im.message.patch');
  expect(patches.every((r) => r.message_id === progressId)).toBe(true);
  expect(cardText(patches.at(-1))).toContain('All succeeded');
  const progress = patches.slice(0, -1);
  expect(progress.length).toBeGreaterThanOrEqual(1);
  expect(progress.some((r) => cardText(r).includes('Running') || cardText(r).includes('Done **'))).toBe(true);
  for (let i = 1; i < progress.length; i++) expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(950);
});
