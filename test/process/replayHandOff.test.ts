import { describe, expect, it } from 'vitest';
import { cardText } from '../helpers/harness.js';
import { applied, groupOf, liveBotsOnOneFile, sayInGroup, until } from './resumeBot.js';

// A batch started by a message is both a recorded delivery (durable inbox) and a durable job. Once the
// job is stored, the job alone owns the work: after a kill -9 it resumes, and the message is not replayed
// (that would run the command again as a second job).
const OPEN = 'personal_settings.system_status.batch_open';
const PEOPLE = 150;
const live = liveBotsOnOneFile(OPEN, 3000);
const bot = live.bot;

describe('a command whose batch job is stored', () => {
  it('kill -9 with its calls in flight: the job resumes once and the message is not run again', async () => {
    const ids = groupOf(live.emulator(), PEOPLE);
    const first = await bot();
    await sayInGroup(live.emulator(), first, '/status open 出差 --chat --until 2d');
    await until(() => live.emulator().state.calls.get(OPEN) ?? 0, (n) => n >= 1, 'the first batch_open sent');
    await first.stop('SIGKILL');

    const second = await bot();
    const resumedCard = await until(
      () => live.emulator().state.cards().filter((c) => cardText(c).includes('Resumed after a restart')).at(-1),
      Boolean, 'the resumed final card', 60_000,
    );
    expect(cardText(resumedCard)).toContain('All succeeded');
    // Logged once the resumed job has shown its final card: a moment after the card itself.
    await until(() => second.messages(), (m) => m.includes('job resumed after a restart'), 'the resume log line');
    expect(second.messages()).not.toContain('command received');
    // One job: each person set once by the resumed job (plus at most once by the calls cut short by the kill).
    for (const id of ids) expect(applied(live.emulator()).get(id) ?? 0).toBeGreaterThanOrEqual(1);
    expect([...applied(live.emulator()).values()].every((n) => n <= 2)).toBe(true);
    const replies = live.emulator().state.outbox.filter((r) => r.api === 'im.message.reply');
    expect(replies).toHaveLength(1);
  }, 90_000);
});
