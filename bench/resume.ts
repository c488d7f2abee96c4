import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_APP_ID } from '../src/config.js';
import { startEmulator } from '../src/sandbox/emulator.js';
import { SANDBOX_ADMIN, SANDBOX_GROUP } from '../src/sandbox/state.js';
import { SqliteStore } from '../src/store/sqliteStore.js';
import { freePort } from '../test/helpers/realServices.js';
import { median, sleep, spawnLiveBot } from './liveBot.js';

const OPEN = 'personal_settings.system_status.batch_open';
const PEOPLE = 5000;
const RUNS = 3;

export interface ResumeFigures {
  runs: Array<{ healthyMs: number; firstCallMs: number; finishedMs: number }>;
}

/** What a process stopped by SIGTERM halfway through a 5,000-person /status open leaves in its SQLite file. */
function leaveHalfDone(path: string, people: string[]): void {
  const store = new SqliteStore({ path, sweepEveryMs: 0 });
  const id = 'st_benchresume0001';
  void store.set('unfinished', `job:${id}`, {
    id, kind: 'status', createdBy: SANDBOX_ADMIN, createdAt: Date.now(), chatId: SANDBOX_GROUP, state: 'running',
    input: { op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people, names: {} },
    results: [], meta: { state: 'running' },
  });
  for (let i = 0; i < people.length / 100; i++) void store.set('chunk', `${id}:${i}`, people.slice(i * 50, i * 50 + 50).map((p) => ({ id: p, result: 'success_show' })));
  void store.set('active', id, { kind: 'status', since: Date.now() });
  void store.close();
}

/** One restart: the milliseconds from spawning the process to /healthz, to the resumed batch's first call, and to its end. */
async function oneRestart(): Promise<ResumeFigures['runs'][number]> {
  const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-bench-resume-'));
  const people = Array.from({ length: PEOPLE }, (_, i) => `ou_bench${String(i).padStart(25, '0')}`);
  for (const id of people) emulator.state.users.set(id, { open_id: id, name: id, en_name: id, tenant: 'home' });
  leaveHalfDone(join(dir, 'bot.sqlite'), people);
  const port = await freePort();
  const started = performance.now();
  const child = spawnLiveBot(emulator.url, `sqlite:${join(dir, 'bot.sqlite')}`, port);
  let healthyMs = 0;
  let firstCallMs = 0;
  try {
    for (;;) {
      const at = performance.now() - started;
      if (at > 60_000) throw new Error('the resumed batch did not finish within 60 s');
      if (!healthyMs && (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) healthyMs = at;
      if (!firstCallMs && (emulator.state.calls.get(OPEN) ?? 0) > 0) firstCallMs = at;
      if ((emulator.state.calls.get(OPEN) ?? 0) >= PEOPLE / 100) return { healthyMs, firstCallMs, finishedMs: performance.now() - started };
      await sleep(2);
    }
  } finally {
    child.kill('SIGKILL');
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchResume(): Promise<ResumeFigures> {
  const runs: ResumeFigures['runs'] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRestart());
  return { runs };
}

export function printResumeBench(f: ResumeFigures): void {
  const m = (k: keyof ResumeFigures['runs'][number]) => Math.round(median(f.runs.map((r) => r[k])));
  console.log(`Resume after a restart: a ${PEOPLE.toLocaleString('en')}-person /status open left half done (SQLite), ${RUNS} restarts, medians`);
  console.log(`  process start → /healthz 200               ${m('healthyMs')} ms`);
  console.log(`  process start → resumed batch's first call  ${m('firstCallMs')} ms`);
  console.log(`  process start → the other half sent         ${m('finishedMs')} ms (${PEOPLE / 100} calls of 50)`);
  console.log('  (after kill -9 add up to the lease, 12 s: the killed process cannot give its job back)');
}
