import { describe, expect, it } from 'vitest';
import { okrSummaryCard } from '../../src/features/okr/cards/summary.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards-kit/sizeGuard.js';
import { pickCurrentPeriod } from '../../src/features/okr/currentPeriod.js';
import { findPeriod } from '../../src/features/okr/periodName.js';
import { displayScore } from '../../src/features/okr/score.js';
import type { Objective, OkrPeriod } from '../../src/features/okr/types.js';

const periods: OkrPeriod[] = [
  { id: '1', zh_name: '2026 年 12 月', en_name: 'Dec 2026', status: 0 },
  { id: '2', zh_name: '2026 年 11 月', en_name: 'Nov 2026', status: 0 },
  { id: '3', zh_name: '2026 年 10 月 - 12 月', en_name: 'Oct - Dec 2026', status: 0 },
  { id: '4', zh_name: '2026 年 9 月', en_name: 'Sep 2026', status: 3 },
];
// 2026-11-30 20:00 UTC is already December in Shanghai.
const LATE_NOV_UTC = Date.UTC(2026, 10, 30, 20, 0);

describe('period by name', () => {
  it('matches Chinese and English names ignoring spaces and case', () => {
    expect(findPeriod(periods, '2026年11月')?.id).toBe('2');
    expect(findPeriod(periods, '2026 年 11 月')?.id).toBe('2');
    expect(findPeriod(periods, 'nov 2026')?.id).toBe('2');
    expect(findPeriod(periods, 'OCT-DEC 2026')?.id).toBe('3');
    expect(findPeriod(periods, '2026 Q4')).toBeUndefined();
  });
});

describe('current period', () => {
  const at = (id: string, status: number, start: number, end: number, name = id): OkrPeriod => ({
    id, zh_name: name, en_name: name, status, period_start_time: String(start), period_end_time: String(end),
  });
  const YEAR = [Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31, 23, 59, 59, 999)] as const;
  const Q4 = [Date.UTC(2026, 9, 1), Date.UTC(2026, 11, 31, 23, 59, 59, 999)] as const;
  const NOV = [Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 30, 23, 59, 59, 999)] as const;
  const MID_NOV = Date.UTC(2026, 10, 15, 12);

  it('prefers the period whose times contain now', () => {
    const timed = periods.map((p) => (p.id === '3' ? { ...p, period_start_time: String(Date.UTC(2026, 9, 1)), period_end_time: String(Date.UTC(2027, 0, 1)) } : p));
    expect(pickCurrentPeriod(timed, LATE_NOV_UTC, 'Asia/Shanghai')?.id).toBe('3');
  });

  it('takes the shortest normal period that contains now: a month over its quarter over its year', () => {
    const list = [at('year', 0, ...YEAR), at('q4', 0, ...Q4), at('nov', 0, ...NOV)];
    expect(pickCurrentPeriod(list, MID_NOV, 'UTC')?.id).toBe('nov');
    expect(pickCurrentPeriod(list.slice(0, 2), MID_NOV, 'UTC')?.id).toBe('q4');
    expect(pickCurrentPeriod([...list].reverse(), MID_NOV, 'UTC')?.id).toBe('nov');
  });

  it('never takes a period in status 1 (not handled), 2 (invalid) or 3 (hidden), however short', () => {
    const list = [at('week-1', 1, MID_NOV - 1000, MID_NOV + 1000), at('week-2', 2, MID_NOV - 1000, MID_NOV + 1000), at('week-3', 3, MID_NOV - 1000, MID_NOV + 1000), at('q4', 0, ...Q4)];
    expect(pickCurrentPeriod(list, MID_NOV, 'UTC')?.id).toBe('q4');
    expect(pickCurrentPeriod(list.slice(0, 3), MID_NOV, 'UTC')).toBeUndefined();
  });

  it('counts both ends of the span, and has no current period when none contains now', () => {
    const list = [at('nov', 0, ...NOV)];
    expect(pickCurrentPeriod(list, NOV[0], 'UTC')?.id).toBe('nov');
    expect(pickCurrentPeriod(list, NOV[1], 'UTC')?.id).toBe('nov');
    expect(pickCurrentPeriod(list, NOV[1] + 1, 'UTC')).toBeUndefined();
  });

  it('without times, picks by the current month name in the bot time zone', () => {
    expect(pickCurrentPeriod(periods, LATE_NOV_UTC, 'Asia/Shanghai')?.id).toBe('1');
    expect(pickCurrentPeriod(periods, LATE_NOV_UTC, 'UTC')?.id).toBe('2');
  });

  it('without times, else the quarter; a period whose name claims nothing is never current', () => {
    const noMonths = periods.filter((p) => p.id === '3' || p.id === '4');
    expect(pickCurrentPeriod(noMonths, LATE_NOV_UTC, 'UTC')?.id).toBe('3');
    expect(pickCurrentPeriod([{ id: 'x', zh_name: '旧', status: 3 }, { id: 'y', zh_name: '其他', status: 0 }], LATE_NOV_UTC, 'UTC')).toBeUndefined();
    expect(pickCurrentPeriod([{ id: 'n', zh_name: '2026 年 11 月', status: 1 }], LATE_NOV_UTC, 'UTC')).toBeUndefined();
  });
});

