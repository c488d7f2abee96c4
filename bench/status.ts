import { createBotApp } from '../src/app.js';
import { runStatus } from '../src/features/status/runStatus.js';
import { sandboxConfig } from '../src/config.js';
import { silentLogger } from '../src/observe/log.js';
import { limitOf } from '../src/upstream/limits.js';
import { startEmulatorProcess } from './emulatorProcess.js';
import { benchPeople } from './statusPeople.js';

const API = 'personal_settings.system_status.batch_open';

/**
 * The earliest the last of `calls` calls can be answered under every window at once: each call starts as
 * soon as every window has room (a sliding window of `limit` per `windowMs` lets call k start one window
 * after call k − limit), plus one call's latency. 2,000 calls at 50/s and 1000/min: the first 1,000 go in
 * 20 s, the next 1,000 from 60 s to 80 s.
 */
export function floorMs(calls: number, windows: Array<{ limit: number; windowMs: number }>, latencyMs: number): number {
  const starts: number[] = [];
  for (let k = 0; k < calls; k++) {
    let t = k > 0 ? (starts[k - 1] as number) : 0;
    for (const w of windows) if (k >= w.limit) t = Math.max(t, (starts[k - w.limit] as number) + w.windowMs);
    starts.push(t);
  }
  return (starts.at(-1) ?? 0) + latencyMs;
}

/**
 * For each window, how close the calls came to a 429 at the server: the smallest (arrival of call k) −
 * (arrival of call k − limit) − window over the arrivals the emulator counted. Negative would be a 429;
 * the limiter's margin less this is how much more the delay to the server varied than expected.
 */
export function closestToLimitMs(arrivals: readonly number[], windows: Array<{ limit: number; windowMs: number }>): number[] {
  return windows.map((w) => {
    let closest = Infinity;
    for (let k = w.limit; k < arrivals.length; k++) closest = Math.min(closest, (arrivals[k] as number) - (arrivals[k - w.limit] as number) - w.windowMs);
    return closest;
  });
}

/** The process's memory sampled while the batch runs (RSS and the JS heap in use). */
function sampleMemory(everyMs = 100): () => { rssMb: number; heapMb: number } {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    sample();
    return { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
  };
}

export interface StatusBenchResult {
  people: number;
  calls: number;
  wallMs: number;
  minimumMs: number;
  ratio: number;
  rateLimited: number;
  peakRssMb: number;
  /** The most JS heap in use while the batch ran. */
  peakHeapMb: number;
  /** The emulator's process, apart. */
  emulatorRssMb: number;
  /** Per window (as in `windows`), the least room any call left at the server (closestToLimitMs). */
  closestMs: number[];
  windows: Array<{ limit: number; windowMs: number }>;
  succeeded: number;
}

/**
 * Opens a status for `people` people against the emulator with `latencyMs` per call and the documented
 * limits (1000/min and 50/s) enforced on both sides. The theoretical minimum is calls ÷ 50 per second.
 * The emulator runs in a process of its own (emulatorProcess.ts): the peak RSS is this process's, the
 * bot's (under tsx, as `npm run bench` runs), and the emulator's is reported beside it.
 */
export async function benchStatus(people = 10_000, latencyMs = 50, concurrency?: number): Promise<StatusBenchResult> {
  await warmUp(latencyMs);
  const emulator = await startEmulatorProcess(latencyMs, people);
  try {
    const ids = benchPeople(people);
    const { services } = createBotApp({ config: sandboxConfig(emulator.url), log: silentLogger });
    await services.feishu.botOpenId(); // the tenant token (another API, with its own windows)
    const before = (await emulator.report(API)).calls;
    const { chunkSize = 50, windows } = limitOf(API);
    const calls = Math.ceil(people / chunkSize);
    const minimumMs = floorMs(calls, windows, latencyMs);
    const memory = sampleMemory();
    const start = performance.now();
    const results = await runStatus(services, {
      op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people: ids, names: {},
    }, undefined, concurrency);
    const wallMs = performance.now() - start;
    const peak = memory();
    const seen = await emulator.report(API);
    return {
      people,
      calls: seen.calls - before,
      wallMs,
      minimumMs,
      ratio: wallMs / minimumMs,
      rateLimited: seen.rateLimited,
      peakRssMb: Math.max(peak.rssMb, process.resourceUsage().maxRSS / 1024),
      peakHeapMb: peak.heapMb,
      emulatorRssMb: seen.peakRssMb,
      closestMs: closestToLimitMs(seen.callTimes, windows),
      windows,
      succeeded: results.filter((r) => r.result.startsWith('success')).length,
    };
  } finally {
    await emulator.close();
  }
}

/**
 * Not measured: one batch_open through a bot and an emulator of their own, so that lazy module loading
 * and JIT do not land in the first measured burst. It must not share the measured limiter or emulator: a
 * warm-up call stays in the 1000/min window for a minute, and with 2,000 calls it pushes the 1,000th
 * call to a minute after it, and so the 2,000th to two minutes (119 s measured instead of 83 s).
 */
async function warmUp(latencyMs: number): Promise<void> {
  const emulator = await startEmulatorProcess(latencyMs, 1);
  try {
    const { services } = createBotApp({ config: sandboxConfig(emulator.url), log: silentLogger });
    await runStatus(services, { op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people: benchPeople(1), names: {} });
  } finally {
    await emulator.close();
  }
}

/** `target`: the wall time allowed, as a multiple of the theoretical minimum. */
export function printStatusBench(r: StatusBenchResult, target = 1.1, rssTargetMb?: number): void {
  console.log(`— /status open: ${r.people.toLocaleString('en-US')} people, 50 ms latency, batch_open limits 1000/min and 50/s enforced —`);
  console.log(`people                ${r.people} (${r.succeeded} succeeded)`);
  console.log(`batch_open calls      ${r.calls}`);
  console.log(`wall time             ${(r.wallMs / 1000).toFixed(2)} s`);
  console.log(`theoretical minimum   ${(r.minimumMs / 1000).toFixed(2)} s (${r.calls} calls, every window full, plus one call's latency)`);
  console.log(`ratio                 ${r.ratio.toFixed(3)} (target ≤ ${target.toFixed(2)}) ${r.ratio <= target ? 'OK' : 'MISSED'}`);
  console.log(`429 answers           ${r.rateLimited} (target 0) ${r.rateLimited === 0 ? 'OK' : 'MISSED'}`);
  const rss = rssTargetMb === undefined ? '' : ` (target ≤ ${rssTargetMb} MB) ${r.peakRssMb <= rssTargetMb ? 'OK' : 'MISSED'}`;
  console.log(`peak RSS              ${r.peakRssMb.toFixed(1)} MB${rss}: the bot's process (under tsx); the emulator runs apart`);
  console.log(`peak JS heap in use   ${r.peakHeapMb.toFixed(1)} MB (the bot's)`);
  console.log(`emulator's peak RSS   ${r.emulatorRssMb.toFixed(1)} MB (its own process, not counted above)`);
  const closest = r.windows.map((w, i) => `${w.limit}/${w.windowMs / 1000} s: ${(r.closestMs[i] as number).toFixed(0)} ms to spare`).join(', ');
  console.log(`closest to a 429      ${closest} (at the emulator, which counts calls as they arrive)`);
}
