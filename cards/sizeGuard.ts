import { t } from '../src/i18n.js';
import { md, type Card, type Element } from './kit.js';

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_TABLES = 5;
export const MAX_ELEMENTS = 200;
/** Headroom under 30 KB: style tags count against the limit on the platform's side. */
const TARGET_BYTES = MAX_CARD_BYTES - 1024;

export const cardBytes = (c: object): number => Buffer.byteLength(JSON.stringify(c), 'utf8');

function countElements(elements: Element[]): number {
  let n = 0;
  for (const e of elements) {
    n++;
    if (Array.isArray(e.elements)) n += countElements(e.elements as Element[]);
    if (Array.isArray(e.columns) && e.tag === 'column_set') {
      for (const col of e.columns as Array<{ elements?: Element[] }>) n += 1 + countElements(col.elements ?? []);
    }
  }
  return n;
}

const moreNote = (n: number): Element =>
  md(t(`…另有 ${n} 项未显示（可导出 CSV 查看全部）`, `…and ${n} more not shown (export CSV for all)`), { text_size: 'notation' });

/** Cuts the longest list in the body (table rows, panel contents, markdown text) to about half. */
function shrinkLargest(elements: Element[]): boolean {
  let best: { el: Element; size: number } | undefined;
  for (const el of elements) {
    const size = JSON.stringify(el).length;
    const shrinkable =
      (el.tag === 'table' && (el.rows as unknown[]).length > 1) ||
      (el.tag === 'collapsible_panel' && (el.elements as unknown[]).length > 1) ||
      (el.tag === 'markdown' && (el.content as string).length > 200);
    if (shrinkable && (!best || size > best.size)) best = { el, size };
  }
  if (!best) return false;
  const el = best.el;
  if (el.tag === 'table') {
    const rows = el.rows as unknown[];
    const keep = Math.floor(rows.length / 2);
    el.omitted = ((el.omitted as number | undefined) ?? 0) + rows.length - keep;
    el.rows = rows.slice(0, keep);
  } else if (el.tag === 'collapsible_panel') {
    const inner = el.elements as Element[];
    el.elements = [...inner.slice(0, Math.floor(inner.length / 2)), moreNote(inner.length - Math.floor(inner.length / 2))];
  } else {
    const cut = (s: string) => `${s.slice(0, Math.floor(s.length / 2))}…`;
    const i18n = el.i18n_content as { zh_cn: string; en_us: string } | undefined;
    el.content = cut(el.content as string);
    if (i18n) el.i18n_content = { zh_cn: cut(i18n.zh_cn), en_us: cut(i18n.en_us) };
  }
  return true;
}

/**
 * Makes a card fit the platform's limits (≤30 KB, ≤5 tables, ≤200 elements) by degrading it: extra tables
 * and elements become an "N more" note, long lists are halved until the card fits. Never throws.
 */
export function fitCard(input: Card): Card {
  const c = structuredClone(input);
  const body = c.body.elements;
  let tables = 0;
  c.body.elements = body.flatMap((el) => (el.tag === 'table' && ++tables > MAX_TABLES ? [] : [el]));
  const droppedTables = tables - Math.min(tables, MAX_TABLES);
  if (droppedTables > 0) c.body.elements.push(moreNote(droppedTables));

  while (countElements(c.body.elements) > MAX_ELEMENTS && c.body.elements.length > 2) {
    const removed = c.body.elements.splice(c.body.elements.length - 2, 1);
    void removed;
  }
  while (cardBytes(c) > TARGET_BYTES && shrinkLargest(c.body.elements));
  // Tables cannot hold a note; put one right after each table that lost rows.
  c.body.elements = c.body.elements.flatMap((el) => {
    if (el.tag !== 'table' || el.omitted === undefined) return [el];
    const { omitted, ...rest } = el;
    return [rest as Element, moreNote(omitted as number)];
  });
  return c;
}
