import { limitOf } from '../src/upstream/limits.js';
import { runBotProcess } from './botProcess.js';
import { startEmulatorProcess } from './emulatorProcess.js';

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
 * The bot and the emulator run in processes of their own: the bot as `npm start` runs it (botProcess.ts),
 * the emulator under tsx (emulatorProcess.ts). The peak RSS is the bot's process alone; the emulator's is
 * reported beside it.
 */
export async function benchStatus(people = 10_000, latencyMs = 50, concurrency?: number): Promise<StatusBenchResult> {
  const warm = await startEmulatorProcess(latencyMs, 1);
  const emulator = await startEmulatorProcess(latencyMs, people);
  try {
    const { chunkSize = 50, windows } = limitOf(API);
    const minimumMs = floorMs(Math.ceil(people / chunkSize), windows, latencyMs);
    const bot = await runBotProcess({ warmUrl: warm.url, url: emulator.url, people, concurrency });
    const seen = await emulator.report(API);
    return {
      people,
      calls: seen.calls,
      wallMs: bot.wallMs,
      minimumMs,
      ratio: bot.wallMs / minimumMs,
      rateLimited: seen.rateLimited,
      peakRssMb: bot.peakRssMb,
      peakHeapMb: bot.peakHeapMb,
      emulatorRssMb: seen.peakRssMb,
      closestMs: closestToLimitMs(seen.callTimes, windows),
      windows,
      succeeded: bot.succeeded,
    };
  } finally {
    await Promise.all([warm.close(), emulator.close()]);
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
  console.log(`peak RSS              ${r.peakRssMb.toFixed(1)} MB${rss}: the bot's process (plain node, as npm start runs it); the emulator runs apart`);
  console.log(`peak JS heap in use   ${r.peakHeapMb.toFixed(1)} MB (the bot's)`);
  console.log(`emulator's peak RSS   ${r.emulatorRssMb.toFixed(1)} MB (its own process, not counted above)`);
  const spare = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms to spare` : 'never full');
  const closest = r.windows.map((w, i) => `${w.limit}/${w.windowMs / 1000} s: ${spare(r.closestMs[i] as number)}`).join(', ');
  console.log(`closest to a 429      ${closest} (at the emulator, which counts calls as they arrive)`);
}
