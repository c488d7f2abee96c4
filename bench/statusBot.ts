import { createBotApp } from '../src/app.js';
import { sandboxConfig } from '../src/config.js';
import { runStatus } from '../src/features/status/runStatus.js';
import type { StatusInput } from '../src/features/status/job.js';
import { silentLogger } from '../src/observe/log.js';
import { benchPeople } from './statusPeople.js';

/**
 * The bot's side of the status benchmark, the entry of a process of its own (botProcess.ts): an esbuild
 * bundle run by plain node, as `npm start` runs the bot. It warms up against one emulator, then opens a
 * status for every bench person against the other, and answers with the time and its own memory.
 */
export interface BotOrder {
  warmUrl: string;
  url: string;
  people: number;
  concurrency?: number;
}

export interface BotFigures {
  wallMs: number;
  succeeded: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const open = (people: string[]): StatusInput => ({
  op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people, names: {},
});

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

/**
 * Not measured: one batch_open through a bot and an emulator of their own, so that lazy module loading
 * and JIT do not land in the first measured burst. It must not share the measured limiter or emulator: a
 * warm-up call stays in the 1000/min window for a minute, and with 2,000 calls it pushes the 1,000th
 * call to a minute after it, and so the 2,000th to two minutes (119 s measured instead of 83 s).
 */
async function warmUp(url: string): Promise<void> {
  const { services } = createBotApp({ config: sandboxConfig(url), log: silentLogger });
  await runStatus(services, open(benchPeople(1)));
}

async function measure(order: BotOrder): Promise<BotFigures> {
  await warmUp(order.warmUrl);
  const ids = benchPeople(order.people);
  const { services } = createBotApp({ config: sandboxConfig(order.url), log: silentLogger });
  await services.feishu.botOpenId(); // the tenant token (another API, with its own windows)
  const memory = sampleMemory();
  const start = performance.now();
  const results = await runStatus(services, open(ids), undefined, order.concurrency);
  const wallMs = performance.now() - start;
  const peak = memory();
  return {
    wallMs,
    succeeded: results.filter((r) => r.result.startsWith('success')).length,
    peakRssMb: Math.max(peak.rssMb, process.resourceUsage().maxRSS / 1024),
    peakHeapMb: peak.heapMb,
  };
}

process.once('message', (order: BotOrder) => {
  measure(order).then(
    (figures) => process.send?.(figures, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
