import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideLimit } from '../../src/upstream/limits.js';
import { virtualClock } from '../helpers/clock.js';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

/**
 * The 101st /okr in a minute waits for okr.period.list's window. Scaled down to 1 call a minute, in virtual
 * time: the wait is a full minute, exactly, and takes no real time.
 */
let h: Harness;
beforeAll(async () => {
  overrideLimit('okr.period.list', { windows: [{ limit: 1, windowMs: 60_000 }] });
  overrideLimit('personal_settings.system_status.list', { chunkSize: 50, windows: [{ limit: 1, windowMs: 30_000 }] });
  h = await startHarness({ clock: virtualClock() });
});
afterAll(async () => {
  overrideLimit('okr.period.list', undefined);
  overrideLimit('personal_settings.system_status.list', undefined);
  await h.close();
});

describe('a command that must wait for its rate window says so first', () => {
  it('answers at once when there is room: no queued card', async () => {
    const sent = await h.say('/okr', { as: MEMBER });
    expect(sent.map((r) => r.api)).toEqual(['im.message.reply']);
    expect(cardText(sent[0])).toContain('OKR summary');
    expect(cardText(sent[0])).not.toContain('Queued');
  });

  it('shows "Queued: about N s (rate limit of <API>)" on the answer card, then the result replaces it', async () => {
    const sent = await h.say('/okr', { as: MEMBER });
    const [queued, ...later] = sent;
    expect(queued?.api).toBe('im.message.reply');
    const en = cardText(queued, 'en_us');
    // The window (60 s) widened by the limiter's margin (200 ms): about 60 s.
    expect(en).toContain('Queued: about **60** s (rate limit of `okr.period.list`: 1 a minute).');
    expect(en).toContain('the result replaces this card');
    const zh = cardText(queued, 'zh_cn');
    expect(zh).toContain('排队中：约 **60** 秒（`okr.period.list` 的频率限制：每分钟 1 次）。');
    const result = later.at(-1);
    expect(result?.api).toBe('im.message.patch');
    expect(result?.message_id).toBe(queued?.message_id);
    expect(cardText(result)).toContain('OKR summary');
    expect(cardText(result)).not.toContain('Queued');
    // The reply went out before the period list was asked for again, a minute later in virtual time.
    expect((result?.at ?? 0) - (queued?.at ?? 0)).toBeGreaterThanOrEqual(60_000);
  });

  it('/status list too: queued on its card, then the statuses in its place', async () => {
    expect(cardText((await h.say('/status list', { as: ADMIN }))[0])).toContain('System statuses');
    const sent = await h.say('/status list', { as: ADMIN });
    expect(cardText(sent[0])).toContain('Queued: about **30** s (rate limit of `personal_settings.system_status.list`: 1 per 30 s).');
    expect(sent.at(-1)?.message_id).toBe(sent[0]?.message_id);
    expect(cardText(sent.at(-1))).toContain('System statuses');
  });
});
