/**
 * The emulator's card check: the rules of cards.md that the platform enforces on send, reply and patch.
 * Card JSON 2.0 rejects unknown or unsupported properties, so every object is checked against the fields
 * cards.md lists for it (tables below) and any other property is refused with its path.
 */
import {
  any, anyObject, arr, bool, either, firstProblem, int, isObject, literal, LOCALES, num, obj, oneOf, oneOfOr, perLocale, str, text,
  type Check, type Ctx, type Fields, type Scope,
} from './cardRulesShapes.js';

/**
 * cards.md §4/§10.1: UNCONFIRMED whether the 2.0 validator accepts `header.title.i18n_content` (the doc mixes the
 * 1.0 `i18n` form into its 2.0 example). The reference tells us to use `i18n_content`, and every card the bot sends
 * relies on it for bilingual titles, so the emulator accepts it. Set to false to see what a "no" would break.
 */
export const HEADER_TITLE_I18N_CONTENT_ALLOWED = true;

const MAX_BYTES = 30 * 1024;
const MAX_ELEMENTS = 200;
const MAX_TABLES = 5;
const MAX_CONTAINER_LEVEL = 5;
const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;

const px = /^\d+px$/;
const pct = /^\d+%$/;
const boxToken = '(?:-?\\d{1,2}px|0)';
const box = new RegExp(`^${boxToken}(?: ${boxToken})?$|^${boxToken}(?: ${boxToken}){3}$`);
const boxCheck: Check = (v, p) => (typeof v === 'string' && box.test(v) ? undefined : `${p}: must be like "4px", "4px 0" or "4px 0 4px 0" (-99..99px)`);
const spacing = oneOfOr(px, 'small', 'medium', 'large', 'extra_large');
const hAlign = oneOf('left', 'center', 'right');
const vAlign = oneOf('top', 'center', 'bottom');
const direction = oneOf('vertical', 'horizontal');

const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'];
const TEXT_TAG_COLOURS = ['neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet', 'green', 'yellow', 'red', 'purple', 'carmine'];
const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'];
const DATA_TYPES = ['text', 'lark_md', 'markdown', 'number', 'options', 'persons', 'date'];

/** cards.md §3.1: a markdown element renders at most 4 markdown tables (a table is known by its delimiter row). */
const MAX_TABLES_PER_MARKDOWN = 4;
const TABLE_DELIMITER_ROW = /^ *\|?(?: *:?-{3,}:? *\|)+ *(?::?-{3,}:?)? *$/gm;
const markdownSource: Check = (v, p) => {
  if (typeof v !== 'string') return `${p}: must be a string`;
  const tables = v.match(TABLE_DELIMITER_ROW)?.length ?? 0;
  return tables > MAX_TABLES_PER_MARKDOWN ? `${p}: at most ${MAX_TABLES_PER_MARKDOWN} tables in one markdown element` : undefined;
};

const anyText = text(['plain_text', 'lark_md', 'markdown']);
const plainText = (maxLength = Infinity) => text(['plain_text'], { maxLength });
const icon = obj({ tag: oneOf('standard_icon', 'custom_icon'), token: str, color: str, img_key: str, i18n_img_key: perLocale(str) }, ['tag']);
const textTag = obj({ tag: literal('text_tag'), text: anyText, color: oneOf(...TEXT_TAG_COLOURS) }, ['tag', 'text']);
const confirm = obj({ title: anyText, text: anyText }, ['title']);

const behavior: Check = (v, p, ctx) => {
  const type = isObject(v) ? v.type : undefined;
  if (type === 'callback') return obj({ type: any, value: either(anyObject, str) }, ['value'])(v, p, ctx);
  if (type === 'open_url') return obj({ type: any, default_url: str, pc_url: str, ios_url: str, android_url: str })(v, p, ctx);
  return `${p}.type: must be callback | open_url`;
};

/** A container's child list, one level deeper than the container itself. */
function children(opts: { banned?: string[]; form?: boolean } = {}): Check {
  return (v, p, ctx) => {
    const scope: Scope = {
      level: ctx.scope.level + 1,
      root: false,
      formNames: opts.form ? new Set() : ctx.scope.formNames,
      banned: new Set([...ctx.scope.banned, ...(opts.banned ?? [])]),
    };
    const inner: Ctx = { ...ctx, scope };
    const problem = arr(component)(v, p, inner);
    if (problem || !opts.form) return problem;
    return scope.formNames?.has(SUBMIT) ? undefined : `${p}: a form needs a button with form_action_type "submit"`;
  };
}
/** Marker kept in a form's name set once a submit button was seen (names cannot contain spaces). */
const SUBMIT = ' submit';

