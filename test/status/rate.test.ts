import { afterAll, beforeAll, expect, it } from 'vitest';
import { overrideLimit } from '../../src/upstream/limits.js';
import { SlidingWindowLimiter, spanOf } from '../../src/upstream/rateLimiter.js';
import { virtualClock } from '../helpers/clock.js';
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

it('keeps under both windows of the enforcing emulator, without a single 429, on one card updated in place', async () => {
  const people = addPeople(h, 100, 'ou_rate'); // 20 calls of 5
  const sent = await h.say(`/status open 出差 ${people.join(' ')}`);
  expect(calls(h, 'batch_open')).toBe(20);
  expect(h.emulator.state.rateLimited.get(API) ?? 0).toBe(0);
  expect(lastText(h)).toContain('All succeeded');
  const times = world(h).callTimes;
  expect(maxIn(times, SHORT.windowMs)).toBeLessThanOrEqual(SHORT.limit);
  expect(maxIn(times, LONG.windowMs)).toBeLessThanOrEqual(LONG.limit);
  // 20 calls at 10 per window: the long window must have made it wait at least one full window. (How close
  // to the limit it runs is proved in virtual time below; the throughput figure is `npm run bench`'s.)
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(LONG.windowMs);

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

/** The window as the limiter holds it: widened by its margin for the variable delay to the server. */
const span = spanOf;

it('runs no slower than both windows allow: every wait ends the moment a full window frees a slot', async () => {
  // Virtual time, so that CPU load cannot move a start: only the limiter's own sleeps advance the clock.
  const clock = virtualClock();
  const limiter = new SlidingWindowLimiter([LONG, SHORT], clock);
  const starts: number[] = [];
  await Promise.all(Array.from({ length: 20 }, async () => {
    await limiter.acquire();
    starts.push(clock.now());
  }));
  expect(maxIn(starts, span(SHORT))).toBeLessThanOrEqual(SHORT.limit);
  expect(maxIn(starts, span(LONG))).toBeLessThanOrEqual(LONG.limit);
  // Packed: a call that did not start with the one before it waited only because some window was full
  // right up to its start (the limit's worth of starts within that window before it), never longer.
  for (let i = 1; i < starts.length; i++) {
    const t = starts[i]!;
    if (t === starts[i - 1]) continue;
    const full = [LONG, SHORT].some((w) => starts.filter((s) => s >= t - span(w) && s < t).length >= w.limit);
    expect(full, `the start at +${t - starts[0]!} ms waited with room in every window`).toBe(true);
  }
  // Bursts of 4 every short window, 10 per long window: 20 calls need two long windows' worth, no more.
  expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(span(LONG));
  expect(starts.at(-1)! - starts[0]!).toBeLessThan(2 * span(LONG));
});
