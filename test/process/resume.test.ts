import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/sandbox/state.js';
import { buttons, cardText } from '../helpers/harness.js';
import { applied, clickOn, groupOf, liveBotsOnOneFile, sayInGroup, until, type LiveBot } from './resumeBot.js';

// Real processes on one SQLite file against an emulator that outlives them. batch_open is slow (the
// emulator's latency for it), so that a 1,000-person batch is stopped with part of it done.
const OPEN = 'personal_settings.system_status.batch_open';
const PEOPLE = 1000;
const live = liveBotsOnOneFile(OPEN, 800);
const bot = live.bot;

const cards = () => live.emulator().state.cards();
const latestOn = (messageId: string): Recorded | undefined => cards().filter((c) => c.message_id === messageId).at(-1);
const previewCard = () => until(() => cards().find((c) => 'Cancel' in buttons(c)), Boolean, 'the preview card');

/** /status open for the whole group (over 200: a preview), then Confirm; returns the card's message. */
async function startBatch(b: LiveBot): Promise<{ ids: string[]; card: Recorded }> {
  const ids = groupOf(live.emulator(), PEOPLE);
  await sayInGroup(live.emulator(), b, '/status open 出差 --chat --until 2d');
  const card = (await previewCard())!;
  const confirm = Object.entries(buttons(card)).find(([label]) => label.startsWith('Confirm'))![1];
  // Not awaited: the callback is answered after its 2.5 s budget, by when the batch is well under way.
  void clickOn(b, confirm, card).catch(() => undefined);
  return { ids, card };
}

/** Every person of the group was applied at least once; and the result card says all succeeded, resumed. */
async function expectResumedToTheEnd(card: Recorded, ids: string[], b: LiveBot): Promise<void> {
  const final = await until(() => latestOn(card.message_id!), (c) => c !== undefined && cardText(c).includes('Resumed after a restart'), 'the resumed final card', 60_000);
  const text = cardText(final);
  expect(text).toContain('All succeeded');
  expect(text).toMatch(/1,?012 people/);
  expect(cardText(final, 'zh_cn')).toContain('机器人重启后已自动继续执行这个批次');
  for (const id of ids) expect(applied(live.emulator()).get(id) ?? 0).toBeGreaterThanOrEqual(1);
  // One row per person in the export: nobody lost, nobody twice.
  const before = live.emulator().state.outbox.length;
  await clickOn(b, buttons(final)['Export CSV'], final!);
  const file = (await until(() => live.emulator().state.outbox.slice(before).find((r) => r.file), Boolean, 'the CSV'))!.file!;
  const rows = file.content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  expect(rows).toHaveLength(PEOPLE + 12);
  expect(new Set(rows).size).toBe(rows.length);
  for (const id of ids) expect(rows).toContain(id);
}

describe('a batch interrupted by a restart', () => {
  it('kill -9 mid-batch: two processes start on the file, one resumes it from its checkpoints, on the same card', async () => {
    const first = await bot();
    const { ids, card } = await startBatch(first);
    await until(() => applied(live.emulator()).size, (n) => n >= 300, 'part of the batch to be applied');
    await first.stop('SIGKILL');

    const [a, b] = await Promise.all([bot(), bot()]);
    await expectResumedToTheEnd(card, ids, a);
    // One process resumed it; the chunks checkpointed before the kill were not sent again.
    const resumedBy = [a, b].filter((x) => x.messages().includes('job resumed after a restart'));
    expect(resumedBy).toHaveLength(1);
    const counts = [...applied(live.emulator()).values()];
    expect(counts.every((n) => n <= 2)).toBe(true);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThan(0);
    expect(live.emulator().state.calls.get(OPEN)).toBeLessThan(2 * Math.ceil((PEOPLE + 12) / 50));
  }, 120_000);

  it('SIGTERM mid-batch: the chunks in flight finish, the process exits 0 within the deadline, the next start resumes', async () => {
    const first = await bot();
    const { ids, card } = await startBatch(first);
    await until(() => applied(live.emulator()).size, (n) => n >= 300, 'part of the batch to be applied');
    const stopAt = Date.now();
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(10_000);
    expect(first.messages()).toContain('job interrupted by a stop; it resumes at the next start');
    expect(cardText(latestOn(card.message_id!))).toContain('continues by itself once the bot is back');
    // Every chunk sent before the stop was answered and checkpointed: the next start sends none of them again.
    const appliedBefore = new Map(applied(live.emulator()));
    const second = await bot();
    await expectResumedToTheEnd(card, ids, second);
    for (const [id, n] of appliedBefore) expect(applied(live.emulator()).get(id)).toBe(n);
  }, 120_000);
});

describe('a preview across a restart', () => {
  it('Confirm after a restart runs the batch once, whichever of two processes gets the clicks', async () => {
    live.emulator().state.apiLatencyMs.set(OPEN, 20);
    const first = await bot();
    groupOf(live.emulator(), 300);
    await sayInGroup(live.emulator(), first, '/status open 出差 --chat --until 2d');
    const card = (await previewCard())!;
    expect(await first.stop('SIGTERM')).toBe(0);
    const [a, b] = await Promise.all([bot(), bot()]);
    const confirm = Object.entries(buttons(card)).find(([label]) => label.startsWith('Confirm'))![1];
    const answers = await Promise.all([clickOn(a, confirm, card), clickOn(b, confirm, card)]);
    const toasts = answers.map((x) => x.toast?.content ?? '');
    expect(toasts.filter((t) => /Already (running|done)/.test(t))).toHaveLength(1);
    await until(() => latestOn(card.message_id!), (c) => c !== undefined && cardText(c).includes('All succeeded'), 'the result card');
    expect([...applied(live.emulator()).values()].every((n) => n === 1)).toBe(true);
    expect(applied(live.emulator()).size).toBe(312);
  }, 90_000);
});
