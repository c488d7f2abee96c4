import { describe, expect, it } from 'vitest';
import { coloursOf, MAX_SLICES, pieChart, progressBars, toneColour, toneLegend, type Slice } from '../../src/cards-kit/charts.js';
import { t } from '../../src/cards-kit/i18n.js';
import { card, type Element } from '../../src/cards-kit/kit.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import { languageProblems } from '../helpers/oneLanguage.js';
import { injectedOnCard } from '../helpers/markup.js';

type Node = Record<string, unknown>;
const chartOf = (el: Element) => ((el.columns as Node[])[0]!.elements as Node[])[0]!;
const specOf = (el: Element) => chartOf(el).chart_spec as Node;
const onCard = (el: Element) => card({ title: t('图', 'Chart'), elements: [el] });

describe('pieChart', () => {
  const slices: Slice[] = [
    { label: t('已开启', 'Opened'), value: 47, tone: 'good' },
    { label: t('无效的用户 ID', 'Not a valid user ID'), value: 3, tone: 'bad' },
    { label: t('已离职', 'Has left'), value: 0, tone: 'bad' },
    { label: t('未知', 'Unknown'), value: 1, tone: 'neutral' },
  ];

  it('draws neutral markers and numbers only; the words are in a legend per language', () => {
    const el = pieChart(slices)!;
    const spec = specOf(el);
    expect(spec).toMatchObject({ type: 'pie', valueField: 'n', categoryField: 'part', data: { values: [{ part: '①', n: 47 }, { part: '②', n: 3 }, { part: '③', n: 1 }] } });
    expect(JSON.stringify(spec)).not.toMatch(/Opened|已开启|valid|无效|Unknown|未知/);
    const c = onCard(el);
    const en = renderCardText(c, 'en_us');
    const zh = renderCardText(c, 'zh_cn');
    expect(en).toContain('① Opened: **47** (92.2%)');
    expect(en).toContain('② Not a valid user ID: **3** (5.9%)');
    expect(zh).toContain('① 已开启：**47**（92.2%）');
    expect(zh).not.toContain('Opened');
    expect(en).not.toContain('已开启');
    expect(languageProblems(c)).toEqual([]);
    expect(cardProblem(JSON.stringify(c))).toBeUndefined();
    expect(injectedOnCard(c, 'Zq')).toEqual([]);
  });

  it('colours slices as their legend dots, a different shade for each slice of one tone', () => {
    const el = pieChart([...slices, { label: t('请求失败', 'Request failed'), value: 2, tone: 'bad' }])!;
    const colours = specOf(el).color as string[];
    expect(colours).toEqual(coloursOf(['good', 'bad', 'neutral', 'bad']));
    expect(colours[1]).not.toBe(colours[3]);
    const legend = renderCardText(onCard(el));
    colours.forEach((c, i) => expect(legend).toContain(`<font color='${c}'>●</font> ${'①②③④'[i]}`));
  });

  it('folds the smallest slices into one "others" slice past the limit, keeping the total', () => {
    const many = Array.from({ length: 14 }, (_, i): Slice => ({ label: t(`原因 ${i}`, `reason ${i}`), value: 100 - i, tone: 'bad' }));
    const values = (specOf(pieChart(many)!).data as { values: Array<{ n: number }> }).values;
    expect(values).toHaveLength(MAX_SLICES);
    expect(values.reduce((a, v) => a + v.n, 0)).toBe(many.reduce((a, s) => a + s.value, 0));
    expect(renderCardText(onCard(pieChart(many)!))).toContain('5 others');
    expect(renderCardText(onCard(pieChart(many)!), 'zh_cn')).toContain('其他 5 种');
  });

  it('draws nothing for nothing', () => {
    expect(pieChart([])).toBeUndefined();
    expect(pieChart([{ label: t('无', 'None'), value: 0, tone: 'good' }])).toBeUndefined();
    expect(progressBars([], t('', ''))).toBeUndefined();
  });
});

describe('progressBars and toneLegend', () => {
  it('gives each bar its tone\'s one colour, clamps shares to 0..1, and is a card the emulator accepts', () => {
    const el = progressBars([{ key: 'O1', share: 1.4, tone: 'good' }, { key: 'O2', share: -1, tone: 'warn' }, { key: 'O3', share: 0.5, tone: 'good' }], toneLegend([{ tone: 'good', label: t('正常', 'Normal') }, { tone: 'warn', label: t('有风险', 'At risk') }]))!;
    const spec = specOf(el);
    expect(spec.data).toEqual({ values: [{ key: 'O1', value: 1 }, { key: 'O2', value: 0 }, { key: 'O3', value: 0.5 }] });
    expect(spec.color).toEqual({ type: 'ordinal', domain: ['O1', 'O2', 'O3'], range: [toneColour('good'), toneColour('warn'), toneColour('good')] });
    const c = onCard(el);
    expect(renderCardText(c, 'zh_cn')).toContain(`<font color='${toneColour('warn')}'>●</font> 有风险`);
    expect(renderCardText(c, 'en_us')).toContain(`<font color='${toneColour('warn')}'>●</font> At risk`);
    expect(cardProblem(JSON.stringify(c))).toBeUndefined();
    expect(languageProblems(c)).toEqual([]);
  });
});
