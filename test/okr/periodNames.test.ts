import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okrData, sandboxMonthPeriod } from '../../src/sandbox/feishu/okr/data.js';
import { buttons, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { matchPeriods, periodKeys } from '../../src/features/okr/periodName.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  okrData(h.emulator.state).periods.unshift({ id: '7300000000000000200', zh_name: '2031 年第 4 季度', en_name: '2031 Q4', status: 0 });
});
afterAll(() => h.close());

const ZH_MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];
const month = (en: string) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(en.split(' ')[0] as string);
const both = async (line: string) => {
  const sent = await h.say(line, { as: MEMBER });
  return { en: cardText(sent[0]), zh: cardText(sent[0], 'zh_cn'), card: sent[0] };
};

describe('--period by a short name', () => {
  it('reads month and quarter names in either language as the same keys', () => {
    expect([...periodKeys('2026 年 12 月')]).toEqual(['y2026', 'm12']);
    expect([...periodKeys('Dec 2026')]).toEqual(['y2026', 'm12']);
    expect([...periodKeys('十二月')]).toEqual(['m12']);
    expect([...periodKeys('第四季度')]).toEqual(['q4']);
    expect([...periodKeys('2026 Q4')]).toEqual(['y2026', 'q4']);
    expect(matchPeriods([{ id: '1', zh_name: '2026 年 12 月', en_name: 'Dec 2026' }, { id: '2', zh_name: '隐藏', en_name: 'Dec 2025', status: 3 }], 'dec').map((p) => p.id)).toEqual(['1']);
  });

  it('a month name (十二月, Dec, December) that only one period has picks it', async () => {
    // The months from 10 months ago to now occur once each; March is also the seed period's.
    const one = [-1, -2].map((o) => sandboxMonthPeriod(h.emulator.state, o)).find((p) => month(p.en_name as string) !== 2)!;
    const i = month(one.en_name as string);
    for (const query of [ZH_MONTHS[i], (one.en_name as string).split(' ')[0], `"${one.en_name}"`]) {
      const { en, zh } = await both(`/okr --period ${query}`);
      expect(en).toContain(one.en_name);
      expect(zh).toContain(one.zh_name);
      expect(en).not.toContain('Unknown period');
      expect(en).not.toContain('More than one period');
    }
  });

  it('Q4 and 第四季度 pick the one quarter period', async () => {
    for (const query of ['Q4', '第四季度', '2031q4']) {
      const { en, zh } = await both(`/okr --period ${query}`);
      expect(en).toContain('2031 Q4');
      expect(zh).toContain('2031 年第 4 季度');
    }
  });

  it('a month two periods have lists both, as buttons, in both languages', async () => {
    // Next month and the month 11 months ago share a name.
    const next = sandboxMonthPeriod(h.emulator.state, 1);
    const old = sandboxMonthPeriod(h.emulator.state, -11);
    const { en, zh, card } = await both(`/okr --period ${ZH_MONTHS[month(next.en_name as string)]}`);
    expect(en).toContain('More than one period matches');
    expect(en).toContain(`- ${next.en_name}`);
    expect(en).toContain(`- ${old.en_name}`);
    expect(zh).toContain('符合的周期不止一个');
    expect(zh).toContain(`- ${next.zh_name}`);
    expect(Object.keys(buttons(card))).toEqual(expect.arrayContaining([next.en_name, old.en_name]));
  });

  it('a name no period has still lists the periods there are', async () => {
    const { en, zh } = await both('/okr --period 2031 Q1');
    expect(en).toContain('There is no OKR period named **2031 Q1**');
    expect(zh).toContain('没有名为 **2031 Q1** 的 OKR 周期');
  });
});
