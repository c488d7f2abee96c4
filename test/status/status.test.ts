import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttons, cardText, GROUP, MEMBER, ADMIN, BOT_OPEN_ID, startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, calls, lastCard, lastText, TRIP, uid, world } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  const w = world(h);
  w.active.clear();
  w.invisible.clear();
  w.closeSyn.clear();
  w.failing.clear();
  w.noPermission = false;
  h.emulator.state.faults.length = 0;
  h.emulator.state.calls.clear();
});

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => uid(from + i)).join(' ');

describe('/status open and close', () => {
  it('opens a status for mentions and open_ids, sending end_time as a string, and shows a green result card', async () => {
    const sent = await h.say(`/status open 出差 @_user_2 ${uid(2)} ${uid(2)} --until 2h`, { mentions: [{ key: '@_user_2', openId: uid(1), name: 'Colleague 1' }] });
    expect(sent[0]?.api).toBe('im.message.reply');
    expect(cardText(sent[0])).toContain('Done **0 / 2**');
    const final = cardText(sent[sent.length - 1]);
    expect(final).toContain('All succeeded');
    expect(final).toContain('On and shown (`success_show`): **2**');
    expect(final).toContain('Until:');
    expect(final).toContain('Asia/Shanghai');
    expect(cardText(sent[sent.length - 1], 'zh_cn')).toContain('全部成功');
    expect(world(h).active.get(uid(1))?.has(TRIP)).toBe(true);
    expect(calls(h, 'batch_open')).toBe(1);
  });

  it('splits 120 people into 3 calls of at most 50', async () => {
    const people = addPeople(h, 120, 'ou_chunk');
    await h.say(`/status open 出差 ${people.join(' ')}`);
    expect(calls(h, 'batch_open')).toBe(3);
    expect(lastText(h)).toContain('On and shown (`success_show`): **120**');
    expect(people.every((p) => world(h).active.get(p)?.has(TRIP))).toBe(true);
  });

  it('counts every result value with a plain label, lists who did not succeed, and retries only what can be retried', async () => {
    const w = world(h);
    h.emulator.state.users.set(uid(5), { ...h.emulator.state.users.get(uid(5))!, resigned: true });
    w.invisible.add(uid(4));
    w.closeSyn.add(uid(3));
    w.failing.set(uid(6), 1);
    w.active.set(uid(2), new Map([['7101214603622940000', 9_999_999_999]]));
    w.statuses.push({ system_status_id: '7101214603622940000', title: '高优先', i18n_title: { en_us: 'Top' }, icon_key: 'Coffee', color: 'RED', priority: 0, sync_setting: { is_open_by_default: true } });
    try {
      await h.say(`/status open 出差 ${ids(6)} ou_nobody000000000000000000000001`);
      const text = lastText(h);
      expect(text).toContain('Partly failed');
      for (const label of ['On and shown (`success_show`): **1**', '`success_user_close_syn`): **1**', '`success_user_in_higher_priority_system_status`): **1**', 'Failed (can be retried) (`fail`): **1**', '`invisible_user_id`): **1**', '`resign_user_id`): **1**', '`invalid_user_id`): **1**']) {
        expect(text).toContain(label);
      }
      expect(text).toContain('People who did not succeed (4)');
      expect(text).toContain('Has left the company');
      const b = buttons(lastCard(h));
      expect(Object.keys(b)).toEqual(['Retry failed (1)', 'Undo (3)', 'Export CSV']);

      h.emulator.state.calls.clear();
      const original = lastCard(h);
      h.mark();
      const res = await h.click(b['Retry failed (1)'], { messageId: original.message_id, chatId: original.chat_id });
      expect(res.body.toast.content).toContain('1 succeeded');
      expect(calls(h, 'batch_open')).toBe(1);
      expect(lastText(h)).toContain('Retry · Turn on status');
      expect(lastText(h)).toContain('Retries the people who failed in the run finished');
      expect(lastText(h)).toContain('All succeeded');
      // The clicked card says at once that a retry is running, then (callback answer) that it was done.
      const patchedOriginal = h.sent().find((r) => r.message_id === original.message_id && r.api !== 'im.message.reply');
      expect(cardText(patchedOriginal)).toContain('it is running');
      const answered = cardText({ card: res.body.card.data } as never);
      expect(answered).toContain('clicked “Retry failed”');
      expect(answered).toContain('1 succeeded, 0 failed');
      expect(Object.keys(buttons({ card: res.body.card.data } as never))).toEqual(['Retried', 'Undo (3)', 'Export CSV']);
      expect(JSON.stringify(res.body.card.data)).toMatch(/"disabled":true/);
      const again = await h.click(b['Retry failed (1)'], { messageId: original.message_id });
      expect(again.body.toast.content).toContain('Already done');
      expect(calls(h, 'batch_open')).toBe(1);
    } finally {
      w.statuses.pop();
      h.emulator.state.users.set(uid(5), { ...h.emulator.state.users.get(uid(5))!, resigned: false });
    }
  });

  it('Undo closes the status for those who succeeded, once, however many clicks', async () => {
    await h.say(`/status open 出差 ${ids(3)}`);
    const card = lastCard(h);
    const undo = buttons(card)['Undo (3)'];
    const [first, second] = await Promise.all([
      h.click(undo, { messageId: card.message_id, chatId: card.chat_id }),
      h.click(undo, { as: ADMIN, messageId: card.message_id, chatId: card.chat_id }),
    ]);
    const toasts = [first.body.toast.content, second.body.toast.content].sort();
    expect(toasts.some((t: string) => /Already (done|running)/.test(t))).toBe(true);
    expect(calls(h, 'batch_close')).toBe(1);
    expect(world(h).active.get(uid(1))?.has(TRIP)).toBe(false);
    expect(lastText(h)).toContain('Undo · Turn off status');
    const answered = [first, second].find((r) => r.body.card)!;
    expect(Object.keys(buttons({ card: answered.body.card.data } as never))).toEqual(['Undone', 'Export CSV']);
    expect(cardText({ card: answered.body.card.data } as never)).toContain('clicked “Undo”');
  });

  it('Export CSV sends one row per person to the chat', async () => {
    await h.say(`/status open 出差 ${ids(2)} ou_nobody000000000000000000000001`);
    const card = lastCard(h);
    h.mark();
    const res = await h.click(buttons(card)['Export CSV'], { messageId: card.message_id, chatId: card.chat_id });
    expect(res.body.toast.content).toContain('3 rows');
    const file = h.sent().find((r) => r.file)?.file;
    expect(file?.name).toMatch(/^status-open-\d{12}\.csv$/);
    const lines = file!.content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('invalid_user_id');
  });

  it('closes a status', async () => {
    await h.say(`/status open 出差 ${ids(2)}`);
    await h.say(`/status close 出差 ${ids(2)}`);
    expect(lastText(h)).toContain('Turned off (`success`): **2**');
    expect(Object.keys(buttons(lastCard(h)))).toEqual(['Export CSV']);
  });
});