describe('score mapping (UNCONFIRMED)', () => {
  it('shows 0–100 as 0.00–1.00', () => {
    expect(displayScore(100)).toBe('1.00');
    expect(displayScore(70)).toBe('0.70');
    expect(displayScore(undefined)).toBe('–');
  });
});

describe('the summary\'s chart', () => {
  const objective = (i: number, status: string): Objective => ({ id: String(i), content: `O ${i}`, progress_rate: { percent: 20 * i, status } });

  it('colours each objective\'s bar by its status and names the colours in the reader\'s language', () => {
    const objectives = [objective(1, '0'), objective(2, '1'), objective(3, '2'), objective(4, '0')];
    const card = okrSummaryCard({ sections: [{ okr: { id: '9', name: 'P', objective_list: objectives }, owner: 'ou_x' }], tz: 'UTC' });
    const json = JSON.stringify(card);
    const spec = JSON.parse(/"chart_spec":(\{.*?"range":\[[^\]]*\]\}\})/.exec(json)?.[1] as string) as { data: { values: unknown[] }; color: { domain: string[]; range: string[] } };
    expect(spec.data.values).toEqual([{ key: 'O1', value: 0.2 }, { key: 'O2', value: 0.4 }, { key: 'O3', value: 0.6 }, { key: 'O4', value: 0.8 }]);
    expect(spec.color.domain).toEqual(['O1', 'O2', 'O3', 'O4']);
    const [normal, risk, behind, normalToo] = spec.color.range;
    expect(normal).toBe(normalToo);
    expect(new Set([normal, risk, behind]).size).toBe(3);
    const en = renderCardText(card, 'en_us');
    const zh = renderCardText(card, 'zh_cn');
    expect(en).toContain(`<font color='${normal}'>●</font> Normal  <font color='${risk}'>●</font> At risk  <font color='${behind}'>●</font> Behind`);
    expect(zh).toContain(`<font color='${normal}'>●</font> 正常  <font color='${risk}'>●</font> 有风险  <font color='${behind}'>●</font> 已延期`);
    expect(zh).not.toContain('At risk');
    expect(en).not.toContain('有风险');
  });

  it('folds objectives after the fifth into one panel, in both languages', () => {
    const objectives = Array.from({ length: 8 }, (_, i) => objective(i + 1, '0'));
    const card = okrSummaryCard({ sections: [{ okr: { id: '9', name: 'P', objective_list: objectives }, owner: 'ou_x' }], tz: 'UTC' });
    const en = renderCardText(card, 'en_us');
    expect((en.match(/^▸ \*\*O\d+\*\*/gm) ?? []).length).toBe(5);
    expect(en).toContain('▸ **3 more objectives** (O6–O8)');
    expect((en.match(/^ {2}▸ \*\*O[678]\*\*/gm) ?? []).length).toBe(3);
    expect(renderCardText(card, 'zh_cn')).toContain('▸ **另外 3 个目标**（O6–O8）');
    const folded = card.body.elements.find((e) => e.tag === 'collapsible_panel' && JSON.stringify(e).includes('more objectives'));
    expect(folded?.expanded).toBe(false);
  });
});

describe('size guard', () => {
  it('keeps 40 objectives within 30 KB and says how many were left out', () => {
    const objectives: Objective[] = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      content: `Objective number ${i + 1} with a long description `.repeat(4),
      score: 50,
      weight: 2.5,
      progress_rate: { percent: i * 2, status: '0' },
      deadline: '1648656000000',
      kr_list: Array.from({ length: 3 }, (_, k) => ({ id: `${i}-${k}`, content: `Key result ${k + 1} of objective ${i + 1}`, score: 40, kr_weight: 33.3, progress_rate: { percent: 10, status: '1' } })),
    }));
    const card = okrSummaryCard({ sections: [{ okr: { id: '9', name: 'P', objective_list: objectives }, owner: 'ou_x' }], tz: 'UTC' });
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const text = renderCardText(card);
    // The first five in view, the others in one folded panel.
    expect((text.match(/^▸ \*\*O\d+\*\*/gm) ?? []).length).toBe(5);
    const shown = (text.match(/^(?: {2})?▸ \*\*O\d+\*\*/gm) ?? []).length;
    expect(shown).toBeGreaterThan(5);
    expect(text).toContain(`▸ **${shown - 5} more objectives** (O6–O${shown})`);
    expect(shown).toBeLessThan(40);
    expect(text).toContain(`**${40 - shown}** more objectives left out`);
  });
});
