import { describe, expect, it } from 'vitest';
import { t } from '../../src/cards-kit/i18n.js';
import { button, card, md, table } from '../../src/cards-kit/kit.js';
import { m } from '../../src/cards-kit/markdown.js';
import { helpListCard } from '../../src/features/help/card.js';
import { languageProblems, renderForLocale } from '../helpers/oneLanguage.js';

const base = (elements: Array<Record<string, unknown> & { tag: string }>) => card({ title: t('标题', 'Title'), summary: t('摘要', 'Summary'), elements });

describe('renderForLocale', () => {
  it('resolves every text object to the reader\'s language, header, summary, buttons and tables included', () => {
    const c = base([md(t('你好', 'Hello')), button({ text: t('重试', 'Retry'), value: {} }), table([{ name: 'a', display: t('命令', 'Command'), type: 'text' }], [{ a: t('所有人', 'Everyone') }])]);
    const zh = renderForLocale(c, 'zh_cn').map((n) => n.shown);
    const en = renderForLocale(c, 'en_us').map((n) => n.shown);
    expect(zh).toEqual(['标题', '你好', '重试', '| 命令 |\n| :--- |\n| 所有人 |', '摘要']);
    expect(en).toEqual(['Title', 'Hello', 'Retry', '| Command |\n| :--- |\n| Everyone |', 'Summary']);
    expect(languageProblems(c)).toEqual([]);
  });
});

describe('languageProblems', () => {
  it('finds the table component\'s mashed titles and cells (what the bot used to send)', () => {
    const old = base([{ tag: 'table', columns: [{ name: 'who', display_name: '谁能用 Who', data_type: 'text' }], rows: [{ who: '管理员 Admin' }, { who: '已上传 / Uploaded' }] }]);
    const found = languageProblems(old);
    expect(found.some((p) => p.includes('"谁能用 Who"'))).toBe(true);
    expect(found.some((p) => p.includes('"管理员 Admin"'))).toBe(true);
    expect(found.some((p) => p.includes('"已上传 / Uploaded"'))).toBe(true);
  });

  it('finds one language\'s text holding the other\'s words, and chart labels in both', () => {
    expect(languageProblems(base([md(t('已上传 Uploaded', 'Uploaded'))]))[0]).toContain('holds the other language\'s whole text');
    expect(languageProblems(base([md(t('人脸：已上传 Uploaded', 'Face: done'))]))[0]).toContain('English words the other language lacks: Uploaded');
    expect(languageProblems(base([md(t('人脸', 'Face 人脸已上传'))]))[0]).toContain('Chinese words the other language lacks: 人脸已上传');
    expect(languageProblems(base([md(t('上传人脸', 'Uploaded 上传人脸'))]))[0]).toContain('holds the other language\'s whole text');
    const chart = { tag: 'chart', chart_spec: { type: 'pie', data: { values: [{ k: '已开启 Opened', v: 1 }] } } };
    expect(languageProblems(base([chart]))[0]).toContain('reads as both languages');
  });

  it('lets data, names and commands appear in both languages', () => {
    const c = base([md(t(m`开启系统状态「On leave」，发送 \`/okr\` 查看 OKR`, m`Turn on “On leave”; send \`/okr\` for yours`)), md(t('出差', '出差'))]);
    expect(languageProblems(c)).toEqual([]);
  });

  it('passes the help card, whose table once read "命令 Command"', () => {
    const entry = { name: 'okr', aliases: [], usage: '/okr', summary: t('查看 OKR', 'Show OKRs'), adminOnly: true, examples: [], args: [] };
    expect(languageProblems(helpListCard([entry], true))).toEqual([]);
  });
});
