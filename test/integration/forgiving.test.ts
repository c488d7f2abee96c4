import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_OKR } from '../../src/sandbox/feishu/okr/data.js';
import { cardText, startHarness, type Harness } from '../helpers/harness.js';
import { uid, world, TRIP } from '../status/helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  world(h).active.clear();
});

const both = async (line: string, as?: string) => {
  const sent = await h.say(line, as ? { as } : {});
  const last = sent[sent.length - 1];
  return { en: cardText(last), zh: cardText(last, 'zh_cn') };
};

describe('input as a Chinese-speaking admin types it', () => {
  it.each(['——until', '—until', '－－until', '––until'])('/status open … %s 2h reads the IME dashes as --until', async (flag) => {
    const { en, zh } = await both(`/status open 出差 ${uid(1)} ${flag} 2h`);
    expect(en).toContain('All succeeded');
    expect(zh).toContain('全部成功');
    expect(world(h).active.get(uid(1))?.has(TRIP)).toBe(true);
  });

  it('takes status targets separated by , ， 、 ; ； as well as spaces', async () => {
    const { en, zh } = await both(`/status open 出差 ${uid(1)},${uid(2)}，${uid(3)}、${uid(4)};${uid(5)}；${uid(6)} ${uid(7)}`);
    expect(en).toContain('All succeeded');
    expect(zh).toContain('全部成功');
    for (let i = 1; i <= 7; i++) expect(world(h).active.get(uid(i))?.has(TRIP)).toBe(true);
  });

  it('takes Jingsocial user ids and Chengxun account ids separated by ; ； 、 ，', async () => {
    const jing = await h.say('/jing status etDemoActivity0001 u1;u2；u3、u4，u5 --signin 1');
    expect(cardText(jing[jing.length - 1])).toContain('**5**\nupdated');
    const cx = await h.say('/cx card LIST --org 20001 1000001；1000002、1000003;1000004 --item "a|https://example.com/r"');
    expect(cardText(cx[cx.length - 1])).toContain('**4**\naccounts set');
  });

  it('takes OKR ids separated by 、 and ；', async () => {
    const { en } = await both(`/okr ${SEED_OKR.id}、7999999999999999999；`);
    expect(en).toContain('需求@刘三');
    expect(en).toContain('7999999999999999999');
  });

  it('a plain-text @name says a real mention or an open_id is needed, and never shows the typed line as the example', async () => {
    const line = '/status open 出差 @Ann @Ming --until 3d';
    const { en, zh } = await both(line);
    expect(en).toContain('**@Ann** is plain text, not a real mention');
    expect(en).toContain('open_id');
    expect(zh).toContain('只是文字，不是真正的 @');
    for (const text of [en, zh]) expect(text).not.toContain(`\`${line}\``);
    expect(en).toContain('Example: `/status open "On leave" --chat');
    const close = await both('/status close 出差 @Ann @Ming');
    expect(close.en).not.toContain('`/status close 出差 @Ann @Ming`');
    expect(close.zh).toContain('示例：`/status close "On leave" --chat`');
  });

  it.each(['/okr @Ann', '/acs user @Ann', '/status close 出差 ＠Ann'])('%s: a plain-text @name asks for a real mention or an open_id, in both languages', async (line) => {
    const { en, zh } = await both(line);
    expect(en).toContain('plain text, not a real mention');
    expect(en).toContain('open_id');
    expect(zh).toContain('只是文字，不是真正的 @');
  });

  it('an unclosed quote says which quote closes it, in both languages', async () => {
    const { en, zh } = await both('/status open “On leave --until 3d');
    expect(en).toContain('has an unclosed quote: add the closing ” or remove the opening one');
    expect(zh).toContain('的引号没有闭合：请在末尾补上 ”');
  });

  it.each(['2 hours', '2小时', '30分钟', '3天', '明天9点', '明天 09:00', '"明天 9点"', '18点30'])('/status open … --until %s sets an end time', async (when) => {
    const { en, zh } = await both(`/status open 出差 ${uid(1)} --until ${when}`);
    expect(en).toContain('All succeeded');
    expect(zh).toContain('全部成功');
  });

  it('a time it still cannot read names the value and the accepted forms, in both languages', async () => {
    const { en, zh } = await both(`/status open 出差 ${uid(1)} --until 下周`);
    expect(en).toContain('"下周" is not a time I understand');
    expect(zh).toContain('无法识别时间「下周」');
    expect(zh).toContain('明天9点');
  });
});
