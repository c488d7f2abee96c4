import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { okrData, sampleObjectives, sandboxCurrentPeriod, sandboxMonthPeriod, addSandboxOkr, SEED_OKR } from '../../src/sandbox/feishu/okr/data.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import { ADMIN, buttons, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => {
  h.emulator.state.faults.length = 0;
});

const calls = (api: string) => h.emulator.state.calls.get(api) ?? 0;
const okrCalls = () => calls('okr.period.list') + calls('okr.user_okr.list') + calls('okr.okr.batch_get');
const mention = (openId: string) => ({ mentions: [{ key: '@_user_2', openId, name: 'someone' }] });
const colleague = (i: number) => `ou_user${String(i).padStart(26, '0')}`;
const okrOf = (owner: string) => okrData(h.emulator.state).records.find((r) => r.owner === owner && r.okr.period_id === sandboxCurrentPeriod(h.emulator.state).id)?.okr;
const clickText = (body: { card?: { data: unknown } }) => renderCardText(body.card?.data);

describe('/okr for yourself and others', () => {
  it('shows my OKRs for the current period, with Refresh and period buttons', async () => {
    const sent = await h.say('/okr', { as: MEMBER });
    const text = cardText(sent[0]);
    expect(text).toContain(`**Period** ${sandboxCurrentPeriod(h.emulator.state).en_name}`);
    expect(text).toContain('成员目标 Member goal O1');
    expect(text).toContain(`@${MEMBER}`);
    expect(Object.keys(buttons(sent[0]))).toContain('Refresh');
    expect(Object.keys(buttons(sent[0]))).toContain(sandboxCurrentPeriod(h.emulator.state).en_name);
  });

  it('refuses a member asking for someone else, without reading any OKR', async () => {
    const before = okrCalls();
    const text = cardText((await h.say('/okr @_user_2', { as: MEMBER, ...mention(ADMIN) }))[0]);
    expect(text).toContain('You can only see your own OKRs');
    expect(okrCalls()).toBe(before);
  });

  it('lets an admin see anyone', async () => {
    const text = cardText((await h.say('/okr @_user_2', mention(MEMBER)))[0]);
    expect(text).toContain('成员目标 Member goal O2');
    expect(text).toContain(`@${MEMBER}`);
  });

  it('picks a period by name, tolerant of spaces and case, with or without quotes', async () => {
    for (const cmd of ['/okr --period 2022年3月', '/okr --period 2022 年 3 月', '/okr --period "MAR 2022"']) {
      const text = cardText((await h.say(cmd, { as: MEMBER }))[0]);
      expect(text, cmd).toContain('需求@刘三');
      expect(text, cmd).toContain('**Period** Mar 2022');
    }
  });

  it('lists the periods when the name is unknown', async () => {
    const text = cardText((await h.say('/okr --period 1999 Q1', { as: MEMBER }))[0]);
    expect(text).toContain('There is no OKR period named **1999 Q1**');
    expect(text).toContain('- Mar 2022');
    expect(text).not.toContain('Hidden period');
    // The example is a period that exists (the first listed), not a made-up "2026 Q4".
    const first = /Periods you can use:\n- (.+)/.exec(text)?.[1];
    expect(first).toBeTruthy();
    expect(text).toContain(`Example: \`/okr --period "${first}"\``);
  });

  it('says so for an empty period and names the periods that have OKRs', async () => {
    const next = sandboxMonthPeriod(h.emulator.state, 1);
    const sent = await h.say(`/okr --period "${next.zh_name}"`, { as: MEMBER });
    const text = cardText(sent[0]);
    expect(text).toContain(`There are no OKRs for **${next.en_name}** yet`);
    expect(text).toContain('- Mar 2022');
    expect(text).toContain(`- ${sandboxCurrentPeriod(h.emulator.state).en_name}`);
    expect(Object.keys(buttons(sent[0]))).toContain('Mar 2022');
  });

  it('passes --lang to the API', async () => {
    const text = cardText((await h.say('/okr 7072252816005349396 --lang en_us', { as: MEMBER }))[0]);
    expect(text).toContain('**Period** Mar 2022');
    const bad = cardText((await h.say('/okr --lang fr', { as: MEMBER }))[0]);
    expect(bad).toContain('--lang');
    expect(bad).toContain('must be zh_cn or en_us');
  });
});

