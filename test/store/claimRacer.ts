// A separate process claiming the same keys as its siblings on one SQLite file (see sqlite.test.ts).
// With `claimAndSet` as its last argument, each claim comes with an inbox entry of its own, written in the same step.
import { SqliteStore } from '../../src/store/sqliteStore.js';

const [path, count, , how] = process.argv.slice(2);
const store = new SqliteStore({ path: path as string, sweepEveryMs: 0 });
// Everyone starts together: wait for the go file's moment, given as an absolute time.
const startAt = Number(process.argv[4]);
while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 5));
const won: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const key = `race:${i}`;
  const taken = how === 'claimAndSet'
    ? (await store.claimAndSet([{ kind: 'dedupe', key }], { kind: 'inbox', key: `${key}:${process.pid}`, value: process.pid })).done
    : await store.claim('dedupe', key);
  if (taken) won.push(key);
}
await store.close();
process.stdout.write(JSON.stringify(won));
