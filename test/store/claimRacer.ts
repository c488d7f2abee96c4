// A separate process claiming the same keys as its siblings on one SQLite file (see sqlite.test.ts).
import { SqliteStore } from '../../src/store/sqliteStore.js';

const [path, count] = process.argv.slice(2);
const store = new SqliteStore({ path: path as string, sweepEveryMs: 0 });
// Everyone starts together: wait for the go file's moment, given as an absolute time.
const startAt = Number(process.argv[4]);
while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 5));
const won: string[] = [];
for (let i = 0; i < Number(count); i++) if (await store.claim('dedupe', `race:${i}`)) won.push(`race:${i}`);
await store.close();
process.stdout.write(JSON.stringify(won));