describe('/okr <okr_id…>', () => {
  it('reads 23 ids in 3 batch_get calls', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => okrOf(colleague(i + 1))!.id);
    const before = calls('okr.okr.batch_get');
    const text = cardText((await h.say(`/okr ${ids.join(' ')}`))[0]);
    expect(calls('okr.okr.batch_get') - before).toBe(3);
    expect(text).toContain('23 OKRs');
    expect(text).toContain('同事1 目标 O1');
    // Whatever does not fit in 30 KB is counted and named, never silently dropped.
    const shown = (text.match(/^▸ \*\*O1\*\* 同事\d+ 目标 O1/gm) ?? []).length;
    const left = Number(/\*\*(\d+)\*\* of 23 OKRs \(\d+ objectives\) are not shown/.exec(text)?.[1] ?? 0);
    expect(left).toBeGreaterThan(0);
    expect(shown + left).toBe(23);
    expect(text).toContain(`${shown} of 23 OKRs shown`);
    expect(text).toContain(`The rest: \`/okr ${ids.slice(shown).join(' ')}\``);
    expect(text).not.toContain('export CSV');
    expect(Buffer.byteLength(JSON.stringify(h.sent().at(-1)?.card))).toBeLessThanOrEqual(30 * 1024);
  });

  it('with the most ids allowed, some OKRs empty, sends a valid card that keeps Refresh and names the rest', async () => {
    const state = h.emulator.state;
    const period = sandboxCurrentPeriod(state);
    const empty = Array.from({ length: 40 }, () => addSandboxOkr(state, colleague(90), period, []).id);
    const ids = [...empty, ...Array.from({ length: 60 }, (_, i) => okrOf(colleague((i % 28) + 1))!.id)];
    const unique = [...new Set(ids)];
    const sent = await h.say(`/okr ${unique.join(' ')}`);
    expect(sent[0]?.api).toBe('im.message.reply');
    expect(cardProblem(JSON.stringify(sent[0]?.card))).toBeUndefined();
    const text = cardText(sent[0]);
    expect(Object.keys(buttons(sent[0]))).toEqual(['Refresh']);
    const shown = Number(/(\d+) of \d+ OKRs shown/.exec(text)?.[1]);
    expect(text).toContain(`The rest: \`/okr ${unique.slice(shown).join(' ')}\``);
  });

  it('gives a member only their own OKRs and says how many were withheld', async () => {
    const before = calls('okr.okr.batch_get');
    const text = cardText((await h.say(`/okr ${SEED_OKR.id} ${okrOf(ADMIN)!.id} ${okrOf(colleague(1))!.id}`, { as: MEMBER }))[0]);
    expect(text).toContain('需求@刘三');
    expect(text).not.toContain('Admin goal');
    expect(text).not.toContain('同事1');
    expect(text).toContain('None of your OKRs has 2 of these ids');
    expect(calls('okr.okr.batch_get')).toBe(before);
  });

  it('keeps the found ones when one id does not exist, and says what to do about the other', async () => {
    const text = cardText((await h.say(`/okr ${SEED_OKR.id} 7999999999999999999`))[0]);
    expect(text).toContain('需求@刘三');
    expect(text).toContain('1 id matches no OKR: 7999999999999999999');
    expect(text).toContain('copied in full');
  });

  it('rejects words that are neither mentions nor ids', async () => {
    const text = cardText((await h.say('/okr 123 abc', { as: MEMBER }))[0]);
    expect(text).toContain('**<targets>** has “abc”, which is neither an @mention nor an OKR id');
  });
});

