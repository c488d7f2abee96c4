import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JING_API } from '../../src/features/jing/client.js';
import { CX_API } from '../../src/features/cx/client.js';
import { jingState } from '../../src/sandbox/jingsocial/routes.js';
import { buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { lastCard } from '../helpers/vendors.js';

// The vendor applies the request, then the connection drops: the users may have been updated.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function csvOf(card: ReturnType<typeof lastCard>): Promise<string> {
  h.mark();
  await h.click(buttons(card)['Export CSV'], { messageId: card.message_id, chatId: card.chat_id });
  return h.sent().find((r) => r.file)!.file!.content.toString('utf8');
}

describe('a lost answer from a vendor', () => {
  it('/jing status: the users are "unknown: may have been applied" (not "call failed"), Retry offers them, the CSV says so', async () => {
    h.emulator.state.injectFault({ api: JING_API.userStatus, status: 0, afterApply: 'hangUp', times: 10 });
    const card = lastCard(await h.say('/jing status etDemoActivity0001 u0001 u0002 --signin 1'));
    expect(jingState(h.emulator.state).requests.length).toBeGreaterThan(1);
    expect(cardText(card)).toContain('❓ **2** users · unknown: the request went out but no answer came back');
    expect(cardText(card)).toContain('**0**\ncall failed\n**2**\nunknown');
    expect(cardText(card, 'zh_cn')).toContain('❓ **2** 人 · 结果未知');
    expect(cardText(card)).not.toContain('❌');
    expect(Object.keys(buttons(card)).some((l) => l.startsWith('Retry'))).toBe(true);
    expect((await csvOf(card)).match(/unknown_may_have_applied/g)).toHaveLength(2);
  });

  it('/cx card: the chunk may have been applied', async () => {
    h.emulator.state.injectFault({ api: CX_API.sameData, status: 0, afterApply: 'hangUp', times: 10 });
    const card = lastCard(await h.say('/cx card LIST --org 20001 1008611 --item "出差|https://example.com/me"'));
    expect(cardText(card)).toContain('no answer came back, so it may have been applied');
    expect((await csvOf(card)).match(/unknown_may_have_applied/g)).toHaveLength(1);
  });
});
