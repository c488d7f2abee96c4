import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/sandbox/emulator.js';
import { cardText } from '../helpers/harness.js';
import { applied, groupOf, sayInGroup, startLiveBot, startLiveEmulator, until, type LiveBot } from './resumeBot.js';

// A batch started by a message is both a recorded delivery (durable inbox) and a durable job. Once the
// job is stored, the job alone owns the work: after a kill -9 it resumes, and the message is not replayed
// (that would run the command again as a second job).
const OPEN = 'personal_settings.system_status.batch_open';
const PEOPLE = 150;
let emulator: Emulator;
let dir: string;
const bots: LiveBot[] = [];
beforeEach(async () => {
  emulator = await startLiveEmulator();
  emulator.state.apiLatencyMs.set(OPEN, 3000);
  dir = mkdtempSync(join(tmpdir(), 'opsbot-handoff-'));
});
afterEach(async () => {
  for (const b of bots.splice(0)) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function bot(): Promise<LiveBot> {
  const b = await startLiveBot(emulator, `sqlite:${join(dir, 'bot.sqlite')}`);
  bots.push(b);
  return b;
}

describe('a command whose batch job is stored', () => {
  it('kill -9 with its calls in flight: the job resumes once and the message is not run again', async () => {
    const ids = groupOf(emulator, PEOPLE);
    const first = await bot();
    await sayInGroup(emulator, first, '/status open 出差 --chat --until 2d');
    await until(() => emulator.state.calls.get(OPEN) ?? 0, (n) => n >= 1, 'the first batch_open sent');
    await first.stop('SIGKILL');

    const second = await bot();
    const resumedCard = await until(
      () => emulator.state.cards().filter((c) => cardText(c).includes('Resumed after a restart')).at(-1),
      Boolean, 'the resumed final card', 60_000,
    );
    expect(cardText(resumedCard)).toContain('All succeeded');
    expect(second.messages()).toContain('job resumed after a restart');
    expect(second.messages()).not.toContain('command received');
    // One job: each person set once by the resumed job (plus at most once by the calls cut short by the kill).
    for (const id of ids) expect(applied(emulator).get(id) ?? 0).toBeGreaterThanOrEqual(1);
    expect([...applied(emulator).values()].every((n) => n <= 2)).toBe(true);
    const replies = emulator.state.outbox.filter((r) => r.api === 'im.message.reply');
    expect(replies).toHaveLength(1);
  }, 90_000);
});