describe('buttons', () => {
  it('Refresh re-reads and answers with the new card', async () => {
    const sent = await h.say('/okr');
    const okr = okrOf(ADMIN)!;
    okr.objective_list![0]!.progress_rate = { percent: 97, status: '2' };
    const res = await h.click(buttons(sent[0]).Refresh, { messageId: sent[0]!.message_id });
    expect(res.status).toBe(200);
    expect(clickText(res.body)).toContain("**O1** 管理员目标 Admin goal O1 · 97% · <font color='red'>Behind</font>");
  });

  it('the period buttons switch period; a member may not click on someone else’s card', async () => {
    const sent = await h.say('/okr @_user_2', mention(MEMBER));
    const previous = sandboxMonthPeriod(h.emulator.state, -1);
    const value = buttons(sent[0])[previous.en_name as string];
    const refused = await h.click(value, { as: colleague(3), messageId: sent[0]!.message_id });
    expect(refused.body.toast.content).toContain('Only the OKR owner or a bot admin');
    expect(refused.body.card).toBeUndefined();
    const own = await h.click(value, { as: MEMBER, messageId: sent[0]!.message_id });
    expect(clickText(own.body)).toContain(`There are no OKRs for **${previous.en_name}** yet`);
  });

  it('Refresh of an id card keeps the first asker’s rights', async () => {
    const sent = await h.say(`/okr ${SEED_OKR.id} ${okrOf(ADMIN)!.id}`, { as: MEMBER });
    const other = await h.click(buttons(sent[0]).Refresh, { as: colleague(2), messageId: sent[0]!.message_id });
    expect(other.body.toast.content).toContain('Only the OKR owner or a bot admin');
    const admin = await h.click(buttons(sent[0]).Refresh, { as: ADMIN, messageId: sent[0]!.message_id });
    expect(clickText(admin.body)).toContain('None of your OKRs has 1 of these ids');
    expect(clickText(admin.body)).not.toContain('Admin goal');
  });
});

describe('size guard', () => {
  it('keeps a 40-objective OKR under 30 KB and says how many were left out', async () => {
    const state = h.emulator.state;
    const period = sandboxCurrentPeriod(state);
    const owner = colleague(30);
    okrData(state).records = okrData(state).records.filter((r) => r.owner !== owner);
    addSandboxOkr(state, owner, period, sampleObjectives(state, period, 40, 'A rather long objective text that takes room on the card', 3));
    const sent = await h.say('/okr @_user_2', mention(owner));
    expect(sent[0]?.api).toBe('im.message.reply');
    expect(Buffer.byteLength(JSON.stringify(sent[0]?.card))).toBeLessThanOrEqual(30 * 1024);
    const text = cardText(sent[0]);
    // Objectives after the fifth sit in one folded panel, one level in.
    const shown = (text.match(/^(?: {2})?▸ \*\*O\d+\*\*/gm) ?? []).length;
    expect(text).toMatch(/^▸ \*\*\d+ more objectives\*\* \(O6–O\d+\)$/m);
    expect(shown).toBeLessThan(40);
    expect(text).toContain(`**${40 - shown}** more objectives left out`);
  });
});

describe('errors say what to do', () => {
  const cases: Array<[code: number, status: number, expected: string]> = [
    [1001001, 400, 'Check the OKR ids'],
    [1001002, 400, 'okr:okr:readonly'],
    [99991672, 400, 'okr:okr:readonly'],
    [1001003, 400, 'Check that you @mentioned a current member'],
    [1001004, 400, 'Check that the OKR id was copied in full'],
    [1009998, 500, 'The bot already retried'],
    [1009999, 500, 'contact Feishu support'],
    // The legacy codes of the platform list (feishu-apis.md §6) mean the same as their current twins.
    [1001501, 400, 'Check that you @mentioned a current member'],
    [1001502, 400, 'Check that the OKR id was copied in full'],
    [1001901, 500, 'contact Feishu support'],
    [1001902, 400, 'okr:okr:readonly'],
    [1001903, 400, 'Check the OKR ids'],
    [1001999, 500, 'The bot already retried'],
  ];
  for (const [code, status, expected] of cases) {
    it(`code ${code}`, async () => {
      h.emulator.state.injectFault({ api: 'okr.user_okr.list', status, body: { code, msg: 'injected' }, times: 4 });
      const text = cardText((await h.say('/okr', { as: MEMBER }))[0]);
      expect(text).toContain(`code **${code}**`);
      expect(text).toContain('What to do:');
      expect(text).toContain(expected);
    });
  }
});
