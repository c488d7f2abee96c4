import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqliteStore.js';

const WAYS = ['one step', 'three writes'] as const;
type Way = (typeof WAYS)[number];

export interface StoreWritesBenchResult {
  prefilled: number;
  events: number;
  /** Microseconds per event, per round, each way of writing the ack path. */
  usPerEvent: Record<Way, number[]>;
}

/**
 * What the ack path costs the SQLite store in writes, with `prefilled` dedupe keys already live (so that a
 * per-write cost that grows with the kind's size shows): per event two dedupe claims and an inbox record,
 * then its delete once done. `one step` is what the inbox does (claimAndSet: one transaction, one commit);
 * `three writes` the same as two claims and a set (three commits), for comparison. Alternated rounds, one
 * file (the dedupe kind's bound, 500,000, holds the prefill and every round).
 */
export async function benchStoreWrites(prefilled = 200_000, events = 10_000, rounds = 5): Promise<StoreWritesBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-bench-'));
  const store = new SqliteStore({ path: join(dir, 'bench.sqlite'), sweepEveryMs: 0 });
  try {
    for (let i = 0; i < prefilled; i++) await store.claim('dedupe', `event:pre${i}`);
    const usPerEvent: Record<Way, number[]> = { 'one step': [], 'three writes': [] };
    for (let r = 0; r < rounds; r++) {
      for (const way of r % 2 === 0 ? WAYS : [...WAYS].reverse()) {
        const started = process.hrtime.bigint();
        for (let i = 0; i < events; i++) {
          const id = `${r}-${way}-${i}`;
          const key = `${String(Date.now()).padStart(15, '0')}-${id}`;
          const record = { id, body: 'x'.repeat(300) };
          if (way === 'one step') {
            await store.claimAndSet([{ kind: 'dedupe', key: `event:e${id}` }, { kind: 'dedupe', key: `message:om_${id}` }], { kind: 'inbox', key, value: record });
          } else {
            await store.claim('dedupe', `event:e${id}`);
            await store.claim('dedupe', `message:om_${id}`);
            await store.set('inbox', key, record);
          }
          await store.delete('inbox', key);
        }
        usPerEvent[way].push(Number(process.hrtime.bigint() - started) / 1000 / events);
      }
    }
    return { prefilled, events, usPerEvent };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStoreWritesBench(r: StoreWritesBenchResult): void {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`store writes (SQLite, ${r.prefilled.toLocaleString('en')} live dedupe keys): ${r.events.toLocaleString('en')} events a round, each way`);
  for (const way of WAYS) {
    console.log(`  ${way.padEnd(12)} (2 claims + inbox record, then its delete): median ${median(r.usPerEvent[way]).toFixed(1)} µs per event; rounds ${r.usPerEvent[way].map((u) => u.toFixed(1)).join(', ')}`);
  }
}
