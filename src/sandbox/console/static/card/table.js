/**
 * The `table` component (cards.md §3.3): columns by data type, and the client's own paging (`page_size`
 * rows a page; every row is in the HTML, the page shows one page at a time).
 */
import { markdownToHtml } from './markdown.js';
import { escapeHtml } from './text.js';

const pageOf = (i, size) => Math.floor(i / size) + 1;

function cell(col, value, ctx) {
  if (value === undefined || value === null) return '';
  switch (col.data_type) {
    case 'lark_md':
    case 'markdown':
      return markdownToHtml(String(value), ctx).replace(/^<p>([\s\S]*)<\/p>$/, '$1');
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) return escapeHtml(String(value));
      const precision = col.format?.precision;
      let s = typeof precision === 'number' ? n.toFixed(precision) : String(n);
      if (col.format?.separator) s = s.replace(/^(-?\d+)/, (d) => Number(d).toLocaleString('en-US'));
      return escapeHtml(`${col.format?.symbol ?? ''}${s}`);
    }
    case 'options': {
      const opts = Array.isArray(value) ? value : [value];
      return opts.map((o) => {
        const text = typeof o === 'object' && o ? o.text : o;
        const colour = typeof o === 'object' && o?.color ? o.color : 'blue';
        return `<span class="text-tag tag-${escapeHtml(colour)}">${escapeHtml(String(text ?? ''))}</span>`;
      }).join(' ');
    }
    case 'persons': {
      const ids = Array.isArray(value) ? value : [value];
      return ids.map((id) => `<span class="person" data-open-id="${escapeHtml(String(id))}"><span class="person-name">${escapeHtml(ctx.name(String(id)))}</span></span>`).join(' ');
    }
    case 'date': {
      const d = new Date(Number(value));
      return Number.isNaN(d.getTime()) ? escapeHtml(String(value)) : escapeHtml(d.toISOString().slice(0, 16).replace('T', ' '));
    }
    default:
      return escapeHtml(String(value));
  }
}

export function renderTable(el, ctx) {
  const columns = Array.isArray(el.columns) ? el.columns : [];
  const rows = Array.isArray(el.rows) ? el.rows : [];
  const size = Math.min(10, Math.max(1, Number(el.page_size) || 5));
  const head = columns.map((c) => `<th>${escapeHtml(String(c.display_name ?? c.name ?? ''))}</th>`).join('');
  const body = rows.map((row, i) => {
    const tds = columns.map((c) => `<td class="dt-${escapeHtml(c.data_type ?? 'text')}">${cell(c, row?.[c.name], ctx)}</td>`).join('');
    return `<tr data-page="${pageOf(i, size)}"${pageOf(i, size) > 1 ? ' hidden' : ''}>${tds}</tr>`;
  }).join('');
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const pager = pages > 1
    ? `<div class="table-pager" data-pages="${pages}"><button type="button" class="page-prev" disabled>‹</button><span class="page-no">1 / ${pages}</span><button type="button" class="page-next">›</button></div>`
    : '';
  return `<div class="el-table"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${pager}</div>`;
}