const columnFields = obj({
  tag: literal('column'), margin: boxCheck, element_id: any,
  width: oneOfOr(px, 'auto', 'weighted'), weight: int(1, 5), vertical_align: vAlign, horizontal_align: hAlign,
  vertical_spacing: spacing, direction, padding: boxCheck, background_style: str, elements: children(),
}, ['tag']);
const column: Check = (v, p, ctx) => {
  ctx.counts.elements++;
  return firstProblem(isObject(v) ? elementIdProblem(v.element_id, p, ctx) : undefined, columnFields(v, p, ctx));
};

interface ComponentRule {
  fields: Fields;
  required?: string[];
  container?: boolean;
}

/** Allowed fields per component tag (cards.md §3). `tag`, `margin` and `element_id` are added to every one. */
const COMPONENTS: Record<string, ComponentRule> = {
  markdown: {
    fields: { content: markdownSource, i18n_content: perLocale(markdownSource), text_align: hAlign, text_size: str, icon },
    required: ['content'],
  },
  hr: { fields: {} },
  table: {
    fields: {
      page_size: int(1, 10),
      row_height: oneOfOr(px, 'low', 'middle', 'high', 'auto'),
      row_max_height: oneOfOr(px),
      freeze_first_column: bool,
      header_style: obj({
        text_align: hAlign, text_size: oneOf('normal', 'heading'), background_style: oneOf('grey', 'none'),
        text_color: oneOf('default', 'grey'), bold: bool, lines: int(1, 100),
      }),
      columns: arr(obj({
        name: str, display_name: str, width: oneOfOr(new RegExp(`${px.source}|${pct.source}`), 'auto'),
        horizontal_align: hAlign, vertical_align: vAlign, data_type: oneOf(...DATA_TYPES),
        format: obj({ precision: int(0, 10), symbol: str, separator: bool }), date_format: str,
      }, ['name']), 50, 1),
      rows: arr(anyObject),
    },
    required: ['columns', 'rows'],
  },
  column_set: {
    fields: {
      flex_mode: oneOf('none', 'stretch', 'flow', 'bisect', 'trisect'), background_style: str,
      horizontal_spacing: spacing, horizontal_align: hAlign,
      action: obj({ multi_url: obj({ url: str, pc_url: str, ios_url: str, android_url: str }) }),
      columns: arr(column),
    },
    required: ['columns'],
    container: true,
  },
  button: {
    fields: {
      type: oneOf(...BUTTON_TYPES), size: oneOf('tiny', 'small', 'medium', 'large'), width: oneOfOr(px, 'default', 'fill'),
      text: anyText, disabled: bool, disabled_tips: anyText, hover_tips: anyText, confirm,
      behaviors: arr(behavior), name: str, form_action_type: oneOf('submit', 'reset'),
    },
    required: ['text'],
  },
  collapsible_panel: {
    fields: {
      expanded: bool, background_color: str, border: obj({ color: str, corner_radius: str }), padding: boxCheck,
      vertical_spacing: spacing, horizontal_spacing: spacing, vertical_align: vAlign, horizontal_align: hAlign, direction,
      header: obj({
        title: text(['plain_text', 'markdown']), background_color: str, width: oneOf('fill', 'auto', 'auto_when_fold'),
        icon, icon_position: oneOf('left', 'right', 'follow_text'), icon_expanded_angle: num,
      }, ['title']),
      elements: children({ banned: ['form'] }),
    },
    required: ['header', 'elements'],
    container: true,
  },
  chart: {
    fields: {
      aspect_ratio: oneOf('1:1', '2:1', '4:3', '16:9'), color_theme: oneOf('brand', 'rainbow', 'complementary', 'converse', 'primary'),
      preview: bool, height: oneOfOr(px, 'auto'), chart_spec: anyObject,
    },
    required: ['chart_spec'],
  },
  person_list: {
    fields: {
      persons: arr(obj({ id: str }, ['id'])), show_name: bool, show_avatar: bool,
      size: oneOf('extra_small', 'small', 'medium', 'large'), lines: int(1, 100), drop_invalid_user_id: bool,
    },
    required: ['persons'],
  },
  form: {
    fields: { name: str, elements: children({ banned: ['table', 'chart', 'form'], form: true }) },
    required: ['name', 'elements'],
    container: true,
  },
  input: {
    fields: {
      name: str, required: bool, placeholder: plainText(100), default_value: str, i18n_default_value: perLocale(str),
      max_length: int(1, 1000), label: plainText(), label_position: oneOf('top', 'left'),
      input_type: oneOf('text', 'multiline_text', 'password'), rows: int(1, 100), auto_resize: bool, max_rows: int(1, 100),
      width: str, disabled: bool, confirm, value: either(anyObject, str),
    },
  },
};
const ROOT_ONLY = new Set(['table', 'form']);
const NAMED_IN_FORM = new Set(['input', 'button']);

