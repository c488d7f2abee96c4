import { describe, expect, it } from 'vitest';
import { t } from '../../src/cards-kit/i18n.js';
import { card, md, panel, person, statRow, table } from '../../src/cards-kit/kit.js';
import { code, escapeMd, fillMd, joinMd, literalCode, m, Md } from '../../src/cards-kit/markdown.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { injectedMarkup } from '../helpers/markup.js';

const HOSTILE = "<at id=all></at> [Verify](https://evil.example/login) **Zq** ~~Zq~~ _Zq_ `Zq` <font color='red'>Zq</font> # Zq > Zq | a \\ b & c";
const shown = (els: ReturnType<typeof md>[]) => renderCardText(card({ title: t('T', 'T'), elements: els }));

describe('escapeMd', () => {
  it('turns every markup character of data into an entity, so nothing in it is live', () => {
    const out = escapeMd(HOSTILE);
    expect(out.replace(/&#\d+;/g, '')).not.toMatch(/[<>*~_`[\]()#|\\&]/);
    expect(injectedMarkup(out, 'Zq')).toEqual([]);
    expect(out).toContain('&#60;at id=all&#62;');
    expect(out).toContain('&#38; c');
  });

  it('neutralises block markup at the start of a line but leaves ordinary numbers and dashes alone', () => {
    expect(escapeMd('- item\n1. first\n---\ntitle\n===\n    indented')).toBe('&#45; item\n1&#46; first\n&#45;--\ntitle\n&#61;==\nindented');
    expect(escapeMd('3.2 s, -5, 2026-01-01, a-b')).toBe('3.2 s, -5, 2026-01-01, a-b');
  });

  it('reads exactly as typed once rendered', () => {
    expect(shown([md(t(HOSTILE, HOSTILE))])).toContain(HOSTILE);
  });
});

describe('m and the markdown slots', () => {
  it('keeps the template as markup and escapes every interpolated string (on one line), never numbers or Md', () => {
    const out = m`**${'a*b'}** ${3} ${person('ou_1')} ${'x\ny'}`;
    expect(out.source).toBe("**a&#42;b** 3 <person id='ou_1' show_name=true show_avatar=false style='normal'></person> x y");
  });

  it('escapes a plain string put in a markdown element, a panel title or a stat, and keeps Md as written', () => {
    const el = md(t(HOSTILE, m`**bold** ${HOSTILE}`));
    expect(el.i18n_content).toEqual({ zh_cn: escapeMd(HOSTILE), en_us: `**bold** ${escapeMd(HOSTILE)}` });
    expect(el.content).toBe(`**bold** ${escapeMd(HOSTILE)}`);
    const p = panel(t(HOSTILE, HOSTILE), []);
    expect(JSON.stringify(p)).not.toContain('<at');
    expect(JSON.stringify(statRow([t(HOSTILE, HOSTILE)]))).not.toContain('<at');
  });

  it('escapes string cells of a table (a | in data cannot end its cell) and keeps Md cells as written', () => {
    const el = table([
      { name: 'rich', display: t('甲', 'A'), type: 'markdown' },
      { name: 'note', display: t('乙', 'B'), type: 'text' },
    ], [{ rich: HOSTILE, note: HOSTILE }, { rich: m`**${'x'}**`, note: 'y' }]);
    const lines = (el.i18n_content as { en_us: string }).en_us.split('\n');
    expect(lines[2]).toBe(`| ${escapeMd(HOSTILE)} | ${escapeMd(HOSTILE)} |`);
    expect(lines[3]).toBe('| **x** | y |');
    expect(injectedMarkup(lines[2] as string, 'Zq')).toEqual([]);
    expect(shown([el])).toContain(`${HOSTILE} | ${HOSTILE}`);
  });

  it('writes a table once per language: headers and per-language cells in the reader\'s language only', () => {
    const el = table([
      { name: 'who', display: t('谁能用', 'Who'), type: 'text' },
      { name: 'face', display: t('人脸', 'Face'), type: 'options' },
      { name: 'n', display: t('数量', 'Count'), type: 'number' },
    ], [{ who: t('管理员', 'Admin'), face: [{ text: t('已上传', 'Uploaded'), color: 'green' }], n: 3 }]);
    const i18n = el.i18n_content as { zh_cn: string; en_us: string };
    expect(i18n.zh_cn).toBe("| 谁能用 | 人脸 | 数量 |\n| :--- | :--- | ---: |\n| 管理员 | <font color='green'>已上传</font> | 3 |");
    expect(i18n.en_us).toBe("| Who | Face | Count |\n| :--- | :--- | ---: |\n| Admin | <font color='green'>Uploaded</font> | 3 |");
    expect(el.content).toBe(i18n.en_us);
  });

  it('a person tag keeps only open_id characters', () => {
    expect(person("ou_1' x='<at id=all>").source).toBe("<person id='ou_1xatidall' show_name=true show_avatar=false style='normal'></person>");
  });

  it('joins and fills with data escaped and line breaks of data kept', () => {
    expect(joinMd(['a*', m`**b**`, 2], ' · ').source).toBe('a&#42; · **b** · 2');
    expect(joinMd(['one\n- two'], '\n').source).toBe('one\n&#45; two');
    expect(fillMd('**{n}** {text}', { n: 3, text: '<b>' }).source).toBe('**3** &#60;b&#62;');
    expect(fillMd('{missing}!', {}).source).toBe('!');
  });

  it('puts data in a code span only when it can sit there, since markdown shows entities inside code as typed', () => {
    expect(code('ou_abc-1').source).toBe('`ou_abc-1`');
    expect(code('<at id=all>').source).toBe('&#60;at id=all&#62;');
    expect(code('a`b').source).toBe('a&#96;b');
    expect(literalCode('/okr --period "<周期>"').source).toBe('`/okr --period "<周期>"`');
    expect(shown([md(t(m`${code('<x>')}`, m`${code('<x>')}`))])).toContain('<x>');
  });

  it('Md is made only by m and the kit (a plain string is never markup)', () => {
    expect(Md.trusted('**x**')).toBeInstanceOf(Md);
    expect(md(t('**x**', '**x**')).content).toBe('&#42;&#42;x&#42;&#42;');
  });
});

describe('renderCardText', () => {
  it('decodes entities outside code spans only, as the client does, so a misplaced escape shows', () => {
    const text = shown([md(t(m`&#60;b&#62; \`&#60;\``, m`&#60;b&#62; \`&#60;\``))]);
    expect(text).toContain('<b> `&#60;`');
  });
});
