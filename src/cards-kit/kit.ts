/**
 * Pure builders for Feishu card JSON 2.0. Only fields listed in the reference are emitted: a 2.0 card
 * with an unknown property is rejected by the platform.
 */
import type { RichText, Text } from './i18n.js';
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
  type: 'text' | 'lark_md' | 'markdown' | 'number' | 'options' | 'persons' | 'date';
  width?: string;
}

const MARKDOWN_CELL = new Set<Column['type']>(['lark_md', 'markdown']);

/** Cells of markdown columns are markdown slots too: a string cell is data, shown as typed. */
function safeRow(columns: Column[], row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const c of columns) {
    const v = row[c.name];
    if (MARKDOWN_CELL.has(c.type) && (typeof v === 'string' || v instanceof Md)) out[c.name] = toMarkdown(v);
  }
  return out;
}

/** A client-paginated table. Column titles are shown in the viewer's language through a markdown legend-free label. */
export function table(columns: Column[], rows: Array<Record<string, unknown>>, pageSize = 10): Element {
  return {
    tag: 'table',
    page_size: Math.min(10, Math.max(1, pageSize)),
    row_height: 'low',
    header_style: { text_color: 'grey', background_style: 'grey', bold: true },
    columns: columns.map((c) => ({
      name: c.name,
      display_name: `${c.display.zh_cn} ${c.display.en_us}`,
      data_type: c.type,
      width: c.width ?? 'auto',
    })),
    rows: rows.map((r) => safeRow(columns, r)),
  };
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
