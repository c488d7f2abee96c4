import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards-kit/render.js';
import { overrideLimit } from '../../src/upstream/limits.js';
import { virtualClock } from '../helpers/clock.js';
import { ADMIN, buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, uid } from './helpers.js';

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

  it('Confirm on a large preview behind a full window answers "Queued: about N s" and keeps it on the card until the batch moves', async () => {
    const people = addPeople(h, 201, 'ou_queuedconfirm');
    await h.say(`/status open 出差 ${uid(5)}`); // takes the window's one call
    const preview = (await h.say(`/status open 出差 ${people.join(' ')}`)).at(-1);
    const confirm = Object.entries(buttons(preview)).find(([label]) => label.startsWith('Confirm'))?.[1];
    const messageId = preview?.message_id as string;
    h.mark();
    const res = await h.click(confirm, { messageId, chatId: h.emulator.state.p2pChat(ADMIN) });
    const answer = res.body as { toast?: { content?: string; i18n?: { zh_cn?: string } }; card?: { data?: unknown } };
    expect(answer.toast?.content).toBe('Queued: about 60 s; the result will show on this card');
    expect(answer.toast?.i18n?.zh_cn).toBe('排队中：约 60 秒，结果会显示在这张卡片上');
    expect(renderCardText(answer.card?.data, 'en_us')).toContain(`Queued: about **60** s (rate limit of \`${OPEN}\`: 1 a minute).`);
    // A second click while it waits: claimed, so it says so and runs nothing twice.
    const second = await h.click(confirm, { messageId, chatId: h.emulator.state.p2pChat(ADMIN) });
    expect((second.body as { toast?: { content?: string } }).toast?.content).toMatch(/^Already running/);
    await h.idle();
    const onCard = h.sent().filter((r) => r.message_id === messageId && r.card !== undefined).map((r) => cardText(r));
    expect(onCard[0]).toContain('Queued: about **60** s');
    expect(onCard.some((c) => c.includes('Done **0 / 201**'))).toBe(false);
    expect(onCard.at(-1)).toContain('All succeeded');
  });
});

