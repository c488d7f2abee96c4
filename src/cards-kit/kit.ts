/**
 * Pure builders for Feishu card JSON 2.0. Only fields listed in the reference are emitted: a 2.0 card
 * with an unknown property is rejected by the platform.
 */
import type { Locale, RichText, Text } from './i18n.js';
import { Md, toMarkdown } from './markdown.js';

export type Template = 'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine' | 'violet' | 'purple' | 'indigo' | 'grey' | 'default';
/** Header tag colours (cards.md §2); the platform refuses others. */
export type TagColor = 'neutral' | 'blue' | 'turquoise' | 'lime' | 'orange' | 'violet' | 'indigo' | 'wathet' | 'green' | 'yellow' | 'red' | 'purple' | 'carmine';
export type Element = Record<string, unknown> & { tag: string };

export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode: 'fill'; summary?: { content: string; i18n_content: Text } };
  header: {
    title: PlainText;
    subtitle?: PlainText;
    template: Template;
    text_tag_list?: Array<{ tag: 'text_tag'; text: PlainText; color: TagColor }>;
  };
  body: { elements: Element[] };
}

export interface PlainText {
  tag: 'plain_text';
  content: string;
  i18n_content: Text;
}

export const plain = (text: Text): PlainText => ({ tag: 'plain_text', content: text.en_us, i18n_content: text });

export interface CardSpec {
  title: Text;
  subtitle?: Text;
  template?: Template;
  tag?: { text: Text; color: TagColor };
  summary?: Text;
  elements: Element[];
}

export function card(spec: CardSpec): Card {
  return {
    schema: '2.0',
    config: {
      update_multi: true,
      width_mode: 'fill',
      ...(spec.summary ? { summary: { content: spec.summary.en_us, i18n_content: spec.summary } } : {}),
    },
    header: {
      title: plain(spec.title),
      ...(spec.subtitle ? { subtitle: plain(spec.subtitle) } : {}),
      template: spec.template ?? 'blue',
      ...(spec.tag ? { text_tag_list: [{ tag: 'text_tag' as const, text: plain(spec.tag.text), color: spec.tag.color }] } : {}),
    },
    body: { elements: spec.elements },
  };
}

/** Markdown source per language: `Md` parts as written, plain strings escaped (markdown.ts). */
export const markdownOf = (text: RichText): Text => ({ zh_cn: toMarkdown(text.zh_cn), en_us: toMarkdown(text.en_us) });

/** A markdown element. Plain strings in `text` show as typed; only `m`-built markdown is markup. */
export function md(text: RichText, extra: { text_size?: 'normal' | 'notation' | 'heading'; text_align?: 'left' | 'center' | 'right' } = {}): Element {
  const source = markdownOf(text);
  return { tag: 'markdown', content: source.en_us, i18n_content: source, ...extra };
}

export const hr = (): Element => ({ tag: 'hr' });

export type ButtonType = 'default' | 'primary' | 'danger' | 'primary_filled' | 'danger_filled' | 'text';

export interface ButtonSpec {
  text: Text;
  value: Record<string, unknown>;
  type?: ButtonType;
  confirm?: { title: Text; text: Text };
  disabled?: boolean;
}

export function button(spec: ButtonSpec): Element {
  return {
    tag: 'button',
    type: spec.type ?? 'default',
    text: plain(spec.text),
    ...(spec.disabled ? { disabled: true } : {}),
    ...(spec.confirm ? { confirm: { title: plain(spec.confirm.title), text: plain(spec.confirm.text) } } : {}),
    behaviors: [{ type: 'callback', value: spec.value }],
  };
}

