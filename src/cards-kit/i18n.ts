import { joinMd, Md } from './markdown.js';

/** Every user-facing text exists in both languages the bot speaks. */
export interface Text {
  zh_cn: string;
  en_us: string;
}

/**
 * What a markdown slot of a card takes: per language, plain text (escaped when shown) or markdown built
 * with `m` (see markdown.ts).
 */
export interface RichText {
  zh_cn: string | Md;
  en_us: string | Md;
}

export type Locale = keyof Text;

export function t(zh_cn: string, en_us: string): Text;
export function t(zh_cn: string | Md, en_us: string | Md): RichText;
export function t(zh_cn: string | Md, en_us: string | Md): RichText {
  return { zh_cn, en_us };
}

/** Joins texts per language; when any part is markdown, the result is markdown (plain parts escaped). */
export function joinText(parts: Text[], sep?: string): Text;
export function joinText(parts: RichText[], sep?: string | Md): RichText;
export function joinText(parts: RichText[], sep: string | Md = ''): RichText {
  const rich = sep instanceof Md || parts.some((p) => p.zh_cn instanceof Md || p.en_us instanceof Md);
  const join = (lang: Locale) => {
    const each = parts.map((p) => p[lang]);
    return rich ? joinMd(each, sep) : each.join(sep as string);
  };
  return { zh_cn: join('zh_cn'), en_us: join('en_us') };
}
