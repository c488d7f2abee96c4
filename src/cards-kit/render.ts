import type { Locale } from './i18n.js';

type Node = Record<string, unknown>;

/**
 * Markdown shows `&#60;` as `<`: numeric entities are decoded so that the text reads as people see it,
 * except inside code spans, where markdown shows them as typed (so a test sees an escape in the wrong place).
 */
const decodeEntities = (s: string): string =>
  s.split(/(`[^`]*`)/).map((part) => (part.startsWith('`') ? part : part.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))))).join('');

/** A markdown table reads as its rows, cells between ` | `, without the delimiter row. */
const TABLE_DELIMITER = /^\|(?: *:?-{3,}:? *\|)+$/;
const readTableLine = (line: string): string | undefined =>
  TABLE_DELIMITER.test(line) ? undefined : /^\|.*\|$/.test(line) ? line.slice(1, -1).trim() : line;

function textOf(node: unknown, locale: Locale): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as Node;
  const i18n = n.i18n_content as Record<string, string> | undefined;
  return i18n?.[locale] ?? (typeof n.content === 'string' ? n.content : '');
}

function walk(elements: unknown, locale: Locale, out: string[], indent: string): void {
  if (!Array.isArray(elements)) return;
  for (const el of elements as Node[]) {
    switch (el.tag) {
      case 'markdown':
        for (const line of textOf(el, locale).split('\n')) {
          const shown = readTableLine(line);
          if (shown !== undefined) out.push(indent + decodeEntities(shown));
        }
        break;
      case 'hr':
        out.push(indent + '────────');
        break;
      case 'button': {
        const value = (el.behaviors as Node[] | undefined)?.[0]?.value as Node | undefined;
        out.push(`${indent}[ ${textOf(el.text, locale)} ]${el.disabled ? ' (disabled)' : ''}${value?.a ? `  → ${String(value.a)}` : ''}`);
        break;
      }
      case 'column_set':
        for (const col of (el.columns as Node[]) ?? []) walk(col.elements, locale, out, indent);
        break;
      case 'collapsible_panel':
        out.push(`${indent}▸ ${decodeEntities(textOf((el.header as Node)?.title, locale))}`);
        walk(el.elements, locale, out, indent + '  ');
        break;
      case 'table': {
        const cols = (el.columns as Node[]) ?? [];
        out.push(indent + cols.map((c) => String(c.display_name)).join(' | '));
        for (const row of (el.rows as Node[]) ?? []) {
          out.push(indent + cols.map((c) => {
            const v = row[String(c.name)];
            if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? String((x as Node).text) : String(x))).join(',');
            if (v === undefined) return '';
            return c.data_type === 'lark_md' || c.data_type === 'markdown' ? decodeEntities(String(v)) : String(v);
          }).join(' | '));
        }
        break;
      }
      case 'person_list':
        out.push(indent + ((el.persons as Node[]) ?? []).map((p) => `@${String(p.id)}`).join(' '));
        break;
      case 'chart':
        out.push(`${indent}[chart: ${String(((el.chart_spec as Node)?.type) ?? '')}]`);
        break;
      default:
        out.push(`${indent}[${String(el.tag)}]`);
    }
  }
}

/** A card as plain text in one language: for the sandbox's `npm run say` and for tests that read cards like people do. */
export function renderCardText(card: unknown, locale: Locale = 'en_us'): string {
  const c = card as Node;
  const header = c.header as Node | undefined;
  const out: string[] = [];
  if (header) {
    out.push(`【${textOf(header.title, locale)}】${header.subtitle ? ` ${textOf(header.subtitle, locale)}` : ''}`);
    for (const tag of (header.text_tag_list as Node[] | undefined) ?? []) out.push(`<${textOf(tag.text, locale)}>`);
  }
  walk((c.body as Node | undefined)?.elements, locale, out, '');
  return out.join('\n');
}
