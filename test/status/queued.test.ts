import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideLimit } from '../../src/upstream/limits.js';
import { virtualClock } from '../helpers/clock.js';
import { cardText, startHarness, type Harness } from '../helpers/harness.js';
import { uid } from './helpers.js';

/** batch_open scaled down to one call a minute, in virtual time: a second run waits behind the first's call. */
const OPEN = 'personal_settings.system_status.batch_open';
let h: Harness;
beforeAll(async () => {
  overrideLimit(OPEN, { chunkSize: 50, windows: [{ limit: 1, windowMs: 60_000 }] });
  h = await startHarness({ clock: virtualClock() });
});
afterAll(async () => {
  overrideLimit(OPEN, undefined);
  await h.close();
});

describe('/status open behind a full rate window', () => {
  it('shows progress at once when there is room, and "Queued: about N s" first when there is not', async () => {
    const first = await h.say(`/status open 出差 ${uid(1)} ${uid(2)}`);
    expect(first.map((r) => cardText(r)).join('\n')).not.toContain('Queued');

    const sent = await h.say(`/status open 出差 ${uid(3)} ${uid(4)}`);
    const [queued, ...later] = sent;
    expect(queued?.api).toBe('im.message.reply');
    expect(cardText(queued, 'en_us')).toContain(`Queued: about **60** s (rate limit of \`${OPEN}\`: 1 a minute).`);
    expect(cardText(queued, 'zh_cn')).toContain('排队中：约 **60** 秒');
    const result = later.at(-1);
    expect(result?.api).toBe('im.message.patch');
    expect(result?.message_id).toBe(queued?.message_id);
    expect(cardText(result)).toContain('All succeeded');
  });
});