function component(v: unknown, p: string, ctx: Ctx): string | undefined {
  if (!isObject(v)) return `${p}: must be a component object`;
  const tag = v.tag;
  if (tag === 'action') return `${p}.tag: the action module does not exist in card 2.0`;
  const rule = typeof tag === 'string' ? COMPONENTS[tag] : undefined;
  if (!rule) return `${p}.tag: unknown tag ${JSON.stringify(tag)}`;
  const { scope } = ctx;
  if (ROOT_ONLY.has(tag as string) && !scope.root) return `${p}: ${String(tag)} must be at the root of body.elements`;
  if (scope.banned.has(tag as string)) return `${p}: ${String(tag)} is not allowed in this container`;
  if (rule.container && scope.level > MAX_CONTAINER_LEVEL) return `${p}: containers nest at most ${MAX_CONTAINER_LEVEL} levels`;
  ctx.counts.elements++;
  if (tag === 'table') ctx.counts.tables++;
  return firstProblem(
    elementIdProblem(v.element_id, p, ctx),
    scope.formNames && NAMED_IN_FORM.has(tag as string) ? formNameProblem(v, p, scope.formNames) : undefined,
    obj({ tag: any, margin: boxCheck, element_id: any, ...rule.fields }, rule.required)(v, p, ctx),
  );
}

function elementIdProblem(id: unknown, p: string, ctx: Ctx): string | undefined {
  if (id === undefined) return undefined;
  if (typeof id !== 'string' || !ELEMENT_ID.test(id)) return `${p}.element_id: letters, digits and _, starting with a letter, at most 20 characters`;
  if (ctx.ids.has(id)) return `${p}.element_id: "${id}" is used twice in the card`;
  ctx.ids.add(id);
  return undefined;
}

function formNameProblem(v: Record<string, unknown>, p: string, names: Set<string>): string | undefined {
  const name = v.name;
  if (typeof name !== 'string' || name === '') return `${p}.name: required and non-empty inside a form`;
  if (names.has(name)) return `${p}.name: "${name}" is used twice in the form`;
  names.add(name);
  if (v.form_action_type === 'submit') names.add(SUBMIT);
  return undefined;
}

const TOP_LEVEL = obj({
  schema: literal('2.0'),
  config: obj({
    update_multi: literal(true),
    width_mode: oneOf('default', 'compact', 'fill'),
    enable_forward: bool,
    summary: obj({ content: str, i18n_content: perLocale(str) }),
    locales: arr(oneOf(...LOCALES)),
    style: obj({ text_size: anyObject, color: anyObject }),
  }),
  card_link: obj({ url: str }, ['url']),
  header: obj({
    title: text(['plain_text', 'lark_md'], { i18n: HEADER_TITLE_I18N_CONTENT_ALLOWED }),
    subtitle: text(['plain_text', 'lark_md']),
    template: oneOf(...TEMPLATES),
    text_tag_list: arr(textTag, 3),
    i18n_text_tag_list: perLocale(arr(textTag, 3)),
    icon,
    padding: boxCheck,
  }),
  body: obj({
    direction, padding: boxCheck, vertical_spacing: spacing, horizontal_spacing: spacing,
    elements: arr(component),
  }, ['elements']),
}, ['schema', 'body']);

const fail = (msg: string) => ({ code: 230099, msg: `Failed to create card content: ${msg}` });

/** Returns the platform's error for a card it would refuse, or undefined for a valid card. */
export function cardProblem(content: string): { code: number; msg: string } | undefined {
  if (Buffer.byteLength(content, 'utf8') > MAX_BYTES) return { code: 230025, msg: 'The message content is too long (card limit 30 KB)' };
  let card: unknown;
  try {
    card = JSON.parse(content);
  } catch {
    return fail('content is not JSON');
  }
  if (!isObject(card) || card.schema !== '2.0') return fail('schema must be 2.0');
  const ctx: Ctx = { counts: { elements: 0, tables: 0 }, ids: new Set(), scope: { level: 1, root: true, banned: new Set() } };
  const problem = TOP_LEVEL(card, '', ctx);
  if (problem) return fail(problem);
  if (ctx.counts.tables > MAX_TABLES) return fail(`at most ${MAX_TABLES} tables`);
  if (ctx.counts.elements > MAX_ELEMENTS) return fail(`at most ${MAX_ELEMENTS} elements (components and text objects)`);
  return undefined;
}
