import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { calls, lastCard, lastText, TRIP, uid, world } from './helpers.js';

// A lost answer (the emulator applies the request, then drops the connection or never answers) is not a
// refusal: the people of that chunk may have had their status set.
const OPEN = 'personal_settings.system_status.batch_open';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ overrides: {} });
});
afterAll(() => h.close());
beforeEach(() => {
  const w = world(h);
  w.active.clear();
  w.applied.clear();
  h.emulator.state.faults.length = 0;
  h.emulator.state.calls.clear();
});

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => uid(from + i));

describe('ambiguous outcomes of /status open', () => {
  it('every attempt applied then hung up: the people are "unknown: may have been applied", Undo closes them, Retry offers them', async () => {
    h.emulator.state.injectFault({ api: OPEN, status: 0, afterApply: 'hangUp', times: 10 });
    await h.say(`/status open 出差 ${ids(3).join(' ')}`);
    const card = lastCard(h);
    const text = cardText(card);
    expect(text).toContain('Unknown: may have been applied (can be retried) (`unknown_may_have_applied`): **3**');
    expect(text).toContain('no answer came back');
    expect(cardText(card, 'zh_cn')).toContain('结果未知：可能已生效');
    expect(text).not.toContain('request_failed');
    // The emulator did apply them (4 attempts, each applied).
    for (const id of ids(3)) expect(world(h).applied.get(id)).toBe(4);
    const b = buttons(card);
    expect(Object.keys(b)).toEqual(['Retry failed (3)', 'Undo (3)', 'Export CSV']);

    h.mark();
    await h.click(b['Export CSV'], { messageId: card.message_id, chatId: card.chat_id });
    const csv = h.sent().find((r) => r.file)!.file!.content.toString('utf8');
    expect(csv.match(/unknown_may_have_applied/g)).toHaveLength(3);
    expect(csv).toContain('Unknown: may have been applied');

    const res = await h.click(b['Undo (3)'], { messageId: card.message_id, chatId: card.chat_id });
    await h.idle();
    expect(res.body.toast.content).toContain('3 succeeded');
    expect(calls(h, 'batch_close')).toBe(1);
    for (const id of ids(3)) expect(world(h).active.get(id)?.has(TRIP)).toBe(false);
  });

  it('one lost answer, then a clean retry: the people succeeded (the retry answered for them)', async () => {
    h.emulator.state.injectFault({ api: OPEN, status: 0, afterApply: 'hangUp', times: 1 });
    await h.say(`/status open 出差 ${ids(2).join(' ')}`);
    expect(lastText(h)).toContain('All succeeded');
    for (const id of ids(2)) expect(world(h).applied.get(id)).toBe(2);
  });

  it('a refused connection is no lost answer: a request refused before it was applied stays "request failed"', async () => {
    h.emulator.state.injectFault({ api: OPEN, status: 503, body: { code: 1, msg: 'unavailable' }, times: 10 });
    await h.say(`/status open 出差 ${ids(2).join(' ')}`);
    const text = lastText(h);
    expect(text).toContain('`request_failed`): **2**');
    expect(text).not.toContain('unknown_may_have_applied');
    expect(Object.keys(buttons(lastCard(h)))).toEqual(['Retry failed (2)', 'Export CSV']);
  });

  it('lost answers, then a 5xx on the last attempt: still unknown (an earlier attempt may have been applied)', async () => {
    h.emulator.state.injectFault({ api: OPEN, status: 0, afterApply: 'hangUp', times: 1 });
    h.emulator.state.injectFault({ api: OPEN, status: 500, body: { code: 1, msg: 'internal' }, times: 9 });
    await h.say(`/status open 出差 ${ids(2).join(' ')}`);
    expect(lastText(h)).toContain('`unknown_may_have_applied`): **2**');
  });
});

describe('an answer that never comes (applied, then the client times out)', () => {
  let slow: Harness;
  beforeAll(async () => {
    slow = await startHarness({ retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, feishuTimeoutMs: 300 });
  });
  afterAll(() => slow.close());

  it('is unknown too, and Undo includes the people', async () => {
    slow.emulator.state.injectFault({ api: OPEN, status: 0, afterApply: 'stall', times: 2 });
    await slow.say(`/status open 出差 ${ids(2).join(' ')}`);
    const card = lastCard(slow);
    expect(cardText(card)).toContain('`unknown_may_have_applied`): **2**');
    expect(Object.keys(buttons(card))).toContain('Undo (2)');
  });
});
