import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Emulator } from '../../src/sandbox/emulator.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { buttons, cardText } from '../helpers/harness.js';
import { startRedisServer } from '../helpers/realServices.js';
import { applied, clickOn, groupOf, sayInGroup, startLiveBot, startLiveEmulator, until, type LiveBot } from '../process/resumeBot.js';

// Two real bot processes on one private Redis, in front of an emulator that runs here and outlives them.
// batch_open is slow, so that a batch is still running when the instance running it is killed.
const redisUrl = inject('redisUrl');
const OPEN = 'personal_settings.system_status.batch_open';
const PEOPLE = 1000;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function twoBotsOnOneRedis(latencyMs: number): Promise<{ emulator: Emulator; bots: [LiveBot, LiveBot] }> {
  const emulator = await startLiveEmulator();
  cleanups.push(() => emulator.close());
  emulator.state.apiLatencyMs.set(OPEN, latencyMs);
  const redis = await startRedisServer();
  cleanups.push(() => redis.stop());
  const bots = await Promise.all([startLiveBot(emulator, redis.url), startLiveBot(emulator, redis.url)]);
  for (const b of bots) cleanups.push(() => b.kill9());
  return { emulator, bots };
}

/** /status open for the whole group (a preview), Confirm clicked on `on`; the card and who is in the group. */
async function confirmBatch(emulator: Emulator, on: LiveBot): Promise<{ ids: string[]; card: Recorded }> {
  const ids = groupOf(emulator, PEOPLE);
  await sayInGroup(emulator, on, '/status open 出差 --chat --until 2d');
  const card = (await until(() => emulator.state.cards().find((c) => 'Cancel' in buttons(c)), Boolean, 'the preview card'))!;
  const confirm = Object.entries(buttons(card)).find(([label]) => label.startsWith('Confirm'))![1];
  void clickOn(on, confirm, card).catch(() => undefined);
  return { ids, card };
}

/** The job runs this instance started (one per pick of the job by its BullMQ worker). */
const startsOn = (bot: LiveBot) => bot.output().split('\n').filter((l) => l.includes('"job started on this instance"'))
  .map((l) => ({ resumed: (JSON.parse(l) as { resumed: boolean }).resumed }));
const runner = (bots: LiveBot[]) => bots.find((b) => b.messages().includes('job started on this instance'));

/** The card ends resumed with everybody done; one export row per person: nobody lost, nobody twice. */
async function expectFinishedOnce(emulator: Emulator, card: Recorded, ids: string[], survivor: LiveBot): Promise<void> {
  const latest = () => emulator.state.cards().filter((c) => c.message_id === card.message_id).at(-1);
  const final = (await until(latest, (c) => c !== undefined && cardText(c).includes('All succeeded'), 'the final card', 60_000))!;
  expect(cardText(final)).toContain('Resumed after a restart');
  for (const id of ids) expect(applied(emulator).get(id) ?? 0).toBeGreaterThanOrEqual(1);
  const before = emulator.state.outbox.length;
  await clickOn(survivor, buttons(final)['Export CSV'], final);
  const file = (await until(() => emulator.state.outbox.slice(before).find((r) => r.file), Boolean, 'the CSV'))!.file!;
  const rows = file.content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  expect(new Set(rows).size).toBe(rows.length);
  for (const id of ids) expect(rows).toContain(id);
}

describe.skipIf(!redisUrl)('a job whose instance goes away (two processes, one Redis)', () => {
  it('kill -9 of the instance running a batch: the other takes it over from its checkpoints and finishes it on the same card', async () => {
    const { emulator, bots } = await twoBotsOnOneRedis(800);
    const { ids, card } = await confirmBatch(emulator, bots[0]);
    await until(() => applied(emulator).size, (n) => n >= 300, 'part of the batch to be applied');
    const running = (await until(() => runner(bots), Boolean, 'the instance running the job'))!;
    const survivor = bots.find((b) => b !== running)!;
    await running.kill9();
    const appliedAtKill = applied(emulator).size;
    expect(appliedAtKill).toBeLessThan(ids.length);

    await expectFinishedOnce(emulator, card, ids, survivor);
    expect(startsOn(survivor)).toEqual([{ resumed: true }]);
    const metrics = await fetch(`http://127.0.0.1:${survivor.port}/metrics`).then((r) => r.text());
    expect(metrics).toContain('opsbot_job_runs_total{how="resumed"} 1');
    expect(metrics).toMatch(/opsbot_jobs_running 0/);
    // The chunks checkpointed before the kill were not sent again: only those in flight may have been.
    const counts = [...applied(emulator).values()];
    expect(counts.every((n) => n <= 2)).toBe(true);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThanOrEqual(appliedAtKill - 200);
  }, 120_000);

  it('SIGTERM of the instance running a batch: it hands the job back at once and the other finishes it', async () => {
    // Slower calls: the chunks in flight at the stop (which it lets finish) must leave some for the other.
    const { emulator, bots } = await twoBotsOnOneRedis(2000);
    const { ids, card } = await confirmBatch(emulator, bots[1]);
    await until(() => applied(emulator).size, (n) => n >= 300, 'part of the batch to be applied');
    const running = (await until(() => runner(bots), Boolean, 'the instance running the job'))!;
    const survivor = bots.find((b) => b !== running)!;
    const stoppedAt = Date.now();
    expect(await running.stop('SIGTERM')).toBe(0);
    // It stopped with part of the batch left (for the other instance, which may already be at it).
    expect(running.messages()).toContain('job interrupted by a stop; it resumes at the next start');
    await expectFinishedOnce(emulator, card, ids, survivor);
    expect(startsOn(survivor)).toEqual([{ resumed: true }]);
    // Handed back, not waited for: well under a lock's lapse and a stalled check.
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect([...applied(emulator).values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
