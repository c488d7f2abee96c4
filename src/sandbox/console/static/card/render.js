/**
 * A card JSON 2.0 as the Feishu client shows it (cards.md §2–§4), as an HTML string: a pure function, run
 * in the browser by the console and in Node by the unit tests. Buttons and charts come back as lists, so
 * the page can bind clicks (`data-action`) and draw charts (`data-chart`) with VChart.
 */
import { markdownToHtml } from './markdown.js';
import { renderTable } from './table.js';
import { colourAttr, escapeHtml, isColourName, textOf } from './text.js';

const UNKNOWN = { zh_cn: '未知用户', en_us: 'Unknown User' };
const ALL = { zh_cn: '所有人', en_us: 'All' };
const SIZES = new Set(['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation']);
const BUTTON_TYPES = new Set(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']);
const ASPECT = { '1:1': '1 / 1', '2:1': '2 / 1', '4:3': '4 / 3', '16:9': '16 / 9' };

const cls = (...names) => names.filter(Boolean).join(' ');
const sizeClass = (s) => (SIZES.has(s) ? `size-${s}` : 'size-normal');
const alignClass = (a) => (a === 'center' || a === 'right' ? `align-${a}` : '');
const word = (t, locale) => t[locale] ?? t.en_us;

/**
 * @param card the card JSON (an object)
 * @param opts { locale: 'zh_cn' | 'en_us', name?: (openId) => string | undefined }
 * @returns { html, actions: [{ value, confirm? }], charts: [{ spec }] }
 */
export function renderCard(card, opts = {}) {
  const locale = opts.locale ?? 'en_us';
  const ctx = {
    locale,
    name: (id) => opts.name?.(id) ?? word(UNKNOWN, locale),
    all: word(ALL, locale),
    actions: [],
    charts: [],
  };
  const c = card && typeof card === 'object' ? card : {};
  const header = c.header ? renderHeader(c.header, ctx) : '';
  const body = renderElements(c.body?.elements, ctx);
  const html = `<div class="card${c.config?.width_mode === 'compact' ? ' compact' : ''}">${header}<div class="card-body">${body}</div></div>`;
  return { html, actions: ctx.actions, charts: ctx.charts };
}

function renderHeader(h, ctx) {
  const template = isColourName(h.template) ? h.template : 'default';
  const tags = (h.i18n_text_tag_list?.[ctx.locale] ?? h.text_tag_list ?? []).slice(0, 3);
  const tagHtml = tags.map((t) => `<span class="text-tag tag-${escapeHtml(t.color ?? 'neutral')}">${escapeHtml(textOf(t.text, ctx.locale))}</span>`).join('');
  const title = textOf(h.title, ctx.locale);
  const subtitle = h.subtitle ? `<div class="card-subtitle">${escapeHtml(textOf(h.subtitle, ctx.locale))}</div>` : '';
  return `<div class="card-header tpl-${template}"><div class="card-title-row"><span class="card-title">${escapeHtml(title)}</span>${tagHtml}</div>${subtitle}</div>`;
}

/** A text object: plain_text escaped, lark_md / markdown rendered. */
function richText(node, ctx) {
  const t = textOf(node, ctx.locale);
  return node?.tag === 'plain_text' || node?.tag === undefined ? escapeHtml(t) : inlineMarkdown(t, ctx);
}

/** Markdown inside one line (a panel title, a button): no paragraph around it. */
function inlineMarkdown(src, ctx) {
  return markdownToHtml(src, ctx).replace(/^<p>([\s\S]*)<\/p>$/, '$1');
}

export function renderElements(elements, ctx) {
  return Array.isArray(elements) ? elements.map((el) => renderElement(el, ctx)).join('') : '';
}

function renderElement(el, ctx) {
  if (!el || typeof el !== 'object') return '';
  switch (el.tag) {
    case 'markdown':
      return `<div class="${cls('el-md', sizeClass(el.text_size), alignClass(el.text_align))}">${markdownToHtml(textOf(el, ctx.locale), ctx)}</div>`;
    case 'div':
      return `<div class="${cls('el-div', sizeClass(el.text?.text_size), alignClass(el.text?.text_align))}"${colourAttr(el.text?.text_color)}>${richText(el.text, ctx)}</div>`;
    case 'plain_text':
      return `<div class="el-div">${escapeHtml(textOf(el, ctx.locale))}</div>`;
    case 'hr':
      return '<hr class="el-hr">';
    case 'column_set':
      return renderColumns(el, ctx);
    case 'collapsible_panel':
      return renderPanel(el, ctx);
    case 'table':
      return renderTable(el, ctx);
    case 'button':
      return renderButton(el, ctx);
    case 'person':
      return `<div class="el-person">${person(el.user_id ?? el.id, ctx, el.show_avatar !== false, el.show_name !== false)}</div>`;
    case 'person_list':
      return `<div class="${cls('el-person-list', `size-${escapeHtml(el.size ?? 'medium')}`)}">${(el.persons ?? []).map((p) => person(p.id, ctx, el.show_avatar !== false, el.show_name !== false)).join('')}</div>`;
    case 'chart':
      return renderChart(el, ctx);
    case 'form':
      return `<form class="el-form" data-name="${escapeHtml(el.name ?? '')}">${renderElements(el.elements, { ...ctx, inForm: true })}</form>`;
    case 'input':
      return renderInput(el, ctx);
    case 'note':
      return `<div class="el-note">${renderElements(el.elements, ctx)}</div>`;
    default:
      return `<div class="el-unknown">[${escapeHtml(String(el.tag))}]</div>`;
  }
}

function person(id, ctx, avatar, name) {
  const n = ctx.name(String(id ?? ''));
  const face = avatar ? `<span class="avatar">${escapeHtml(Array.from(n)[0] ?? '?')}</span>` : '';
  return `<span class="person" data-open-id="${escapeHtml(id ?? '')}">${face}${name ? `<span class="person-name">${escapeHtml(n)}</span>` : ''}</span>`;
}

function renderColumns(el, ctx) {
  const mode = ['none', 'stretch', 'flow', 'bisect', 'trisect'].includes(el.flex_mode) ? el.flex_mode : 'none';
  const cols = (el.columns ?? []).map((col) => {
    const style = col.width === 'weighted' ? `flex:${Number(col.weight) || 1} 1 0` : col.width === 'auto' ? 'flex:0 0 auto' : /^\d+px$/.test(col.width ?? '') ? `flex:0 0 ${col.width}` : 'flex:1 1 0';
    return `<div class="${cls('column', alignClass(col.horizontal_align))}" style="${style}">${renderElements(col.elements, ctx)}</div>`;
  }).join('');
  return `<div class="${cls('el-columns', `flex-${mode}`, el.horizontal_align ? `justify-${escapeHtml(el.horizontal_align)}` : '')}">${cols}</div>`;
}

function renderPanel(el, ctx) {
  const title = el.header?.title ? richText(el.header.title, ctx) : '';
  const right = el.header?.icon_position === 'right' ? ' icon-right' : '';
  return `<details class="el-panel${right}"${el.expanded ? ' open' : ''}><summary>${title}</summary><div class="panel-body">${renderElements(el.elements, ctx)}</div></details>`;
}

function renderInput(el, ctx) {
  const label = el.label ? `<span class="input-label">${escapeHtml(textOf(el.label, ctx.locale))}${el.required ? ' *' : ''}</span>` : '';
  const placeholder = el.placeholder ? ` placeholder="${escapeHtml(textOf(el.placeholder, ctx.locale))}"` : '';
  const value = el.i18n_default_value?.[ctx.locale] ?? el.default_value;
  const common = `name="${escapeHtml(el.name ?? '')}"${placeholder}${el.disabled ? ' disabled' : ''}`;
  const field = el.input_type === 'multiline_text'
    ? `<textarea ${common} rows="${Number(el.rows) || 3}">${escapeHtml(value ?? '')}</textarea>`
    : `<input type="${el.input_type === 'password' ? 'password' : 'text'}" ${common}${value ? ` value="${escapeHtml(value)}"` : ''}>`;
  return `<label class="${cls('el-input', el.label_position === 'left' ? 'label-left' : '')}">${label}${field}</label>`;
}

function renderButton(el, ctx) {
  // The console sends no form_value (the bot uses no forms): a form's buttons are shown, not played.
  if (ctx.inForm && el.form_action_type) return `<button type="button" class="card-btn btn-${BUTTON_TYPES.has(el.type) ? el.type : 'default'}" disabled title="forms are shown, not submitted">${richText(el.text, ctx)}</button>`;
  const type = BUTTON_TYPES.has(el.type) ? el.type : 'default';
  const behavior = (el.behaviors ?? []).find((b) => b?.type === 'callback');
  const url = (el.behaviors ?? []).find((b) => b?.type === 'open_url');
  const label = richText(el.text, ctx);
  const size = el.size ? ` btn-${escapeHtml(el.size)}` : '';
  if (!behavior) {
    const href = url?.default_url ?? url?.pc_url;
    const safe = typeof href === 'string' && /^https?:\/\//.test(href) ? href : undefined;
    return `<a class="card-btn btn-${type}${size}${el.disabled ? ' disabled' : ''}"${safe && !el.disabled ? ` href="${escapeHtml(safe)}" target="_blank" rel="noopener noreferrer"` : ''}>${label}</a>`;
  }
  const confirm = el.confirm ? { title: textOf(el.confirm.title, ctx.locale), text: textOf(el.confirm.text, ctx.locale) } : undefined;
  ctx.actions.push({ value: behavior.value, ...(confirm ? { confirm } : {}) });
  const index = ctx.actions.length - 1;
  return `<button type="button" class="card-btn btn-${type}${size}" data-action="${index}"${el.disabled ? ' disabled' : ''}>${label}</button>`;
}

function renderChart(el, ctx) {
  ctx.charts.push({ spec: el.chart_spec ?? {} });
  const index = ctx.charts.length - 1;
  const height = /^\d+px$/.test(el.height ?? '') ? `height:${el.height}` : `aspect-ratio:${ASPECT[el.aspect_ratio] ?? ASPECT['16:9']}`;
  return `<div class="el-chart" data-chart="${index}" data-chart-type="${escapeHtml(el.chart_spec?.type ?? '')}" style="${height}"></div>`;
}
