import { describe, expect, it } from 'vitest';
import { JING_API } from '../../src/features/jing/client.js';
import { jingState } from '../../src/sandbox/jingsocial/routes.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { buttons, cardText } from '../helpers/harness.js';
import { clickOn, liveBotsOnOneFile, sayInGroup, until } from './resumeBot.js';

// A /jing Retry is a job like the run it retries: a bot killed outright in the middle of one leaves it to
// the next process, which finishes it on the same card from its checkpoints. Real processes on one SQLite
// file, the emulator outliving them; the user-status API is made slow only for the retry.
const live = liveBotsOnOneFile(JING_API.userStatus, 0);
const USERS = Array.from({ length: 600 }, (_, i) => `ur${String(i + 1).padStart(4, '0')}`);
const ACT = 'etDemoActivity0001';

const calls = () => live.emulator().state.calls.get(JING_API.userStatus) ?? 0;
const cards = () => live.emulator().state.cards();
const latestOn = (messageId: string): Recorded | undefined => cards().filter((c) => c.message_id === messageId).at(-1);

describe('a /jing Retry interrupted by a crash', () => {
  it('kill -9 mid-retry: the next process resumes the retry on the clicked card, re-sending none of its checkpointed chunks', async () => {
    const jing = jingState(live.emulator().state);
    for (const u of USERS) jing.absentUsers.add(u);
    const first = await live.bot();
    await sayInGroup(live.emulator(), first, `/jing status ${ACT} ${USERS.join(' ')} --signin 1`);
    const result = (await until(() => cards().find((c) => 'Retry not updated' in buttons(c)), Boolean, 'the result card with Retry'))!;
    expect(cardText(result)).toContain('**600**\nnot updated');

    jing.absentUsers.clear();
    const sentBefore = jing.requests.length;
    const callsBefore = calls();
    live.emulator().state.apiLatencyMs.set(JING_API.userStatus, 1500);
    // Six chunks, four at a time: killed once the first has answered, so some are checkpointed and some not.
    void clickOn(first, buttons(result)['Retry not updated'], result).catch(() => undefined);
    // Calls are counted as they arrive (a request is recorded once answered): a fifth call means one has answered.
    await until(() => calls() - callsBefore, (n) => n >= 5, 'the retry under way');
    await first.kill9();
    const callsByFirst = calls() - callsBefore;
    live.emulator().state.apiLatencyMs.set(JING_API.userStatus, 50);

    const second = await live.bot();
    const final = await until(() => latestOn(result.message_id!), (c) => c !== undefined && cardText(c).includes('Resumed after a restart'), 'the resumed retry card', 60_000);
    const text = cardText(final);
    expect(text).toContain('**600**\nupdated');
    expect(text).toContain('This retry re-sent 600 users.');
    // Logged just after the final card is shown.
    await until(() => second.messages(), (m) => m.includes('job resumed after a restart'), 'the resume log line');
    const retried = jing.requests.slice(sentBefore).flatMap((r) => r.user_ids as string[]);
    for (const u of USERS) expect(retried).toContain(u);
    // The chunk answered before the kill was checkpointed: the resumed retry sent fewer than all six again.
    expect(calls() - callsBefore - callsByFirst).toBeLessThan(6);
    expect(Object.keys(buttons(final))).not.toContain('Retry not updated');
  }, 120_000);
});