describe('status and targets', () => {
  it('resolves a status by its i18n title, ignoring case, and by id', async () => {
    await h.say(`/status open "on LEAVE" ${uid(1)}`);
    expect(lastText(h)).toContain('“请假”');
    await h.say(`/status open ${TRIP} ${uid(1)}`);
    expect(lastText(h)).toContain('“出差”');
  });

  it('caches the status list', async () => {
    await h.say(`/status open 出差 ${uid(1)}`);
    await h.say(`/status open 出差 ${uid(2)}`);
    expect(calls(h, 'list')).toBeLessThanOrEqual(1);
  });

  it('answers an unknown status with the statuses that exist', async () => {
    const text = cardText((await h.say(`/status open holiday ${uid(1)}`))[0]);
    expect(text).toContain('There is no system status with the title or ID **holiday**');
    expect(text).toContain('On business trip');
    expect(calls(h, 'batch_open')).toBe(0);
  });

  it('--chat takes every member of the chat, without the bot and without duplicates', async () => {
    await h.say(`/status open 出差 --chat ${uid(1)}`, { group: true });
    const members = h.emulator.state.chats.get(GROUP)!.members.filter((m) => m !== BOT_OPEN_ID);
    expect(lastText(h)).toContain(`${members.length} people`);
    expect(world(h).active.has(BOT_OPEN_ID)).toBe(false);
    expect(h.emulator.state.calls.get('im.chat.members')).toBeGreaterThanOrEqual(1);
  });

  it('refuses an empty target list, a word that is not a person, and a bad --until', async () => {
    expect(cardText((await h.say('/status open 出差'))[0])).toContain('There is nobody to set the status for');
    expect(cardText((await h.say('/status open 出差 bob'))[0])).toContain('is not a person');
    const bad = cardText((await h.say(`/status open 出差 ${uid(1)} --until yesterday`))[0]);
    expect(bad).toContain('--until');
    expect(bad).toContain('not a time I understand');
    expect(calls(h, 'batch_open')).toBe(0);
  });

  it('refuses --chat outside a group chat, saying what to do instead', async () => {
    const text = cardText((await h.say('/status open 出差 --chat'))[0]);
    expect(text).toContain('--chat');
    expect(text).toContain('only works in a group chat');
    expect(h.emulator.state.calls.get('im.chat.members') ?? 0).toBe(0);
  });

  it('refuses an --until more than 365 days ahead or in the past', async () => {
    expect(cardText((await h.say(`/status open 出差 ${uid(1)} --until 400d`))[0])).toContain('more than 365 days');
    expect(cardText((await h.say(`/status open 出差 ${uid(1)} --until 2020-01-01`))[0])).toContain('is in the past');
    expect(calls(h, 'batch_open')).toBe(0);
  });

  it('reads `--until tomorrow 09:00` without quotes', async () => {
    await h.say(`/status open 出差 ${uid(1)} --until tomorrow 09:00`);
    expect(lastText(h)).toMatch(/Until: \d{4}-\d{2}-\d{2} 09:00/);
  });
});

