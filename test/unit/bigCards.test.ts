/**
 * The result cards of 5,000- and 100,000-person batches fit the platform's limits as built (≤30 KB, ≤200
 * elements, ≤5 charts), without the size guard having to cut them: long lists are grouped by reason.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../src/cards-kit/i18n.js';
import type { Card } from '../../src/cards-kit/kit.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardBytes, countCardElements, fitCard, MAX_CARD_BYTES, MAX_ELEMENTS } from '../../src/cards-kit/sizeGuard.js';
import { cxResultCard, type CxOutcome } from '../../src/features/cx/cards.js';
import { jingResultCard, type JingOutcome } from '../../src/features/jing/cards.js';
import { resultCard, type ResultView } from '../../src/features/status/cards.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import { languageProblems } from '../helpers/oneLanguage.js';

const id = (i: number) => `ou_${String(i).padStart(29, '0')}`;
const v = (a: string) => ({ a, r: 'r_x', v: 1, t: 0, s: 'sig' });

function withinLimits(c: Card): void {
  expect(cardBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(countCardElements(c)).toBeLessThanOrEqual(MAX_ELEMENTS);
  expect((JSON.stringify(c).match(/"tag":"chart"/g) ?? []).length).toBeLessThanOrEqual(5);
  expect(cardProblem(JSON.stringify(c))).toBeUndefined();
  // Nothing for the guard to cut: what the builder made is what people see.
  expect(fitCard(c)).toEqual(c);
  expect(languageProblems(c)).toEqual([]);
}

/** A status run of `n` people: 1 in 10 invalid, 1 in 50 resigned, 1 in 200 failed requests (with an error code). */
function statusView(n: number): ResultView {
  const results = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'invalid_user_id' : i % 50 === 1 ? 'resign_user_id' : i % 200 === 2 ? 'request_failed' : 'success_show'));
  const label = (r: string) => ({ invalid_user_id: t('无效的用户 ID', 'Not a valid user ID'), resign_user_id: t('已离职', 'Has left the company'), request_failed: t('请求失败（可重试）', 'Request failed (can be retried)'), success_show: t('已开启并显示', 'On and shown') })[r]!;
  const kinds = [...new Set(results)];
  return {
    op: 'open', purpose: 'run', statusTitle: '出差', total: n,
    counts: kinds.map((r) => ({ result: r, label: label(r), n: results.filter((x) => x === r).length, success: r === 'success_show', retryable: r === 'request_failed' })),
    failures: results.flatMap((r, i) => (r === 'success_show' ? [] : [{ id: id(i), name: `同事 ${i}`, label: label(r), reason: r === 'request_failed' ? '500' : undefined }])),
    requestErrors: [{ code: '500', msg: 'internal', n: results.filter((x) => x === 'request_failed').length }],
    ranBy: 'ou_admin', finishedText: '2026-03-10 10:00:03 (Asia/Shanghai)', durationText: '3 min 2 s',
  };
}

describe.each([5_000, 100_000])('a batch of %i people', (n) => {
  it('status: a donut by outcome and one panel per reason, counted in full', () => {
    const c = resultCard(statusView(n), { retry: { value: v('status.retry'), n: n / 200 }, undo: { value: v('status.undo'), n: 1 }, export: v('status.export') });
    withinLimits(c);
    const en = renderCardText(c);
    const invalid = (n / 10).toLocaleString('en-US');
    expect(en).toContain(`▸ ❌ **${invalid}** people · Not a valid user ID`);
    expect(en).toContain(`…and ${n / 10 - 10} more (Export CSV for all)`);
    expect(renderCardText(c, 'zh_cn')).toContain(`▸ ❌ **${invalid}** 人 · 无效的用户 ID`);
    // The code is given once, with the request error; the group does not repeat it.
    expect(en).toContain('with code **500**');
    expect(en).toContain('▸ ❌ **');
    expect(en).not.toContain('(code 500)');
  });

  it('jing: failures grouped by error, not one line per user', () => {
    const outcomes: JingOutcome[] = Array.from({ length: n }, (_, i) => (i % 3 === 0
      ? { userId: `u${i}`, state: 'failed', error: { code: String(40000 + (i % 4)), msg: 'invalid user', hint: t('检查用户 ID', 'Check the user ids') } }
      : { userId: `u${i}`, state: i % 3 === 1 ? 'updated' : 'not_updated' }));
    const c = jingResultCard({ activity: 'act1', signin: { status: '1', time: '2026-03-10 10:00' }, outcomes, buttons: { retry: v('jing.retry'), export: v('jing.export') } });
    withinLimits(c);
    const en = renderCardText(c);
    expect((en.match(/▸ ❌ \*\*[\d,]+\*\* users · call failed · 4000\d: invalid user/g) ?? []).length).toBe(4);
    expect(renderCardText(c, 'zh_cn')).toMatch(/▸ ❌ \*\*[\d,]+\*\* 人 · 调用失败 · 40000: invalid user/);
  });

  it('cx: chunks set in one line, failed chunks grouped by error', () => {
    const outcomes: CxOutcome[] = Array.from({ length: n }, (_, i) => {
      const chunk = Math.floor(i / 100);
      const failed = chunk % 7 === 0;
      return { accountId: String(1_000_000 + i), chunk: String(chunk + 1), ok: !failed, ...(failed ? { error: { code: chunk % 2 ? '40000' : '50000', msg: 'account' } } : {}) };
    });
    const c = cxResultCard({ type: 'LIST', itemCount: 1, outcomes, buttons: { retry: v('cx.retry'), export: v('cx.export') } });
    withinLimits(c);
    const en = renderCardText(c);
    const chunks = n / 100;
    const failedChunks = Math.ceil(chunks / 7);
    expect(en).toContain(`✅ ${chunks - failedChunks} chunks set (${((chunks - failedChunks) * 100)} accounts)`);
    expect(en).toMatch(/▸ ❌ \*\*[\d,]+\*\* accounts · in \d+ chunks, failed · 40000: account/);
    expect(renderCardText(c, 'zh_cn')).toMatch(/▸ ❌ \*\*[\d,]+\*\* 个账号 · \d+ 个批次失败 · 50000: account/);
  });
});
