import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { okrSummaryCard } from '../../src/features/okr/cards/summary.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards-kit/sizeGuard.js';
import type { Okr } from '../../src/features/okr/types.js';
import seed from '../../src/sandbox/feishu/okr/seed-batch-get.json' with { type: 'json' };
import { injectedOnCard, readingProblems } from '../helpers/markup.js';

const SEED_FILE = '/work/shared/reference/seeds/002_c9b97df193f9a8ef.txt';
const okrs = (seed as { data: { okr_list: Okr[] } }).data.okr_list;

describe('the seeds/002 batch_get response as a summary card', () => {
  it.skipIf(!existsSync(SEED_FILE))('the fixture is exactly the JSON of the seed document', () => {
    const raw = readFileSync(SEED_FILE, 'utf8');
    expect(JSON.parse(raw.slice(raw.indexOf('{', raw.indexOf('<token>'))))).toEqual(seed);
  });

  const card = okrSummaryCard({ sections: okrs.map((okr) => ({ okr, owner: 'ou_owner' })), tz: 'Asia/Shanghai' });
  const en = renderCardText(card, 'en_us');
  const zh = renderCardText(card, 'zh_cn');

  it('shows the objective with its percent, status, score, weight, deadline and aligned count', () => {
    expect(en).toContain('**O1** 需求@刘三 · 30% · <font color=\'green\'>Normal</font>');
    expect(en).toContain("Progress **30%** · <font color='green'>Normal</font> · Score **1.00** · Weight 40% · Due 2022-03-31 · Aligned objectives: 0");
    expect(en).toContain('Progress notes: 红豆泥');
    expect(en).toContain('**Period** 2022 年 3 月 · **Overall progress** 30% · Objectives: 1 · Confirmed');
  });

  it('shows the key result under it with percent, status, score, kr_weight and deadline', () => {
    expect(en).toContain('**KR1** 1111@张三9');
    expect(en).toContain("Progress 60% · <font color='orange'>At risk</font> · Score 1.00 · Weight 50% · Due 2022-03-31");
    expect(zh).toContain("进度 60% · <font color='orange'>有风险</font> · 得分 1.00 · 权重 50% · 截止 2022-03-31");
  });

  it('adds the @mentioned people as person tags, keeping the names the API rendered in the text', () => {
    expect(en).toContain("需求@刘三 · 30%");
    expect(en).toContain("Mentions: <person id='ou_ab08720df94e64045cc8c2b7694ef2a0' show_name=true");
    expect(zh).toContain("提及：<person id='ou_ab08720df94e64045cc8c2b7694ef2a0'");
    expect(en).toMatch(/\*\*KR1\*\* 1111@张三9\n\s+Mentions: <person id='ou_a79faffdb6aee3618f0da4d42b192466'[^\n]*\n\s+Progress 60%/);
  });

  it('never turns mention data or text into markup', () => {
    const okr = structuredClone(okrs[0] as Okr);
    const o = (okr.objective_list ?? [])[0]!;
    o.content = 'Hi <at id=all></at> [x](https://evil.example) @所有人 Zq';
    o.mentioned_user_list = [{ open_id: "ou_1' show_name=false></person><at id=all></at><person id='ou_2" }, { open_id: 'ou_ok1' }, { open_id: 'ou_ok1' }];
    const summary = okrSummaryCard({ sections: [{ okr }], tz: 'Asia/Shanghai' });
    expect(injectedOnCard(summary, 'Zq')).toEqual([]);
    expect(readingProblems(summary)).toEqual([]);
    const text = renderCardText(summary);
    // Shown as written, as text.
    expect(text).toContain('**O1** Hi <at id=all></at> [x](https://evil.example) @所有人 Zq · 30%');
    expect(text).toContain("Mentions: <person id='ou_ok1' show_name=true show_avatar=false style='normal'></person>\n");
    expect(text).not.toContain("<person id='ou_1");
  });

  it('has the owner, a progress chart and stays a small valid card', () => {
    expect(en).toContain('@ou_owner');
    expect(en).toContain('[chart: linearProgress]');
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('formats deadlines in the configured time zone', () => {
    const ny = renderCardText(okrSummaryCard({ sections: okrs.map((okr) => ({ okr })), tz: 'America/New_York' }));
    expect(ny).toContain('Due 2022-03-30');
    expect(ny).not.toContain('Due 2022-03-31');
  });

  it('explains the score scale and names the time zone in plain words, in both languages', () => {
    expect(en).toContain('Scores run from 0 to 1 (Feishu’s 0–100 divided by 100); deadlines in Asia/Shanghai time.');
    expect(zh).toContain('得分为 0–1 分（飞书记录的 0–100 分除以 100）；截止日期按 Asia/Shanghai 时间。');
    expect(en).not.toContain('API');
  });

  it('says plainly that OKRs read by ID come without their owner', () => {
    const byId = renderCardText(okrSummaryCard({ sections: [...okrs, ...okrs].map((okr) => ({ okr })), tz: 'Asia/Shanghai' }), 'en_us');
    expect(byId).toContain('Feishu does not say who owns an OKR read by its ID.');
    expect(byId).not.toContain('API');
  });

  it('escapes markup in OKR text', () => {
    const okr = structuredClone(okrs[0] as Okr);
    (okr.objective_list ?? [])[0]!.content = 'Ship **Zq** <font color="red">now</font> `Zq` # Zq';
    const summary = okrSummaryCard({ sections: [{ okr }], tz: 'Asia/Shanghai' });
    expect(injectedOnCard(summary, 'Zq')).toEqual([]);
    expect(readingProblems(summary)).toEqual([]);
    expect(renderCardText(summary)).toContain('Ship **Zq** <font color="red">now</font> `Zq` # Zq ·');
  });
});