/** Buttons side by side, wrapping on narrow screens (2.0 has no `action` module). */
export function buttonRow(buttons: Element[]): Element {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: 'small',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

/** Equal-width columns of short markdown, e.g. a row of counts. */
export function statRow(stats: RichText[]): Element {
  return {
    tag: 'column_set',
    flex_mode: 'bisect',
    horizontal_spacing: 'small',
    columns: stats.map((s) => ({ tag: 'column', width: 'weighted', weight: 1, elements: [md(s, { text_align: 'center' })] })),
  };
}

export interface Column {
  name: string;
  display: Text;
  type: 'text' | 'markdown' | 'number' | 'options' | 'persons';
}

/** A cell: data (shown as typed), `m`-built markdown, a per-language text, open_ids, or coloured options. */
export type Cell = string | number | Md | RichText | string[] | Array<{ text: string | Text; color?: string }> | undefined;

/** Colours the bot writes in `<font>` (markdown.ts); an option of another colour shows uncoloured. */
const FONT_COLOURS = new Set(['green', 'red', 'orange', 'grey']);

const isPerLocale = (v: unknown): v is RichText => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Md) && 'zh_cn' in v;

/** A cell stays on its row: line breaks become spaces, data is escaped (so a `|` cannot end the cell). */
const oneLine = (v: string | Md): string => toMarkdown(typeof v === 'string' ? v.replace(/\s*[\r\n]+\s*/g, ' ') : v).replace(/\s*\n\s*/g, ' ');

function cellSource(c: Column, v: Cell, lang: Locale): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (isPerLocale(v)) return oneLine(v[lang]);
  // UNCONFIRMED (cards.md documents <person> in markdown, not inside a markdown table cell): this is the one place.
  if (c.type === 'persons') return (Array.isArray(v) ? v : [String(v)]).map((id) => person(String(id)).source).join(' ');
  if (c.type === 'options' && Array.isArray(v)) {
    return (v as Array<{ text: string | Text; color?: string }>).map((o) => {
      const label = oneLine(typeof o.text === 'string' ? o.text : o.text[lang]);
      return o.color && FONT_COLOURS.has(o.color) ? `<font color='${o.color}'>${label}</font>` : label;
    }).join(' ');
  }
  if (Array.isArray(v)) return oneLine(v.join(', '));
  return oneLine(v);
}

/**
 * A table every reader sees in their own language. The `table` component cannot do that: its column
 * `display_name` and its cells are plain strings, not text objects, and 2.0 has only per-text-object
 * `i18n_content` (cards.md §3.3, §4), with no per-language visibility for a whole component. A markdown
 * element is a text object and 2.0 markdown renders tables (cards.md §3.1: ≤ 4 per element, 5 data rows
 * per page, the client pages them), so the whole table is written once per language as markdown with
 * `i18n_content`. One element however many rows, where a column_set per row would spend 1 + 2 × columns of
 * the card's 200 elements on each.
 */
export function table(columns: Column[], rows: Array<Record<string, Cell>>): Element {
  const source = (lang: Locale): string => {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [
      line(columns.map((c) => oneLine(c.display[lang]))),
      line(columns.map((c) => (c.type === 'number' ? '---:' : ':---'))),
      ...rows.map((r) => line(columns.map((c) => cellSource(c, r[c.name], lang)))),
    ].join('\n');
  };
  const i18n = { zh_cn: source('zh_cn'), en_us: source('en_us') };
  return { tag: 'markdown', content: i18n.en_us, i18n_content: i18n };
}

export function panel(title: RichText, elements: Element[], expanded = false): Element {
  const source = markdownOf(title);
  return {
    tag: 'collapsible_panel',
    expanded,
    header: { title: { tag: 'markdown', content: source.en_us, i18n_content: source }, icon_position: 'right' },
    border: { color: 'grey', corner_radius: '5px' },
    elements,
  };
}

export function personList(openIds: string[]): Element {
  return {
    tag: 'person_list',
    persons: openIds.map((id) => ({ id })),
    show_name: true,
    show_avatar: true,
    size: 'small',
    drop_invalid_user_id: true,
  };
}

/** A person shown (not notified) inside markdown; the id keeps only the characters an open_id has. */
export const person = (openId: string): Md =>
  Md.trusted(`<person id='${openId.replace(/[^A-Za-z0-9_-]/g, '')}' show_name=true show_avatar=false style='normal'></person>`);
