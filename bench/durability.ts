import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ackLatencies, bundleServer, median, percentile, sealEvents, startSide, type Side } from './webhook.js';

const STORES = ['memory', 'sqlite'] as const;
type StoreName = (typeof STORES)[number];

export interface DurabilityBenchResult {
  rate: number;
  events: number;
  p50Ms: Record<StoreName, number[]>;
  p99Ms: Record<StoreName, number[]>;
  handled: Record<StoreName, number>;
  sent: number;
}

/**
 * The cost of recording every event before its 200: our real app (webhookServer.ts `ours`) on STORE_URL=memory:
 * and on sqlite:<a fresh file> in the same run, each in its own process, fed the same signed, encrypted
 * events at a steady `rate` in alternated rounds. Each event is verified, deduped (two claims), recorded
 * (one write) and answered; its record is deleted when its (empty) work is done.
 */
export async function benchDurability(rounds = 5, events = 2500, rate = 500): Promise<DurabilityBenchResult> {
  const warm = 2000;
  const all = sealEvents(warm + rounds * events);
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-bench-'));
  await bundleServer();
  const memory = await startSide('ours', ['memory:']);
  const sqlite = await startSide('ours', [`sqlite:${join(dir, 'bench.sqlite')}`]);
  const byName: Record<StoreName, Side<string>> = { memory, sqlite };
  try {
    const p50 = { memory: [] as number[], sqlite: [] as number[] };
    const p99 = { memory: [] as number[], sqlite: [] as number[] };
    for (const name of STORES) await ackLatencies(byName[name], all.slice(0, warm), rate);
    let at = warm;
    for (let r = 0; r < rounds; r++, at += events) {
      const order = r % 2 === 0 ? STORES : [...STORES].reverse();
      for (const name of order) {
        const latencies = await ackLatencies(byName[name], all.slice(at, at + events), rate);
        p50[name].push(percentile(latencies, 0.5));
        p99[name].push(percentile(latencies, 0.99));
      }
    }
    const handled = { memory: await memory.handled(), sqlite: await sqlite.handled() };
    return { rate, events, p50Ms: p50, p99Ms: p99, handled, sent: at };
  } finally {
    for (const side of [memory, sqlite]) {
      side.agent.destroy();
      side.child.stdin!.end();
    }
    await new Promise((r) => setTimeout(r, 200));
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printDurabilityBench(r: DurabilityBenchResult): void {
  const ms = (xs: number[]) => `${median(xs).toFixed(2)} ms`.padStart(9);
  console.log(`— webhook ack with the durable inbox: STORE_URL=memory: vs sqlite:, ${r.rate} events/s, medians of ${r.p99Ms.memory.length} alternated runs of ${r.events} —`);
  console.log(`${''.padEnd(12)} ${'memory:'.padStart(9)}   ${'sqlite:'.padStart(9)}`);
  console.log(`${'ack p50'.padEnd(12)} ${ms(r.p50Ms.memory)}   ${ms(r.p50Ms.sqlite)}`);
  console.log(`${'ack p99'.padEnd(12)} ${ms(r.p99Ms.memory)}   ${ms(r.p99Ms.sqlite)}`);
  // Each round's pair ran back to back: its ratio shows how much of the spread is the machine's.
  const rounds = r.p99Ms.sqlite.map((s, i) => s / (r.p99Ms.memory[i] as number));
  console.log(`p99 sqlite / memory by round: ${rounds.map((x) => x.toFixed(2)).join(', ')} (${rounds.filter((x) => x <= 1.5).length} of ${rounds.length} within the goal)`);
  const ratio = median(r.p99Ms.sqlite) / median(r.p99Ms.memory);
  console.log(`p99 sqlite / memory ${ratio.toFixed(2)} (goal ≤ 1.50) ${ratio <= 1.5 ? 'OK' : 'MISSED'}   (medians; each event: its dedupe claims and record in one commit before the 200)`);
  for (const name of STORES) if (r.handled[name] !== r.sent) console.log(`WARNING: ${name} took ${r.handled[name]} of ${r.sent} events`);
}
