import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CX_API } from '../../src/features/cx/client.js';
import { JING_API } from '../../src/features/jing/client.js';
import { overrideLimit } from '../../src/upstream/limits.js';
import { virtualClock } from '../helpers/clock.js';
import { cxState } from '../../src/sandbox/chengxun/routes.js';
import { jingState } from '../../src/sandbox/jingsocial/routes.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardText, startHarness, type Harness } from '../helpers/harness.js';
import { button, replyId } from '../helpers/vendors.js';

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

/** A run with one item left to retry takes the window's one call; its Retry, clicked at once, is queued. */
async function expectRetryQueued(line: string, label: string, api: string, cure: () => void, done: string): Promise<void> {
  const sent = await h.say(line);
  cure();
  const messageId = replyId(sent);
  h.mark();
  const res = await h.click(button(sent, label), { messageId });
  const answer = res.body as { toast?: { content?: string; i18n?: { zh_cn?: string } }; card?: { data?: unknown } };
  expect(answer.toast?.content).toBe('Queued: about 60 s; the result will show on this card');
  expect(answer.toast?.i18n?.zh_cn).toBe('排队中：约 60 秒，结果会显示在这张卡片上');
  expect(renderCardText(answer.card?.data, 'en_us')).toContain(`Queued: about **60** s (rate limit of \`${api}\`: 1 a minute).`);
  await h.idle();
  const onCard = h.sent().filter((r) => r.message_id === messageId && r.card !== undefined).map((r) => cardText(r));
  expect(onCard[0]).toContain('Queued: about **60** s');
  expect(onCard.some((c) => c.includes('Working… 0/'))).toBe(false);
  expect(onCard.at(-1)).toContain(done);
}

describe('a vendor Retry behind a full rate window answers that it is queued', () => {
  it('/jing Retry not updated', () => {
    const jing = jingState(h.emulator.state);
    jing.absentUsers.add('u0002');
    return expectRetryQueued('/jing status etDemoActivity0001 u0001 u0002 --signin 1', 'Retry not updated', JING_API.userStatus, () => jing.absentUsers.clear(), 'This retry re-sent 1 users.');
  });
  it('/cx Retry failed', () => {
    const cx = cxState(h.emulator.state);
    cx.rejectAccounts.add('1008611');
    return expectRetryQueued('/cx card LIST --org 20001 1008611 --item "出差|https://example.com/me"', 'Retry failed', CX_API.sameData, () => cx.rejectAccounts.clear(), 'This retry re-sent 1 accounts.');
  });
});
