/**
 * Text helpers of the card renderer (plain browser ES module, also imported by the vitest unit tests):
 * HTML escaping and per-field i18n, as the Feishu client resolves `i18n_content` for the viewer's language.
 */

const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes everything: for attributes and plain text. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Escapes markup but keeps HTML entities as entities (cards escape data as `&#42;`, which shows as `*`). */
export function escapeKeepingEntities(s) {
  return String(s).replace(/&(?!#\d{1,7};|#x[0-9a-fA-F]{1,6};|[a-zA-Z]{2,10};)|[<>"']/g, (c) => HTML[c]);
}

/** A text object's words in `locale`: its `i18n_content` entry, else `content`. */
export function textOf(node, locale) {
  if (!node || typeof node !== 'object') return typeof node === 'string' ? node : '';
  const i18n = node.i18n_content;
  if (i18n && typeof i18n === 'object' && typeof i18n[locale] === 'string') return i18n[locale];
  return typeof node.content === 'string' ? node.content : '';
}

/** Names of the colour enum the client knows (cards.md §2, §3.1); anything else must be an RGB(A) or hex colour. */
const COLOURS = new Set(['default', 'blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'lime', 'neutral']);
const CSS_COLOUR = /^(rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+\s*)?\)|#[0-9a-fA-F]{3,8})$/;

/** A class (`c-red`) for a named colour, or a safe inline style for an RGB(A)/hex one, or nothing. */
export function colourAttr(colour) {
  const c = String(colour ?? '').trim();
  if (COLOURS.has(c)) return ` class="c-${c}"`;
  if (CSS_COLOUR.test(c)) return ` style="color:${c}"`;
  return '';
}

export function isColourName(c) {
  return COLOURS.has(String(c));
}
