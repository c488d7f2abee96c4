import type { ChildProcess } from 'node:child_process';
import { LOCK_MS, STALLED_CHECK_MS } from '../src/batch/bullQueue.js';
import { SANDBOX_APP_ID } from '../src/config.js';
import { startEmulator, type Emulator } from '../src/sandbox/emulator.js';
import { SANDBOX_ADMIN, SANDBOX_GROUP } from '../src/sandbox/state.js';
import { RedisStore } from '../src/store/redisStore.js';
import { freePort, startRedisServer } from '../test/helpers/realServices.js';
import { median, sleep, spawnLiveBot } from './liveBot.js';

const OPEN = 'personal_settings.system_status.batch_open';
const PEOPLE = 20_000;
const RUNS = 3;

export interface TakeoverFigures {
  runs: Array<{ killAfterCalls: number; firstCallMs: number; finishedMs: number }>;
}

const calls = (emulator: Emulator) => emulator.state.calls.get(OPEN) ?? 0;

async function bot(emulator: Emulator, storeUrl: string): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawnLiveBot(emulator.url, storeUrl, port);
  const started = Date.now();
  while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
    if (Date.now() - started > 30_000) throw new Error('a bot did not start within 30 s');
    await sleep(20);
  }
  return child;
}

/**
 * One takeover: a 20,000-person /status open (left unfinished in Redis, so the first instance takes it at
 * its start), a second instance started beside it, then kill -9 of the first once part is sent. Measured
 * from the kill: the survivor's first call (the lock lapsing plus a stalled-job check) and the batch's end.
 */
async function oneTakeover(): Promise<TakeoverFigures['runs'][number]> {
  const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
  const redis = await startRedisServer();
  const people = Array.from({ length: PEOPLE }, (_, i) => `ou_bench${String(i).padStart(25, '0')}`);
  for (const id of people) emulator.state.users.set(id, { open_id: id, name: id, en_name: id, tenant: 'home' });
  const store = await RedisStore.open({ url: redis.url, sweepEveryMs: 0 });
  const id = 'st_benchtakeover01';
  await store.set('job', `job:${id}`, {
    id, kind: 'status', createdBy: SANDBOX_ADMIN, createdAt: Date.now(), chatId: SANDBOX_GROUP, state: 'running',
    input: { op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people, names: {} },
    results: [], meta: { state: 'running' },
  });
  await store.set('active', id, { kind: 'status', since: Date.now() });
  await store.close();
  const bots: ChildProcess[] = [];
  try {
    const first = await bot(emulator, redis.url);
    bots.push(first);
    while (calls(emulator) < 20) await sleep(5);
    bots.push(await bot(emulator, redis.url));
    const killAfterCalls = calls(emulator);
    first.kill('SIGKILL');
    const killedAt = performance.now();
    await sleep(50); // calls already on the wire when it died
    const before = calls(emulator);
    let firstCallMs = 0;
    for (;;) {
      const at = performance.now() - killedAt;
      if (at > 90_000) throw new Error('the batch was not taken over within 90 s');
      if (!firstCallMs && calls(emulator) > before) firstCallMs = at;
      if (calls(emulator) >= PEOPLE / 50) return { killAfterCalls, firstCallMs, finishedMs: at };
      await sleep(5);
    }
  } finally {
    for (const b of bots) b.kill('SIGKILL');
    await emulator.close();
    await redis.stop();
  }
}

export async function benchTakeover(): Promise<TakeoverFigures> {
  const runs: TakeoverFigures['runs'] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneTakeover());
  return { runs };
}

export function printTakeoverBench(f: TakeoverFigures): void {
  const m = (k: keyof TakeoverFigures['runs'][number]) => Math.round(median(f.runs.map((r) => r[k])));
  console.log(`Takeover on Redis: a ${PEOPLE.toLocaleString('en')}-person /status open, kill -9 of the instance running it, ${RUNS} runs, medians`);
  console.log(`  killed after                          ${m('killAfterCalls')} calls of ${PEOPLE / 50}`);
  console.log(`  kill → the other instance's first call  ${m('firstCallMs')} ms (the lock, ${LOCK_MS} ms, lapsing, then a stalled-job check, every ${STALLED_CHECK_MS} ms)`);
  console.log(`  kill → the batch finished               ${m('finishedMs')} ms`);
}
