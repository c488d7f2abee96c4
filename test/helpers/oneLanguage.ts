/**
 * One language per reader: resolves a card for one locale the way the Feishu client does (a text object
 * shows its `i18n_content[locale]`, else its `content`; header tags come from `i18n_text_tag_list` when set)
 * and finds text that mixes the bot's two languages, such as a table header "命令 Command".
 */
import type { Locale } from '../../src/cards-kit/i18n.js';

type Node = Record<string, unknown>;

export interface TextNode {
  path: string;
  /** What the reader of this locale sees. */
  shown: string;
  /** The same text object in the other locale, when it has one (i18n_content). */
  other?: string;
}

const OTHER: Record<Locale, Locale> = { zh_cn: 'en_us', en_us: 'zh_cn' };
const isTextObject = (n: Node): boolean => typeof n.content === 'string' && (n.tag === 'plain_text' || n.tag === 'lark_md' || n.tag === 'markdown');

/** Every text a reader of `locale` sees on the card, with the other language's variant where there is one. */
export function renderForLocale(card: unknown, locale: Locale): TextNode[] {
  const out: TextNode[] = [];
  const strings = (v: unknown, path: string): void => {
    if (typeof v === 'string') out.push({ path, shown: v });
    else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${path}.${k}`);
  };
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const n = v as Node;
    if (isTextObject(n)) {
      const i18n = n.i18n_content as Record<string, string> | undefined;
      out.push({ path, shown: i18n?.[locale] ?? (n.content as string), other: i18n?.[OTHER[locale]] });
      return;
    }
    if (n.tag === 'table') {
      // The table component's titles and cells are plain strings: every reader sees the same.
      for (const [i, c] of ((n.columns as Node[]) ?? []).entries()) strings(c.display_name, `${path}.columns[${i}]`);
      strings(n.rows, `${path}.rows`);
      return;
    }
    if (n.tag === 'chart') return strings(n.chart_spec, `${path}.chart_spec`);
    for (const [k, x] of Object.entries(n)) {
      if (k === 'behaviors' || k === 'i18n_text_tag_list') continue;
      if (k === 'text_tag_list' && n.i18n_text_tag_list) walk((n.i18n_text_tag_list as Record<string, unknown>)[locale], `${path}.i18n_text_tag_list.${locale}`);
      else walk(x, path ? `${path}.${k}` : k);
    }
  };
  const c = card as Node;
  walk(c.header, 'header');
  walk(c.body, 'body');
  const summary = (c.config as Node | undefined)?.summary as Node | undefined;
  if (summary) walk({ tag: 'plain_text', ...summary }, 'config.summary');
  return out;
}

/** Markup and data the bot leaves identical in both languages: tags, entities, code spans, ids, numbers. */
const neutral = (s: string): string =>
  s.replace(/<[^>]*>/g, ' ').replace(/`[^`]*`/g, ' ').replace(/&#?\w+;/g, ' ').replace(/https?:\/\/\S+/g, ' ');
const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[A-Za-z]{3,}/g;
/** The mash: a Chinese word, a space (or " / "), then an English word, e.g. "已上传 Uploaded". */
const MASH = /[\u3400-\u9fff]+(?: | \/ )[A-Z][a-z]{2,}/;

function nodeProblems(node: TextNode, locale: Locale): string[] {
  const shown = neutral(node.shown);
  if (node.other === undefined || node.other === node.shown) {
    // Not translated per language: every reader sees this string, so it must not hold both languages' words.
    const mash = MASH.exec(shown);
    return mash ? [`"${mash[0]}" reads as both languages in one string`] : [];
  }
  const other = neutral(node.other);
  const problems: string[] = [];
  if (other.trim().length >= 4 && shown.includes(other.trim())) problems.push('holds the other language\'s whole text');
  // Words of the reader's text that are the bot's own are absent from the other language; data and names
  // (OKR, CSV, a command) are in both, if only in a code span.
  const foreign = locale === 'zh_cn' ? shown.match(LATIN_WORD) ?? [] : shown.match(CJK) ?? [];
  const strays = [...new Set(foreign.filter((w) => !node.other!.toLowerCase().includes(w.toLowerCase())))];
  if (strays.length > 0) problems.push(`has ${locale === 'zh_cn' ? 'English' : 'Chinese'} words the other language lacks: ${strays.join(', ')}`);
  return problems;
}

/** Every place on the card where a reader of one locale would see the other language. */
export function languageProblems(card: unknown): string[] {
  return (['zh_cn', 'en_us'] as const).flatMap((locale) =>
    renderForLocale(card, locale).flatMap((node) => nodeProblems(node, locale).map((p) => `${locale} ${node.path}: ${p}\n    "${node.shown.slice(0, 160)}"`)),
  );
}
