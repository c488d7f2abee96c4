import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqliteStore.js';

export interface StoreWritesBenchResult {
  prefilled: number;
  events: number;
  /** Microseconds per event: two dedupe claims, one inbox record written and deleted (the ack path's writes). */
  usPerEvent: number[];
}

/**
 * What the ack path costs the SQLite store in writes, with `prefilled` dedupe keys already live (so that a
 * per-write cost that grows with the kind's size shows): per event two dedupe claims, an inbox `set` and its
 * delete once done. Several rounds, on one fresh file.
 */
export async function benchStoreWrites(prefilled = 200_000, events = 20_000, rounds = 5): Promise<StoreWritesBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-bench-'));
  const store = new SqliteStore({ path: join(dir, 'bench.sqlite'), sweepEveryMs: 0 });
  try {
    for (let i = 0; i < prefilled; i++) await store.claim('dedupe', `event:pre${i}`);
    const usPerEvent: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < events; i++) {
        const id = `${r}-${i}`;
        await store.claim('dedupe', `event:e${id}`);
        await store.claim('dedupe', `message:om_${id}`);
        await store.set('inbox', `${String(Date.now()).padStart(15, '0')}-${id}`, { id, body: 'x'.repeat(300) });
        await store.delete('inbox', `${String(Date.now()).padStart(15, '0')}-${id}`);
      }
      usPerEvent.push(Number(process.hrtime.bigint() - started) / 1000 / events);
    }
    return { prefilled, events, usPerEvent };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStoreWritesBench(r: StoreWritesBenchResult): void {
  const sorted = [...r.usPerEvent].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`store writes (SQLite, ${r.prefilled.toLocaleString('en')} live dedupe keys): ${r.events.toLocaleString('en')} events a round`);
  console.log(`  per event (2 claims + inbox set + delete): median ${median.toFixed(1)} µs; rounds ${r.usPerEvent.map((u) => u.toFixed(1)).join(', ')}`);
}
