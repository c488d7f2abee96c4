import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardProblem, HEADER_TITLE_I18N_CONTENT_ALLOWED } from '../../src/sandbox/feishu/im/cardRules.js';
import { EXAMPLE_A, EXAMPLE_B, EXAMPLE_C, EXAMPLE_D, EXAMPLES, REFERENCE_FILE } from './cardRulesExamples.js';

type Json = Record<string, unknown>;

/** A copy of `card` with the value at `path` ("body.elements[3].columns[0].foo") set, or removed for undefined. */
function withField(card: object, path: string, value: unknown): Json {
  const copy = structuredClone(card) as Json;
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const problem = (card: object) => cardProblem(JSON.stringify(card));
const md = (content: string) => ({ tag: 'markdown', content });
const panel = (elements: object[]) => ({ tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'p' } }, elements });
const bodyOf = (elements: object[]) => ({ schema: '2.0', body: { elements } });
const plain = (content: string) => ({ tag: 'plain_text', content });

describe('cardProblem accepts the reference examples', () => {
  it.each(Object.entries(EXAMPLES))('example %s', (_name, card) => {
    expect(problem(card)).toBeUndefined();
  });

  it.skipIf(!existsSync(REFERENCE_FILE))('the copies are exactly the examples of cards.md', () => {
    const blocks = [...readFileSync(REFERENCE_FILE, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((b) => b.includes('"schema"'))
      .map((b) => JSON.parse(b) as unknown);
    expect(blocks).toEqual(Object.values(EXAMPLES));
  });

  it.each([
    ['header.title.i18n_content (UNCONFIRMED, allowed on purpose)', 'header.title.i18n_content', { zh_cn: '标题', en_us: 'Title' }],
    ['markdown i18n_content', 'body.elements[1].i18n_content', { zh_cn: '中', en_us: 'en' }],
    ['4 markdown tables in one markdown element', 'body.elements[1].content', Array.from({ length: 4 }, () => '| a | b |\n| :--- | ---: |\n| 1 | 2 |').join('\n\n')],
    ['config.summary.i18n_content', 'config.summary.i18n_content', { zh_cn: '中', en_us: 'en' }],
    ['a two-value margin', 'body.elements[2].margin', '4px 0'],
    ['a four-value negative margin', 'body.elements[2].margin', '-4px 0 4px 0'],
    ['an element_id of 20 characters', 'body.elements[2].element_id', 'a1234567890123456789'],
    ['a string callback value', 'body.elements[4].columns[0].elements[0].behaviors[0].value', 'retry'],
    ['an open_url behaviour', 'body.elements[4].columns[0].elements[0].behaviors[1]', { type: 'open_url', default_url: 'https://example.com' }],
    ['3 header tags', 'header.text_tag_list', Array.from({ length: 3 }, () => ({ tag: 'text_tag', text: plain('t'), color: 'lime' }))],
  ])('and documented variations: %s', (_name, path, value) => {
    expect(problem(withField(EXAMPLE_A, path, value))).toBeUndefined();
  });

  it('keeps the UNCONFIRMED header.title.i18n_content decision in one constant', () => {
    expect(HEADER_TITLE_I18N_CONTENT_ALLOWED).toBe(true);
  });
});

describe('cardProblem refuses what the platform refuses, naming the path', () => {
  it.each([
    // Unknown properties, at every level.
    ['an unknown top-level property', EXAMPLE_A, 'i18n_elements', {}, 'unknown property i18n_elements'],
    ['an unknown config property', EXAMPLE_A, 'config.wide_screen_mode', true, 'unknown property config.wide_screen_mode'],
    ['an unknown summary property', EXAMPLE_A, 'config.summary.foo', 1, 'unknown property config.summary.foo'],
    ['an unknown header property (1.0 i18n_header)', EXAMPLE_A, 'header.i18n', {}, 'unknown property header.i18n'],
    ['an unknown text-object property', EXAMPLE_A, 'header.subtitle.i18n', {}, 'unknown property header.subtitle.i18n'],
    ['an unknown body property', EXAMPLE_A, 'body.foo', 1, 'unknown property body.foo'],
    ['an unknown table-column property', EXAMPLE_A, 'body.elements[3].columns[0].foo', 1, 'unknown property body.elements[3].columns[0].foo'],
    ['an unknown header_style property', EXAMPLE_A, 'body.elements[3].header_style.italic', true, 'unknown property body.elements[3].header_style.italic'],
    ['an unknown column property', EXAMPLE_A, 'body.elements[0].columns[1].foo', 1, 'unknown property body.elements[0].columns[1].foo'],
    ['an unknown markdown property', EXAMPLE_A, 'body.elements[1].text', 'x', 'unknown property body.elements[1].text'],
    ['an unknown hr property', EXAMPLE_A, 'body.elements[2].color', 'red', 'unknown property body.elements[2].color'],
    ['an unknown button property', EXAMPLE_A, 'body.elements[4].columns[0].elements[0].icon', {}, 'unknown property body.elements[4].columns[0].elements[0].icon'],
    ['an unknown behaviour property', EXAMPLE_A, 'body.elements[4].columns[0].elements[0].behaviors[0].url', 'x', 'unknown property body.elements[4].columns[0].elements[0].behaviors[0].url'],
    ['an unknown confirm property', EXAMPLE_A, 'body.elements[4].columns[1].elements[0].confirm.ok', 'x', 'unknown property body.elements[4].columns[1].elements[0].confirm.ok'],
    ['an unknown panel-header property', EXAMPLE_B, 'body.elements[2].header.padding', '4px', 'unknown property body.elements[2].header.padding'],
    ['an unknown chart property', EXAMPLE_B, 'body.elements[1].spec', {}, 'unknown property body.elements[1].spec'],
    ['an unknown person property', EXAMPLE_B, 'body.elements[0].persons[0].name', 'x', 'unknown property body.elements[0].persons[0].name'],
    ['an unknown input property', EXAMPLE_D, 'body.elements[0].elements[0].pattern', 'x', 'unknown property body.elements[0].elements[0].pattern'],
    ['an unknown number format property', EXAMPLE_C, 'body.elements[0].columns[1].format.currency', 'CNY', 'unknown property body.elements[0].columns[1].format.currency'],
    // Enums and ranges.
    ['schema 1.0', EXAMPLE_A, 'schema', '1.0', 'schema must be 2.0'],
    ['update_multi false', EXAMPLE_A, 'config.update_multi', false, 'config.update_multi'],
    ['an unknown width_mode', EXAMPLE_A, 'config.width_mode', 'wide', 'config.width_mode'],
    ['an unknown locale', EXAMPLE_A, 'config.locales', ['zh_cn', 'xx_yy'], 'config.locales[1]'],
    ['an unknown header template', EXAMPLE_A, 'header.template', 'pink', 'header.template'],
    ['a header title as markdown', EXAMPLE_A, 'header.title.tag', 'markdown', 'header.title.tag'],
    ['an unknown text_tag colour', EXAMPLE_A, 'header.text_tag_list[0].color', 'pink', 'header.text_tag_list[0].color'],
    ['4 header tags', EXAMPLE_A, 'header.text_tag_list', Array.from({ length: 4 }, () => ({ tag: 'text_tag', text: plain('t'), color: 'red' })), 'header.text_tag_list'],
    ['an i18n_content with an unknown locale', EXAMPLE_B, 'body.elements[5].i18n_content', { klingon: 'x' }, 'unknown property body.elements[5].i18n_content.klingon'],
    ['a text object of an unknown tag', EXAMPLE_A, 'header.subtitle.tag', 'html', 'header.subtitle.tag'],
    ['a table page_size of 11', EXAMPLE_C, 'body.elements[0].page_size', 11, 'body.elements[0].page_size'],
    ['a table page_size of 0', EXAMPLE_C, 'body.elements[0].page_size', 0, 'body.elements[0].page_size'],
    ['an unknown table data_type', EXAMPLE_C, 'body.elements[0].columns[0].data_type', 'money', 'body.elements[0].columns[0].data_type'],
    ['51 table columns', EXAMPLE_C, 'body.elements[0].columns', Array.from({ length: 51 }, (_, i) => ({ name: `c${i}` })), 'body.elements[0].columns'],
    ['an unknown button type', EXAMPLE_C, 'body.elements[1].columns[0].elements[0].type', 'warning', 'body.elements[1].columns[0].elements[0].type'],
    ['an unknown button size', EXAMPLE_C, 'body.elements[1].columns[0].elements[0].size', 'huge', 'body.elements[1].columns[0].elements[0].size'],
    ['behaviors that are not an array', EXAMPLE_C, 'body.elements[1].columns[0].elements[0].behaviors', { type: 'callback' }, 'behaviors: must be an array'],
    ['a callback value that is a number', EXAMPLE_C, 'body.elements[1].columns[0].elements[0].behaviors[0].value', 7, 'behaviors[0].value'],
    ['an unknown behaviour type', EXAMPLE_C, 'body.elements[1].columns[0].elements[0].behaviors[0].type', 'navigate', 'behaviors[0].type'],
    ['a column weight of 6', EXAMPLE_A, 'body.elements[0].columns[0].weight', 6, 'body.elements[0].columns[0].weight'],
    ['an unknown flex_mode', EXAMPLE_A, 'body.elements[0].flex_mode', 'grid', 'body.elements[0].flex_mode'],
    ['an unknown chart aspect ratio', EXAMPLE_B, 'body.elements[1].aspect_ratio', '3:1', 'body.elements[1].aspect_ratio'],
    ['an unknown person_list size', EXAMPLE_B, 'body.elements[0].size', 'huge', 'body.elements[0].size'],
    ['a margin beyond 99px', EXAMPLE_A, 'body.elements[2].margin', '100px', 'body.elements[2].margin'],
    ['an input max_length over 1000', EXAMPLE_D, 'body.elements[0].elements[0].max_length', 1001, 'body.elements[0].elements[0].max_length'],
    // element_id.
    ['an element_id starting with a digit', EXAMPLE_A, 'body.elements[2].element_id', '1st', 'body.elements[2].element_id'],
    ['an element_id with a dash', EXAMPLE_A, 'body.elements[2].element_id', 'a-b', 'body.elements[2].element_id'],
    ['an element_id of 21 characters', EXAMPLE_A, 'body.elements[2].element_id', 'a12345678901234567890', 'body.elements[2].element_id'],
    ['a duplicate element_id', EXAMPLE_A, 'body.elements[2].element_id', 'failed_rows', 'is used twice'],
    // Tags and placement.
    ['an undocumented tag', EXAMPLE_A, 'body.elements[2].tag', 'div', 'body.elements[2].tag: unknown tag "div"'],
    ['the 1.0 action module', EXAMPLE_A, 'body.elements[2]', { tag: 'action', actions: [] }, 'the action module does not exist'],
    ['a column outside a column_set', EXAMPLE_A, 'body.elements[2]', { tag: 'column', elements: [] }, 'body.elements[2].tag: unknown tag "column"'],
    ['a table inside a column', EXAMPLE_A, 'body.elements[0].columns[0].elements[0]', { tag: 'table', columns: [{ name: 'a' }], rows: [] }, 'table must be at the root'],
    ['a form inside a panel', EXAMPLE_B, 'body.elements[2].elements[0]', { tag: 'form', name: 'f', elements: [] }, 'form must be at the root'],
    ['a table holding components', EXAMPLE_C, 'body.elements[0].elements', [md('x')], 'unknown property body.elements[0].elements'],
    // Forms.
    ['a form input without a name', EXAMPLE_D, 'body.elements[0].elements[0].name', undefined, 'body.elements[0].elements[0].name'],
    ['a form button with an empty name', EXAMPLE_D, 'body.elements[0].elements[2].name', '', 'body.elements[0].elements[2].name'],
    ['two form children with one name', EXAMPLE_D, 'body.elements[0].elements[1].name', 'status_name', 'used twice in the form'],
    ['a form without a submit button', EXAMPLE_D, 'body.elements[0].elements[2].form_action_type', 'reset', 'needs a button with form_action_type "submit"'],
    ['a chart inside a form', EXAMPLE_D, 'body.elements[0].elements[3]', EXAMPLE_B.body.elements[1], 'chart is not allowed'],
    ['5 tables in one markdown element', EXAMPLE_A, 'body.elements[1].content', Array.from({ length: 5 }, () => '| a | b |\n| --- | --- |\n| 1 | 2 |').join('\n\n'), 'at most 4 tables in one markdown element'],
    ['5 tables in one language of a markdown element', EXAMPLE_A, 'body.elements[1].i18n_content', { zh_cn: Array.from({ length: 5 }, () => '|a|\n|:---:|\n|1|').join('\n\n') }, 'i18n_content.zh_cn: at most 4 tables'],
    ['a placeholder over 100 characters', EXAMPLE_D, 'body.elements[0].elements[0].placeholder.content', 'x'.repeat(101), 'placeholder.content'],
  ])('%s', (_name, base, path, value, expected) => {
    const refused = problem(withField(base, path, value));
    expect(refused?.code).toBe(230099);
    expect(refused?.msg).toContain(expected);
  });

  it('refuses containers nested more than 5 levels deep, and accepts 5', () => {
    const nest = (levels: number): object => (levels === 0 ? md('deep') : panel([nest(levels - 1)]));
    expect(problem(bodyOf([nest(5)]))).toBeUndefined();
    expect(problem(bodyOf([nest(6)]))?.msg).toContain('containers nest at most 5 levels');
  });

  it('refuses a 6th table', () => {
    const table = EXAMPLE_C.body.elements[0]!;
    expect(problem(bodyOf(Array.from({ length: 5 }, () => table)))).toBeUndefined();
    expect(problem(bodyOf(Array.from({ length: 6 }, () => table)))?.msg).toContain('at most 5 tables');
  });

  it('counts text objects towards the 200 elements', () => {
    // Each button is a component plus its text object: 100 buttons are 200 elements.
    const button = { tag: 'button', text: plain('b'), behaviors: [{ type: 'callback', value: 'x' }] };
    expect(problem(bodyOf(Array.from({ length: 100 }, () => button)))).toBeUndefined();
    expect(problem(bodyOf(Array.from({ length: 101 }, () => button)))?.msg).toContain('at most 200 elements');
    expect(problem(bodyOf(Array.from({ length: 201 }, () => ({ tag: 'hr' }))))?.msg).toContain('at most 200 elements');
  });

  it('refuses a card over 30 KB with 230025 and a card that is not JSON', () => {
    expect(cardProblem(JSON.stringify(bodyOf([md('x'.repeat(31 * 1024))])))?.code).toBe(230025);
    expect(cardProblem('{"schema":')?.code).toBe(230099);
  });
});
