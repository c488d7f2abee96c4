import { t } from './i18n.js';
import { md, type Card, type Element } from './kit.js';

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_TABLES = 5;
export const MAX_ELEMENTS = 200;
/** Headroom under 30 KB: style tags count against the limit on the platform's side. */
const TARGET_BYTES = MAX_CARD_BYTES - 1024;

export const cardBytes = (c: object): number => Buffer.byteLength(JSON.stringify(c), 'utf8');

/** Data the platform does not count: table cells, chart specs, callback values. */
const NOT_COUNTED = new Set(['rows', 'chart_spec', 'behaviors']);
/** Tagged objects that are not elements (only the text inside a text_tag counts). */
const NOT_ELEMENTS = new Set(['text_tag', 'standard_icon', 'custom_icon']);

/**
 * Elements as the platform counts them (≤200): components, columns and text objects (a button's text,
 * a panel title…), at any depth.
 */
export function countElements(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countElements(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const o = value as Record<string, unknown>;
  let n = typeof o.tag === 'string' && !NOT_ELEMENTS.has(o.tag) ? 1 : 0;
  for (const [key, v] of Object.entries(o)) if (!NOT_COUNTED.has(key)) n += countElements(v);
  return n;
}

/** The whole card's count: header text objects included. */
export const countCardElements = (c: Card): number => countElements(c.header) + countElements(c.body.elements);

const moreNote = (n: number): Element =>
  md(t(`…另有 ${n} 项未显示（可导出 CSV 查看全部）`, `…and ${n} more not shown (export CSV for all)`), { text_size: 'notation' });

/** A markdown table (kit.ts `table`): header, separator, then one line per row. */
const TABLE_SEPARATOR = /^\|(?: *:?-{3,}:? *\|)+$/;
const tableRowCount = (source: string): number => {
  const lines = source.split('\n');
  return lines.length >= 3 && TABLE_SEPARATOR.test(lines[1] as string) ? lines.length - 2 : 0;
};
/** Keeps the header and the first `keep` rows of a markdown table. */
const keepRows = (source: string, keep: number): string => source.split('\n').slice(0, 2 + keep).join('\n');

/** Cuts the longest list in the body (table rows, panel contents, markdown text) to about half. */
function shrinkLargest(elements: Element[]): boolean {
  let best: { el: Element; size: number } | undefined;
  for (const el of elements) {
    const shrinkable =
      (el.tag === 'table' && (el.rows as unknown[]).length > 1) ||
      (el.tag === 'collapsible_panel' && (el.elements as unknown[]).length > 1) ||
      (el.tag === 'markdown' && ((el.content as string).length > 200 || tableRowCount(el.content as string) > 1));
    if (!shrinkable) continue;
    const size = JSON.stringify(el).length;
    if (!best || size > best.size) best = { el, size };
  }
  if (!best) return false;
  const el = best.el;
  const list = el.tag === 'table' ? 'rows' : el.tag === 'collapsible_panel' ? 'elements' : undefined;
  const rows = el.tag === 'markdown' ? tableRowCount(el.content as string) : 0;
  if (rows > 1) {
    // A table loses whole rows (never half a row), the same ones in every language.
    const keep = Math.floor(rows / 2);
    el.omitted = ((el.omitted as number | undefined) ?? 0) + rows - keep;
    el.content = keepRows(el.content as string, keep);
    const i18n = el.i18n_content as { zh_cn: string; en_us: string } | undefined;
    if (i18n) el.i18n_content = { zh_cn: keepRows(i18n.zh_cn, keep), en_us: keepRows(i18n.en_us, keep) };
  } else if (list) {
    const items = el[list] as unknown[];
    const keep = Math.floor(items.length / 2);
    el.omitted = ((el.omitted as number | undefined) ?? 0) + items.length - keep;
    el[list] = items.slice(0, keep);
  } else {
    // Never end inside an entity or a tag: half of `&#60;` or of `<font …>` would show as typed.
    const cut = (s: string) => `${s.slice(0, Math.floor(s.length / 2)).replace(/&#?\w*$|<[^>]*$/, '')}…`;
    const i18n = el.i18n_content as { zh_cn: string; en_us: string } | undefined;
    el.content = cut(el.content as string);
    if (i18n) el.i18n_content = { zh_cn: cut(i18n.zh_cn), en_us: cut(i18n.en_us) };
  }
  return true;
}

/** Tables cannot hold a note: it goes right after them. Panels get theirs inside. */
function placeNotes(elements: Element[]): Element[] {
  return elements.flatMap((el) => {
    if (el.omitted === undefined) return [el];
    const { omitted, ...rest } = el;
    if (el.tag === 'collapsible_panel') return [{ ...rest, elements: [...(rest.elements as Element[]), moreNote(omitted as number)] } as Element];
    return [rest as Element, moreNote(omitted as number)];
  });
}

/**
 * Makes a card fit the platform's limits (≤30 KB, ≤5 tables, ≤200 elements) by degrading it: extra tables
 * and elements become an "N more" note, long lists and texts are halved until the card fits, and if that
 * is not enough, trailing elements are dropped (counted in the note). Never throws.
 */
export function fitCard(input: Card): Card {
  const c = structuredClone(input);
  let tables = 0;
  let dropped = 0;
  c.body.elements = c.body.elements.filter((el) => !(el.tag === 'table' && ++tables > MAX_TABLES));
  dropped += tables - Math.min(tables, MAX_TABLES);
  // Room for the notes this function may add (one per shrunk list, one at the end).
  const budget = () => MAX_ELEMENTS - 1 - c.body.elements.filter((e) => e.tag === 'table' || e.tag === 'collapsible_panel' || (e.tag === 'markdown' && tableRowCount(e.content as string) > 1)).length;
  while (countCardElements(c) > budget() && c.body.elements.length > 1) {
    c.body.elements.pop();
    dropped++;
  }
  const withNotes = () => ({ ...c, body: { elements: [...placeNotes(c.body.elements), ...(dropped > 0 ? [moreNote(dropped)] : [])] } });
  while (cardBytes(withNotes()) > TARGET_BYTES && shrinkLargest(c.body.elements));
  while (cardBytes(withNotes()) > TARGET_BYTES && c.body.elements.length > 1) {
    c.body.elements.pop();
    dropped++;
  }
  return withNotes();
}
