import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CX_API } from '../../src/features/cx/client.js';
import { JING_API } from '../../src/features/jing/client.js';
import { overrideLimit } from '../../src/upstream/limits.js';
import { virtualClock } from '../helpers/clock.js';
import { cardText, startHarness, type Harness } from '../helpers/harness.js';

/** The vendors' batch calls scaled down to one a minute, in virtual time: a second run waits a minute. */
let h: Harness;
beforeAll(async () => {
  overrideLimit(JING_API.userStatus, { chunkSize: 100, windows: [{ limit: 1, windowMs: 60_000 }] });
  overrideLimit(CX_API.sameData, { chunkSize: 200, windows: [{ limit: 1, windowMs: 60_000 }] });
  h = await startHarness({ clock: virtualClock() });
});
afterAll(async () => {
  overrideLimit(JING_API.userStatus, undefined);
  overrideLimit(CX_API.sameData, undefined);
  await h.close();
});

async function expectQueuedThenResult(line: string, api: string, done: string): Promise<void> {
  const first = await h.say(line);
  expect(first.map((r) => cardText(r)).join('\n')).not.toContain('Queued');
  const [queued, ...later] = await h.say(line);
  expect(queued?.api).toBe('im.message.reply');
  expect(cardText(queued, 'en_us')).toContain(`Queued: about **60** s (rate limit of \`${api}\`: 1 a minute).`);
  expect(cardText(queued, 'zh_cn')).toContain('排队中：约 **60** 秒');
  const result = later.at(-1);
  expect(result?.message_id).toBe(queued?.message_id);
  expect(cardText(result)).toContain(done);
}

describe('a vendor batch behind a full rate window says it is queued first', () => {
  it('/jing status', () => expectQueuedThenResult('/jing status etDemoActivity0001 u0001 u0002 --signin 1', JING_API.userStatus, 'Jingsocial activity status updated'));
  it('/cx card', () => expectQueuedThenResult('/cx card LIST --org 20001 1008611 --item "出差|https://example.com/me"', CX_API.sameData, 'Chengxun workbench card data set'));
});
