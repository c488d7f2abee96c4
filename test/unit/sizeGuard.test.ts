import { describe, expect, it } from 'vitest';
import { card, md, panel, table, type Element } from '../../src/cards-kit/kit.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardBytes, fitCard, MAX_CARD_BYTES } from '../../src/cards-kit/sizeGuard.js';
import { t } from '../../src/cards-kit/i18n.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';

/** A `table` component as a card built elsewhere may hold one (the kit's own tables are markdown). */
const tableComponent = (columns: string[], rows: Array<Record<string, string>>): Element => ({
  tag: 'table', page_size: 10, columns: columns.map((name) => ({ name, display_name: name, data_type: 'text' })), rows,
});
const bigTable = (i: number): Element =>
  tableComponent(['name', 'note'], Array.from({ length: 60 }, (_, r) => ({ name: `同事 ${i}-${r}`, note: '很长的备注 long note '.repeat(5) })));
const bigMd = (i: number): Element => md(t(`第 ${i} 段 `.repeat(400), `Paragraph ${i} `.repeat(400)));
const tablesIn = (c: { body: { elements: Element[] } }) => c.body.elements.filter((e) => e.tag === 'table').length;

describe('fitCard', () => {
  it('fits 40 big tables into ≤30 KB and ≤5 tables, saying how many more there were', () => {
    const input = card({ title: t('大', 'Big'), elements: Array.from({ length: 40 }, (_, i) => bigTable(i)) });
    expect(cardBytes(input)).toBeGreaterThan(MAX_CARD_BYTES);
    const out = fitCard(input);
    expect(cardBytes(out)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(tablesIn(out)).toBe(5);
    const text = renderCardText(out);
    expect(text).toContain('and 35 more not shown');
    expect(text).toMatch(/and \d+ more not shown/);
    expect(renderCardText(out, 'zh_cn')).toContain('另有 35 项未显示');
    expect(cardProblem(JSON.stringify(out))).toBeUndefined();
  });

  it('fits 40 big markdown blocks into ≤30 KB, keeping the start of the text', () => {
    const input = card({ title: t('大', 'Big'), elements: Array.from({ length: 40 }, (_, i) => bigMd(i)) });
    const out = fitCard(input);
    expect(cardBytes(out)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(renderCardText(out)).toContain('Paragraph 0');
    expect(cardProblem(JSON.stringify(out))).toBeUndefined();
  });

  it('truncates one huge table with an "N more" note that counts the dropped rows', () => {
    const rows = Array.from({ length: 2000 }, (_, r) => ({ name: `user ${r}`, note: 'x'.repeat(30) }));
    const input = card({ title: t('表', 'Table'), elements: [tableComponent(['name', 'note'], rows)] });
    const out = fitCard(input);
    expect(cardBytes(out)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const kept = (out.body.elements[0]!.rows as unknown[]).length;
    expect(kept).toBeGreaterThan(10);
    expect(renderCardText(out)).toContain(`and ${2000 - kept} more not shown`);
    expect(JSON.stringify(out)).not.toContain('"omitted"');
  });

  it('cuts a huge markdown table by whole rows, the same rows in both languages, and counts the rest', () => {
    const rows = Array.from({ length: 2000 }, (_, r) => ({ name: `user ${r}`, note: t(`备注 ${r}`, `note ${r}`) }));
    const input = card({ title: t('表', 'Table'), elements: [table([{ name: 'name', display: t('名', 'Name'), type: 'text' }, { name: 'note', display: t('注', 'Note'), type: 'text' }], rows)] });
    const out = fitCard(input);
    expect(cardBytes(out)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardProblem(JSON.stringify(out))).toBeUndefined();
    const i18n = out.body.elements[0]!.i18n_content as { zh_cn: string; en_us: string };
    const [zh, en] = [i18n.zh_cn.split('\n'), i18n.en_us.split('\n')];
    expect(zh.length).toBe(en.length);
    const kept = en.length - 2;
    expect(kept).toBeGreaterThan(10);
    expect(en.at(-1)).toBe(`| user ${kept - 1} | note ${kept - 1} |`);
    expect(zh.at(-1)).toBe(`| user ${kept - 1} | 备注 ${kept - 1} |`);
    expect(renderCardText(out)).toContain(`and ${2000 - kept} more not shown`);
    expect(renderCardText(out, 'zh_cn')).toContain(`另有 ${2000 - kept} 项未显示`);
  });

  it('shrinks a panel full of items and keeps within the element limit', () => {
    const items = Array.from({ length: 400 }, (_, i) => md(t(`项目 ${i} `.repeat(10), `item ${i} `.repeat(10))));
    const out = fitCard(card({ title: t('面板', 'Panel'), elements: [panel(t('全部', 'All'), items)] }));
    expect(cardBytes(out)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardProblem(JSON.stringify(out))).toBeUndefined();
    expect(renderCardText(out)).toMatch(/and \d+ more not shown/);
  });

  it('leaves a small card untouched and never mutates its input', () => {
    const small = card({ title: t('小', 'Small'), elements: [md(t('你好', 'hello'))] });
    const copy = structuredClone(small);
    expect(fitCard(small)).toEqual(small);
    const big = card({ title: t('大', 'Big'), elements: Array.from({ length: 8 }, (_, i) => bigTable(i)) });
    const bigCopy = structuredClone(big);
    fitCard(big);
    expect(big).toEqual(bigCopy);
    expect(small).toEqual(copy);
  });
});

describe('fitCard when halving is not enough', () => {
  it('drops trailing elements of a card made of many short texts, and counts them', () => {
    const items = Array.from({ length: 190 }, (_, i) => md(t(`第 ${i} 行 ${'字'.repeat(60)}`, `line ${i} ${'w'.repeat(150)}`)));
    const out = fitCard(card({ title: t('多', 'Many'), elements: items }));
    expect(cardBytes(out)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardProblem(JSON.stringify(out))).toBeUndefined();
    const shown = out.body.elements.filter((e) => String(e.content).startsWith('line ')).length;
    expect(renderCardText(out)).toContain(`and ${190 - shown} more not shown`);
  });

  it('counts every item a panel lost, across several halvings', () => {
    const items = Array.from({ length: 400 }, (_, i) => md(t(`项目 ${i} `.repeat(10), `item ${i} `.repeat(10))));
    const out = fitCard(card({ title: t('面板', 'Panel'), elements: [panel(t('全部', 'All'), items)] }));
    const inner = out.body.elements[0]!.elements as Element[];
    const shown = inner.filter((e) => String(e.content).startsWith('item ')).length;
    expect(renderCardText(out)).toContain(`and ${400 - shown} more not shown`);
  });

  it('keeps at most 200 elements, notes included', () => {
    const items = Array.from({ length: 300 }, (_, i) => md(t(`${i}`, `${i}`)));
    const out = fitCard(card({ title: t('多', 'Many'), elements: items }));
    expect(cardProblem(JSON.stringify(out))).toBeUndefined();
    expect(renderCardText(out)).toMatch(/and \d+ more not shown/);
  });
});
