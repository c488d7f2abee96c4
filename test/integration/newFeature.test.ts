import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features } from '../../src/features/index.js';
import { againAction, echoFeature } from '../helpers/echoFeature.js';
import { ADMIN, buttons, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { callbackButtons, callbackText, toastText } from '../helpers/vendors.js';

let h: Harness;
beforeAll(async () => {
  // A new feature is one line in the feature list, next to the real ones.
  h = await startHarness({ features: [...features, echoFeature] });
});
afterAll(() => h.close());

describe('a feature registered through the same API as the real ones', () => {
  it('runs its command, with typed arguments', async () => {
    const sent = await h.say('/parrot hello world --times 2', { as: MEMBER });
    expect(sent).toHaveLength(1);
    expect(cardText(sent[0])).toContain('The parrot says: hello world hello world');
    expect(cardText(sent[0], 'zh_cn')).toContain('鹦鹉说：');
  });

  it('is listed by /help, next to the real commands, and explained by /help parrot', async () => {
    const list = cardText((await h.say('/help', { as: MEMBER }))[0]);
    expect(list).toContain('/parrot');
    expect(list).toContain('Repeats what you say');
    expect(list).toContain('/status open');
    const one = cardText((await h.say('/help parrot', { as: MEMBER }))[0]);
    expect(one).toContain('/parrot <words…> [--times <times>] [--loud]');
    expect(one).toContain('Everyone');
  });

  it('round-trips its button: the typed extra comes back, and the next button carries the next value', async () => {
    const sent = await h.say('/parrot hi', { as: MEMBER });
    const again = buttons(sent[0]).Again as { a: string; r: string; x: Record<string, unknown> };
    expect(again).toMatchObject({ a: 'parrot.again', r: MEMBER, x: { words: 'hi', n: 2 } });
    const res = await h.click(again, { as: MEMBER, messageId: sent[0]!.message_id });
    expect(toastText(res)).toBe('Said it again');
    expect(callbackText(res)).toContain('The parrot says: hi hi');
    expect(callbackButtons(res).Again).toMatchObject({ x: { words: 'hi', n: 3 } });
  });

  it('applies its preconditions: a flag that needs a group, and an action for the owner or an admin', async () => {
    const loud = cardText((await h.say('/parrot hi --loud', { as: MEMBER }))[0]);
    expect(loud).toContain('Wrong argument: --loud');
    expect(loud).toContain('only works in a group chat');
    expect(cardText((await h.say('/parrot hi --loud', { group: true }))[0])).toContain('The parrot says: HI');

    const adminCard = (await h.say('/parrot mine', { group: true }))[0]!;
    const refused = await h.click(buttons(adminCard).Again, { as: MEMBER, messageId: adminCard.message_id });
    expect(refused.body.toast.type).toBe('error');
    expect(toastText(refused)).toBe('only its owner or a bot admin may do this');
    expect(refused.body.card).toBeUndefined();
    const memberCard = (await h.say('/parrot theirs', { as: MEMBER }))[0]!;
    const byAdmin = await h.click(buttons(memberCard).Again, { as: ADMIN, messageId: memberCard.message_id });
    expect(callbackText(byAdmin)).toContain('theirs theirs');
  });

  it('refuses button data that does not fit the declared schema with a toast, not a crash', async () => {
    const card = (await h.say('/parrot hi', { as: MEMBER }))[0]!;
    const scope = h.bot.services.buttons.scope({ chat: card.chat_id! });
    // Signed by the bot itself, but the data is not what the action declares.
    const bad: Array<Record<string, string | number>> = [{ words: 'hi', n: 9 }, { words: '', n: 1 }, { words: 'hi', n: 'two' }, {}];
    for (const extra of bad) {
      const res = await h.click(scope.sign(againAction.name, MEMBER, extra), { as: MEMBER, messageId: card.message_id });
      expect(res.status).toBe(200);
      expect(toastText(res), JSON.stringify(extra)).toBe('This button is not valid; nothing was done');
      expect(res.body.card).toBeUndefined();
    }
  });
});