describe('upstream failures', () => {
  const API = 'personal_settings.system_status.batch_open';

  it('retries after a 429 (honouring x-ogw-ratelimit-reset) and after a 5xx', async () => {
    h.emulator.state.injectFault({ api: API, status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '0' } });
    h.emulator.state.injectFault({ api: API, status: 503, body: { code: 1, msg: 'busy' } });
    await h.say(`/status open 出差 ${ids(2)}`);
    expect(calls(h, 'batch_open')).toBe(3);
    expect(lastText(h)).toContain('All succeeded');
  });

  it('marks the people of a chunk that fails for good as failed, with the reason, and lets Retry pick them up', async () => {
    h.emulator.state.injectFault({ api: API, status: 500, body: { code: 1, msg: 'internal' }, times: 10 });
    await h.say(`/status open 出差 ${ids(2)}`);
    const text = lastText(h);
    expect(text).toContain('All failed');
    expect(text).toContain('Request failed (can be retried) (`request_failed`): **2**');
    expect(Object.keys(buttons(lastCard(h)))).toContain('Retry failed (2)');
  });

  it('never retries a request the API answered, and says what to fix', async () => {
    await h.say('/status open 出差 ou_external0000000000000000000001');
    expect(calls(h, 'batch_open')).toBe(1);
    const text = lastText(h);
    expect(text).toContain('code **2005006**');
    expect(text.match(/2005006/g)).toHaveLength(1);
    expect(text).toContain('Remove the external users');
    expect(Object.keys(buttons(lastCard(h)))).toEqual(['Export CSV']);
  });

  it('isolates one user of another tenant in a chunk of 50: the other 49 are done, only they fail, nothing to retry', async () => {
    const people = addPeople(h, 49, 'ou_iso');
    await h.say(`/status open 出差 ${people.slice(0, 20).join(' ')} ou_external0000000000000000000001 ${people.slice(20).join(' ')}`);
    const text = lastText(h);
    expect(text).toContain('Partly failed');
    expect(text).toContain('On and shown (`success_show`): **49**');
    expect(text).toContain('A user of another tenant (cannot be set) (`other_tenant_user`): **1**');
    expect(text).toContain('People who did not succeed (1)');
    expect(text).toContain('Remove the external users');
    expect(people.every((p) => world(h).active.get(p)?.has(TRIP))).toBe(true);
    // Bisection: 1 + 2 per level (log2 50 ≈ 6), far fewer than one call per person.
    expect(calls(h, 'batch_open')).toBeLessThanOrEqual(13);
    expect(Object.keys(buttons(lastCard(h)))).toEqual(['Undo (49)', 'Export CSV']);
  });

  it('explains a tenant without the API', async () => {
    world(h).noPermission = true;
    const text = cardText((await h.say(`/status open 出差 ${uid(1)}`)).at(-1));
    expect(text).toContain('2005007');
    expect(text).toContain('Ask the tenant admin');
    expect(text).toContain('Request refused (see the reason below)');
    expect(calls(h, 'batch_open')).toBe(1);
    expect(Object.keys(buttons(lastCard(h)))).toEqual(['Export CSV']);
  });
});

