import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards-kit/render.js';
import { acsData, sampleAcsUsers } from '../../src/sandbox/feishu/acs/routes.js';
import { SEED_OKR } from '../../src/sandbox/feishu/okr/data.js';
import { overrideLimit, type FeishuApiName } from '../../src/upstream/limits.js';
import { virtualClock } from '../helpers/clock.js';
import { ADMIN, buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Honest waiting beyond /okr and /status list: `/okr <ids>`, `/acs users`, `/acs user`, and the clicks that
 * read a rate-limited API (OKR Refresh, ACS Next page). Scaled down to 1 call a minute, in virtual time.
 */
const scaled: FeishuApiName[] = ['okr.period.list', 'okr.user_okr.list', 'okr.okr.batch_get', 'acs.user.list', 'acs.user.get'];
let h: Harness;
const clock = virtualClock();
beforeAll(async () => {
  for (const api of scaled) overrideLimit(api, { chunkSize: api.startsWith('acs') ? 50 : 10, windows: [{ limit: 1, windowMs: 60_000 }] });
  h = await startHarness({ clock });
  acsData(h.emulator.state).users = sampleAcsUsers(h.emulator.state);
});
afterAll(async () => {
  for (const api of scaled) overrideLimit(api, undefined);
  await h.close();
});

type Body = { toast?: { content?: string; i18n?: { zh_cn?: string } }; card?: { data?: unknown } };
const body = (res: request.Response) => res.body as Body;
const chatId = () => h.emulator.state.p2pChat(ADMIN);

/** Clicks `label` on `sent`'s first card: the answer at once, then the card after the queued work ran. */
async function clickQueued(sent: Parameters<typeof buttons>[0], label: string) {
  const value = buttons(sent)[label];
  if (value === undefined) throw new Error(`no ${label} button`);
  const messageId = (sent as { message_id?: string }).message_id as string;
  h.mark();
  const answer = body(await h.click(value, { messageId, chatId: chatId() }));
  await h.idle();
  const patched = h.sent().filter((r) => r.api === 'im.message.patch' && r.message_id === messageId).at(-1);
  return { answer, patched };
}

describe('commands whose first call waits for its window say so first', () => {
  it('/okr <ids>: queued on its card in both languages, then the OKRs in its place', async () => {
    await h.say(`/okr ${SEED_OKR.id}`);
    const sent = await h.say(`/okr ${SEED_OKR.id}`);
    expect(sent[0]?.api).toBe('im.message.reply');
    expect(cardText(sent[0])).toContain('Queued: about **60** s (rate limit of `okr.okr.batch_get`: 1 a minute).');
    expect(cardText(sent[0], 'zh_cn')).toContain('排队中：约 **60** 秒（`okr.okr.batch_get` 的频率限制：每分钟 1 次）。');
    expect(sent.at(-1)?.message_id).toBe(sent[0]?.message_id);
    expect(cardText(sent.at(-1))).not.toContain('Queued');
  });

  it('/acs users and /acs user: queued, then the page or the user', async () => {
    await h.say('/acs users');
    const page = await h.say('/acs users');
    expect(cardText(page[0])).toContain('Queued: about **60** s (rate limit of `acs.user.list`: 1 a minute).');
    expect(cardText(page.at(-1))).toContain('Page 1');
    const user = acsData(h.emulator.state).users[0]?.user_id as string;
    await h.say(`/acs user ${user}`);
    const one = await h.say(`/acs user ${user}`);
    expect(cardText(one[0], 'zh_cn')).toContain('`acs.user.get` 的频率限制');
    expect(cardText(one.at(-1))).not.toContain('Queued');
  });

  it('/acs users --all: the queued card stays until the first page is read, then progress and the summary', async () => {
    await h.say('/acs users');
    const sent = (await h.say('/acs users --all')).filter((r) => r.card !== undefined);
    expect(cardText(sent[0])).toContain('Queued: about **60** s (rate limit of `acs.user.list`: 1 a minute).');
    expect(cardText(sent[1])).not.toContain('0 pages read');
    expect(cardText(sent.at(-1))).toContain('Access-control users: summary');
    expect(new Set(sent.map((r) => r.message_id)).size).toBe(1);
  });
});

describe('clicks that would wait answer at once with a queued card, and the result replaces it', () => {
  it('OKR Refresh', async () => {
    const sent = await h.say('/okr');
    const final = sent.at(-1);
    const { answer, patched } = await clickQueued(final, 'Refresh');
    expect(answer.toast?.content).toBe('Queued: about 60 s; the result will show on this card');
    expect(answer.toast?.i18n?.zh_cn).toBe('排队中：约 60 秒，结果会显示在这张卡片上');
    expect(renderCardText(answer.card?.data)).toContain('Queued: about **60** s');
    expect(renderCardText(answer.card?.data, 'zh_cn')).toContain('排队中：约 **60** 秒');
    expect(cardText(patched)).toContain('OKR summary');
    expect(cardText(patched)).not.toContain('Queued');
  });

  it('a queued click whose work then fails shows the error on the card, not the queued card forever', async () => {
    const sent = await h.say('/okr');
    h.emulator.state.injectFault({ api: 'okr.user_okr.list', status: 400, body: { code: 1001002, msg: 'no permission' } });
    const { answer, patched } = await clickQueued(sent.at(-1), 'Refresh');
    expect(answer.toast?.content).toMatch(/^Queued: about \d+ s/);
    expect(cardText(patched)).toContain('1001002');
    expect(cardText(patched)).not.toContain('Queued');
    expect(cardText(patched, 'zh_cn')).toContain('1001002');
  });

  it('ACS Next page', async () => {
    const sent = await h.say('/acs users');
    const { answer, patched } = await clickQueued(sent.at(-1), 'Next');
    expect(answer.toast?.content).toMatch(/^Queued: about \d+ s; the result will show on this card$/);
    expect(renderCardText(answer.card?.data)).toContain('rate limit of `acs.user.list`');
    expect(cardText(patched)).toContain('Page 2');
  });

  it('a click with room answers with its result at once, no queued card', async () => {
    const sent = await h.say('/okr');
    await clock.sleep(61_000);
    const { answer } = await clickQueued(sent.at(-1), 'Refresh');
    expect(answer.toast?.content).toBe('Updated');
    expect(renderCardText(answer.card?.data)).toContain('OKR summary');
    expect(renderCardText(answer.card?.data)).not.toContain('Queued');
  });
});
