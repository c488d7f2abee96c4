/**
 * Reads cards the way the platform does, to find markup that came from data: every markdown source on a
 * card (markdown elements, panel titles, markdown table cells) and, in each, what is live markup.
 */
import { renderCardText } from '../../src/cards-kit/render.js';

type Node = Record<string, unknown>;

/** The tags the bot itself writes in markdown; any other tag outside code is injected. */
const OWN_TAGS = [
  /^<font color='(green|red|orange|grey)'>$/,
  /^<font color='rgba\(\d{1,3},\d{1,3},\d{1,3},1\)'>$/,
  /^<\/font>$/,
  /^<person id='ou_[A-Za-z0-9_-]+' show_name=true show_avatar=false style='normal'>$/,
  /^<\/person>$/,
];

function sourcesOfText(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Node;
  const i18n = (n.i18n_content ?? {}) as Record<string, unknown>;
  return [n.content, i18n.zh_cn, i18n.en_us].filter((s): s is string => typeof s === 'string');
}

/** Every markdown source of a card, in every language. */
export function markdownSources(card: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const n = value as Node;
    if (n.tag === 'markdown' || n.tag === 'lark_md') out.push(...sourcesOfText(n));
    if (n.tag === 'table') {
      const rich = ((n.columns as Node[]) ?? []).filter((c) => c.data_type === 'markdown' || c.data_type === 'lark_md').map((c) => String(c.name));
      for (const row of (n.rows as Node[]) ?? []) for (const k of rich) if (typeof row[k] === 'string') out.push(row[k] as string);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'rows' && k !== 'behaviors') walk(v);
  };
  walk((card as Node | undefined)?.body);
  return out;
}

/** The source without its code spans (markup inside code is shown as typed). */
const outsideCode = (s: string): string => s.replace(/`[^`]*`/g, '``');

/**
 * Live markup in one markdown source that the bot did not write: tags other than its own, links, and
 * `marker` (a word only the hostile data holds) next to an emphasis, code, heading or quote character.
 */
export function injectedMarkup(source: string, marker: string): string[] {
  const found: string[] = [];
  const text = outsideCode(source);
  for (const tag of text.match(/<\/?[A-Za-z][^>]*>?/g) ?? []) if (!OWN_TAGS.some((re) => re.test(tag))) found.push(`tag ${tag}`);
  if (/\]\s*\(/.test(text)) found.push('a [text](url) link');
  if (/<https?:/i.test(text)) found.push('an <url> link');
  const m = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const near = new RegExp(`[*~_\`#>|\\[\\]]+${m}|${m}[*~_\`|\\[\\]]+`);
  if (near.test(text)) found.push(`markup around ${marker}: ${near.exec(text)?.[0]}`);
  // The bot writes list items around data, never headings, quotes or rules.
  for (const line of text.split('\n')) if (line.includes(marker) && /^\s*(#|>|[-=*_]{3,})/.test(line)) found.push(`a block at line start: ${line}`);
  for (const span of source.match(/`[^`]*`/g) ?? []) if (span.includes(marker)) found.push(`data inside code ${span}`);
  return found;
}

/** Every injected piece of markup on a card, with where it was found. */
export function injectedOnCard(card: unknown, marker: string): string[] {
  return markdownSources(card).flatMap((s) => injectedMarkup(s, marker).map((f) => `${f}\n    in: ${s.slice(0, 300)}`));
}

/** Problems with how a card reads: escapes left visible, objects printed as text. */
export function readingProblems(card: unknown): string[] {
  const problems: string[] = [];
  for (const locale of ['en_us', 'zh_cn'] as const) {
    const text = renderCardText(card, locale);
    if (/&#\d+;|&(amp|lt|gt|quot);/.test(text)) problems.push(`${locale}: an escape shows as typed: ${/.{0,40}&#?\w+;.{0,40}/.exec(text)?.[0]}`);
    if (text.includes('[object Object]')) problems.push(`${locale}: [object Object] on the card`);
  }
  return problems;
}
