import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/sandbox/console/static/card/render.js';
import { markdownToHtml } from '../../src/sandbox/console/static/card/markdown.js';
import { toMessage } from '../../src/sandbox/console/static/composer.js';
import { EXAMPLE_A, EXAMPLE_B, EXAMPLE_C, EXAMPLE_D } from '../unit/cardRulesExamples.js';

/** The console's card renderer (a plain browser module) on the examples of cards.md, run in Node. */
const names: Record<string, string> = { ou_5f4e3d2c1b0a99887766554433221100: 'Ann', ou_6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d: '王五' };
const render = (card: unknown, locale: 'zh_cn' | 'en_us' = 'zh_cn') => renderCard(card, { locale, name: (id) => names[id] });
const ctx = { name: (id: string) => names[id] ?? 'Unknown User', all: 'All' };
/** The text a reader sees: tags dropped, entities decoded. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/\s+/g, ' ');

describe('card renderer on the cards.md examples', () => {
  it('Example A: orange header with subtitle and tag, columns, markdown with <font> and <at>, a table, buttons with a confirm', () => {
    const { html, actions, charts } = render(EXAMPLE_A);
    expect(html).toContain('class="card-header tpl-orange"');
    expect(html).toContain('<span class="card-title">批量开启系统状态 · 出差</span>');
    expect(html).toContain('<div class="card-subtitle">Run r_20250901_0007 · until 2025-09-30 23:59</div>');
    expect(html).toContain('<span class="text-tag tag-orange">部分失败</span>');
    expect(html).toContain('<span class="c-green">47</span>');
    expect(html).toContain('<span class="c-red">3</span>');
    expect(html).toContain('<span class="md-at" data-open-id="ou_5f4e3d2c1b0a99887766554433221100">@Ann</span>');
    expect(html).toMatch(/class="el-columns flex-bisect"/);
    expect(html).toContain('<th>用户</th><th>结果</th><th>说明</th>');
    // Persons of unknown ids read as the client shows them; options are coloured tags.
    expect(html).toContain('<span class="person-name">未知用户</span>');
    expect(html).toContain('<span class="text-tag tag-red">resign_user_id</span>');
    expect(html).toContain('<hr class="el-hr">');
    expect(actions.map((a) => a.value)).toEqual([
      { op: 'retry_failed', run_id: 'r_20250901_0007' }, { op: 'undo', run_id: 'r_20250901_0007' }, { op: 'export_csv', run_id: 'r_20250901_0007' },
    ]);
    expect(actions[1]?.confirm).toEqual({ title: '确认撤销?', text: '将对 47 位成功用户调用 batch_close。' });
    expect(html).toContain('class="card-btn btn-danger" data-action="1"');
    expect(charts).toEqual([]);
  });

  it('Example B: person list, a chart with its chart_spec, collapsible panels open and closed, notation text', () => {
    const { html, charts } = render(EXAMPLE_B);
    expect(html).toContain('<span class="person-name">王五</span>');
    expect(charts).toHaveLength(1);
    expect(charts[0]?.spec).toMatchObject({ type: 'linearProgress', xField: 'value', yField: 'obj' });
    expect(html).toContain('data-chart="0" data-chart-type="linearProgress" style="aspect-ratio:2 / 1"');
    expect(html).toMatch(/<details class="el-panel" open><summary><strong>O1 上线状态机器人<\/strong> · 得分 0.70 · 权重 60%<\/summary>/);
    expect(html).toMatch(/<details class="el-panel"><summary><strong>O2/);
    expect(html).toContain('<ol><li>KR1 每日批量开启 500 人');
    expect(html).toContain('<span class="c-orange">有风险</span>');
    expect(html).toContain('<div class="el-md size-notation">');
    expect(html).toContain('<code>users/:user_id/okrs</code>');
  });

  it('Example C: a client-paged table (numbers, options), small buttons right-aligned', () => {
    const { html, actions } = render(EXAMPLE_C);
    expect(html).toContain('class="card-header tpl-indigo"');
    expect(html).toContain('<td class="dt-number">100234</td>');
    expect(html).toContain('<span class="text-tag tag-green">已上传</span>');
    expect(html).toContain('justify-right');
    expect(html).toContain('class="card-btn btn-primary btn-small"');
    expect(actions.map((a) => (a.value as { dir: string }).dir)).toEqual(['prev', 'next']);
  });

  it('Example D: a form with its inputs (labels, placeholders, required); its submit button is shown, not played', () => {
    const { html, actions } = render(EXAMPLE_D);
    expect(html).toContain('<form class="el-form" data-name="status_form"');
    expect(html).toContain('<span class="input-label">状态名 *</span><input type="text" name="status_name" placeholder="例如 出差">');
    expect(html).toMatch(/<button type="button" class="card-btn btn-primary_filled" disabled[^>]*>提交<\/button>/);
    expect(actions).toEqual([]);
  });

  it('shows each field in the chosen language (i18n_content), falling back to content', () => {
    const card = {
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: 'Title', i18n_content: { zh_cn: '标题', en_us: 'Title' } }, template: 'blue' },
      body: { elements: [
        { tag: 'markdown', content: '**Done** 2', i18n_content: { zh_cn: '**完成** 2', en_us: '**Done** 2' } },
        { tag: 'button', text: { tag: 'plain_text', content: 'Undo', i18n_content: { zh_cn: '撤销', en_us: 'Undo' } }, disabled: true, behaviors: [{ type: 'callback', value: { a: 1 } }] },
        { tag: 'markdown', content: 'only one language' },
      ] },
    };
    const zh = render(card, 'zh_cn').html;
    const en = render(card, 'en_us').html;
    expect(textOf(zh)).toContain('标题 完成 2');
    expect(textOf(en)).toContain('Title Done 2');
    expect(zh).toContain('>撤销</button>');
    expect(zh).toContain('data-action="0" disabled');
    expect(en).toContain('<strong>Done</strong> 2');
    expect(en).toContain('only one language');
    expect(zh).toContain('only one language');
  });

  it('multiple header tags come from i18n_text_tag_list when set, at most 3', () => {
    const tag = (s: string) => ({ tag: 'text_tag', text: { tag: 'plain_text', content: s }, color: 'blue' });
    const card = { header: { title: { tag: 'plain_text', content: 'T' }, text_tag_list: [tag('a'), tag('b'), tag('c'), tag('d')], i18n_text_tag_list: { en_us: [tag('E')] } } };
    expect(render(card, 'zh_cn').html.match(/text-tag/g)).toHaveLength(3);
    expect(render(card, 'en_us').html).toContain('>E</span>');
  });
});

describe('card markdown', () => {
  it('is text unless it is a card tag: scripts, attributes and javascript: links stay inert', () => {
    const html = markdownToHtml('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <font color="red;background:url(x)">t</font>', ctx);
    expect(html).not.toMatch(/<script|<img|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<span class="c-default">t</span>');
  });

  it('keeps entities the bot escaped data with, shows them as typed in code', () => {
    expect(markdownToHtml('&#42;not bold&#42; `&#42;`', ctx)).toBe('<p>&#42;not bold&#42; <code>&amp;#42;</code></p>');
  });

  it('renders bold, italic, strike, links, <br>, headings, quotes, nested lists, rules and fences', () => {
    const html = markdownToHtml('# Head\n**b** *i* ~~s~~ [l](https://e.x/a?b=1&c=2)<br>next\n> quoted\n- one\n    - two\n1. first\n---\n```\n<at id=ou_x></at>\n```', ctx);
    expect(html).toContain('<h1>Head</h1>');
    expect(html).toContain('<strong>b</strong> <em>i</em> <del>s</del> <a href="https://e.x/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">l</a><br>next');
    expect(html).toContain('<blockquote>quoted</blockquote>');
    expect(html).toContain('<ul><li>one<ul><li>two</li></ul></li></ul><ol><li>first</li></ol><hr>');
    expect(html).toContain('<pre><code>&lt;at id=ou_x&gt;&lt;/at&gt;</code></pre>');
  });

  it('mentions: one id, several ids, @all; person tags; text and number tags; unbalanced tags are closed', () => {
    const html = markdownToHtml("<at ids=ou_5f4e3d2c1b0a99887766554433221100,ou_zz></at> <at id=all></at> <person id='ou_6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d' show_name=true></person> <text_tag color='red'>x</text_tag><number_tag>7</number_tag> <font color='green'>open", ctx);
    expect(html).toContain('@Ann</span> <span class="md-at" data-open-id="ou_zz">@Unknown User</span>');
    expect(html).toContain('>@All</span>');
    expect(html).toContain('<span class="md-person" data-open-id="ou_6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d">王五</span>');
    expect(html).toContain('<span class="text-tag tag-red">x</span><span class="number-tag">7</span>');
    expect(html).toMatch(/<span class="c-green">open<\/span><\/p>$/);
    expect(markdownToHtml('a</font>b', ctx)).toBe('<p>ab</p>');
  });
});

describe('the composer turns picked people into Feishu mentions', () => {
  it('writes @_user_N in order of appearance, with one mention each', () => {
    const picked = [{ openId: 'ou_m', name: 'Ming Member' }, { openId: 'ou_a', name: 'Ann Admin' }, { openId: 'ou_b', name: 'Ops Bot' }];
    expect(toMessage('@Ops Bot /status open 出差 @Ann Admin @Ming Member', picked)).toEqual({
      text: '@_user_1 /status open 出差 @_user_2 @_user_3',
      mentions: [{ key: '@_user_1', openId: 'ou_b', name: 'Ops Bot' }, { key: '@_user_2', openId: 'ou_a', name: 'Ann Admin' }, { key: '@_user_3', openId: 'ou_m', name: 'Ming Member' }],
    });
  });

  it('leaves a typed @name that was not picked as text, and prefers the longer of two names at one place', () => {
    const picked = [{ openId: 'ou_1', name: 'Colleague 1' }, { openId: 'ou_10', name: 'Colleague 10' }];
    expect(toMessage('/okr @Colleague 10 @Bob', picked)).toEqual({ text: '/okr @_user_1 @Bob', mentions: [{ key: '@_user_1', openId: 'ou_10', name: 'Colleague 10' }] });
  });
});
