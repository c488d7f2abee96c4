/**
 * Card markdown (cards.md §3.1) to HTML: headings, lists (4 spaces per level), quotes, rules, code, bold,
 * italic, strike, links (http/https only), and the card tags `<at>`, `<font>`, `<person>`, `<text_tag>`,
 * `<number_tag>`, `<link>`, `<br>`. Everything else is text: escaped, never markup.
 */
import { colourAttr, escapeHtml, escapeKeepingEntities } from './text.js';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const attr = (attrs, name) => {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:'([^']*)'|"([^"]*)"|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};
const safeUrl = (u) => (typeof u === 'string' && /^https?:\/\//i.test(u) ? u : undefined);

/** The card tags: each yields an opening, closing or standalone piece of HTML. */
const TAGS = [
  [/^<at\s+([^>]*)>\s*<\/at>/i, (m, ctx) => {
    const id = attr(m[1], 'id');
    const ids = id ? [id] : (attr(m[1], 'ids') ?? '').split(',').filter(Boolean);
    const email = attr(m[1], 'email');
    if (email) return { html: `<span class="md-at">@${escapeHtml(email)}</span>` };
    return { html: ids.map((x) => `<span class="md-at" data-open-id="${escapeHtml(x)}">@${escapeHtml(x === 'all' ? ctx.all : ctx.name(x))}</span>`).join(' ') };
  }],
  [/^<person\s+([^>]*)>\s*<\/person>/i, (m, ctx) => {
    const id = attr(m[1], 'id') ?? '';
    return { html: `<span class="md-person" data-open-id="${escapeHtml(id)}">${escapeHtml(ctx.name(id))}</span>` };
  }],
  [/^<font\s+([^>]*)>/i, (m) => ({ open: 'font', html: `<span${colourAttr(attr(m[1], 'color')) || ' class="c-default"'}>` })],
  [/^<\/font>/i, () => ({ close: 'font', html: '</span>' })],
  [/^<text_tag\s*([^>]*)>/i, (m) => ({ open: 'text_tag', html: `<span class="text-tag tag-${escapeHtml(attr(m[1], 'color') ?? 'neutral')}">` })],
  [/^<\/text_tag>/i, () => ({ close: 'text_tag', html: '</span>' })],
  [/^<number_tag[^>]*>/i, () => ({ open: 'number_tag', html: '<span class="number-tag">' })],
  [/^<\/number_tag>/i, () => ({ close: 'number_tag', html: '</span>' })],
  [/^<link\s+([^>]*)>/i, (m) => ({ open: 'link', html: linkOpen(safeUrl(attr(m[1], 'url'))) })],
  [/^<\/link>/i, () => ({ close: 'link', html: '</a>' })],
  [/^<br\s*\/?>/i, () => ({ html: '<br>' })],
];
const linkOpen = (url) => (url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">` : '<a>');

/** Swaps card tags for placeholders, so that escaping and inline markdown leave them alone. */
function extractTags(src, ctx, pieces) {
  let out = '';
  for (let i = 0; i < src.length;) {
    if (src[i] === '<') {
      const rest = src.slice(i);
      const hit = TAGS.map(([re, make]) => [re.exec(rest), make]).find(([m]) => m);
      if (hit) {
        const [m, make] = hit;
        pieces.push(make(m, ctx));
        out += `${OPEN}${pieces.length - 1}${CLOSE}`;
        i += m[0].length;
        continue;
      }
    }
    out += src[i];
    i++;
  }
  return out;
}

/** Inline markdown on one line of text (tags already placeholders). Code spans show their text as typed. */
function inline(line) {
  return line.split(/(`[^`]+`)/).map((part) => {
    if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
    return escapeKeepingEntities(part)
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, t, u) => `<a href="${u}" target="_blank" rel="noopener noreferrer">${t}</a>`)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/~~(.+?)~~/g, '<del>$1</del>')
      .replace(/(^|[^*])\*([^*\s](?:[^*]*[^*\s])?)\*(?!\*)/g, '$1<em>$2</em>');
  }).join('');
}

/** Puts the tags' HTML back, balanced within one block: a stray close is dropped, an open one is closed. */
function restore(html, pieces) {
  const stack = [];
  const out = html.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_m, n) => {
    const p = pieces[Number(n)];
    if (p.open) {
      stack.push(p.open === 'link' ? '</a>' : '</span>');
      return p.html;
    }
    if (p.close) return stack.length ? (stack.pop(), p.html) : '';
    return p.html;
  });
  return out + stack.reverse().join('');
}

/** One block of lines (no fences) to HTML. */
function blocks(lines, pieces) {
  const html = [];
  let para = [];
  let list = []; // [{level, ordered, html}]
  const flushPara = () => {
    if (para.length) html.push(`<p>${restore(para.map(inline).join('<br>'), pieces)}</p>`);
    para = [];
  };
  const flushList = () => {
    if (!list.length) return;
    let out = '';
    const open = [];
    for (const item of list) {
      const tag = item.ordered ? 'ol' : 'ul';
      while (open.length > item.level + 1) out += `</li></${open.pop()}>`;
      // A bullet list after a numbered one (or the other way round) at the same level is a new list.
      if (open.length === item.level + 1 && open[open.length - 1] !== tag) out += `</li></${open.pop()}>`;
      else if (open.length === item.level + 1) out += '</li>';
      while (open.length < item.level + 1) {
        out += `<${tag}>`;
        open.push(tag);
      }
      out += `<li>${restore(inline(item.text), pieces)}`;
    }
    while (open.length) out += `</li></${open.pop()}>`;
    html.push(out);
    list = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    let m;
    if (!line.trim()) { flushPara(); flushList(); continue; }
    if ((m = /^( *)([-*+]|\d+\.) +(.*)$/.exec(line))) {
      flushPara();
      list.push({ level: Math.min(5, Math.floor(m[1].length / 4)), ordered: /\d/.test(m[2]), text: m[3] });
      continue;
    }
    flushList();
    if ((m = /^(#{1,6}) +(.*)$/.exec(line))) { flushPara(); html.push(`<h${m[1].length}>${restore(inline(m[2]), pieces)}</h${m[1].length}>`); }
    else if (/^ {0,3}(-{3,}|\*{3,}|<hr\s*\/?>)$/i.test(line)) { flushPara(); html.push('<hr>'); }
    else if ((m = /^> ?(.*)$/.exec(line))) { flushPara(); html.push(`<blockquote>${restore(inline(m[1]), pieces)}</blockquote>`); }
    else para.push(line.trim());
  }
  flushPara();
  flushList();
  return html.join('');
}

/**
 * Markdown source to HTML. `ctx.name(openId)` gives a person's shown name; `ctx.all` is how @all reads.
 */
export function markdownToHtml(src, ctx) {
  const parts = String(src ?? '').replace(/\r\n?/g, '\n').split(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/m);
  return parts.map((part, i) => {
    if (i % 2 === 1) return `<pre><code>${escapeHtml(part.replace(/\n$/, ''))}</code></pre>`;
    const pieces = [];
    return blocks(extractTags(part, ctx, pieces).split('\n'), pieces);
  }).join('');
}