describe('preview and permissions', () => {
  it('asks for confirmation above 200 people; a member cannot confirm; an admin confirms once', async () => {
    const people = addPeople(h, 250, 'ou_prev');
    const sent = await h.say(`/status open 出差 ${people.join(' ')}`);
    expect(sent).toHaveLength(1);
    const preview = cardText(sent[0]);
    expect(preview).toContain('**250** people');
    expect(preview).toContain('and 240 more');
    expect(calls(h, 'batch_open')).toBe(0);
    const b = buttons(sent[0]);
    const refused = await h.click(b['Confirm (250 people)'], { as: MEMBER, messageId: sent[0]!.message_id, chatId: sent[0]!.chat_id });
    expect(refused.body.toast.content).toContain('only bot admins');
    expect(calls(h, 'batch_open')).toBe(0);
    const ok = await h.click(b['Confirm (250 people)'], { messageId: sent[0]!.message_id, chatId: sent[0]!.chat_id });
    expect(ok.body.toast.content).toBe('Done');
    expect(calls(h, 'batch_open')).toBe(5);
    expect(lastText(h)).toContain('All succeeded');
    const twice = await h.click(b['Confirm (250 people)'], { messageId: sent[0]!.message_id });
    expect(twice.body.toast.content).toContain('Already done');
    const cancel = await h.click(b['Cancel'], { messageId: sent[0]!.message_id });
    expect(cancel.body.toast.content).toContain('Already done');
    expect(calls(h, 'batch_open')).toBe(5);
  });

  it('Cancel on a preview changes nothing', async () => {
    const people = addPeople(h, 201, 'ou_canc');
    const sent = await h.say(`/status close 出差 ${people.join(' ')}`);
    const res = await h.click(buttons(sent[0])['Cancel'], { messageId: sent[0]!.message_id });
    expect(cardText({ card: res.body.card.data } as never)).toContain('nothing was changed');
    expect(calls(h, 'batch_close')).toBe(0);
  });

  it('refuses members', async () => {
    const text = cardText((await h.say(`/status open 出差 ${uid(1)}`, { as: MEMBER }))[0]);
    expect(text).toContain('Not allowed');
    expect(calls(h, 'batch_open')).toBe(0);
  });

  it('a member clicking Undo gets a toast and nothing runs', async () => {
    await h.say(`/status open 出差 ${uid(1)}`);
    const res = await h.click(buttons(lastCard(h))['Undo (1)'], { as: MEMBER, messageId: lastCard(h).message_id });
    expect(res.body.toast.content).toContain('only bot admins');
    expect(calls(h, 'batch_close')).toBe(0);
  });

  it('/status list shows every status', async () => {
    const text = cardText((await h.say('/status list'))[0]);
    expect(text).toContain('5 in all');
    expect(text).toContain('Working from home');
  });
});
