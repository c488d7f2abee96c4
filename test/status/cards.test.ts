import { describe, expect, it } from 'vitest';
import { previewCard, progressCard, resultCard, statusListCard, unknownStatusCard, type ResultView } from '../../src/features/status/cards.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { duration } from '../../src/features/status/resultView.js';
import { t } from '../../src/cards-kit/i18n.js';

const view: ResultView = {
  op: 'open',
  purpose: 'run',
  statusTitle: '出差',
  endText: '2026-03-10 18:00 (Asia/Shanghai)',
  total: 5,
  counts: [
    { result: 'success_show', label: t('已开启并显示', 'On and shown'), n: 3, success: true },
    { result: 'resign_user_id', label: t('已离职', 'Has left the company'), n: 1, success: false },
    { result: 'request_failed', label: t('请求失败（可重试）', 'Request failed (can be retried)'), n: 1, success: false, retryable: true },
  ],
  failures: [
    { id: 'ou_a', name: 'Ann', label: t('已离职', 'Has left the company') },
    { id: 'ou_b', label: t('请求失败（可重试）', 'Request failed (can be retried)'), reason: '500' },
  ],
  requestErrors: [{ code: '500', msg: 'internal', n: 1 }],
  ranBy: 'ou_admin',
  finishedText: '2026-03-10 10:00:03 (Asia/Shanghai)',
  durationText: '3.2 s',
};
const v = (a: string) => ({ a, r: 'st_x', v: 1, t: 0, s: 'sig' });

describe('status cards', () => {
  it('result card', () => {
    const c = resultCard(view, { retry: { value: v('status.retry'), n: 1 }, undo: { value: v('status.undo'), n: 3 }, export: v('status.export') });
    expect(c.header.template).toBe('orange');
    expect(c).toMatchSnapshot();
    expect(renderCardText(c, 'en_us')).toMatchSnapshot();
    expect(renderCardText(c, 'zh_cn')).toMatchSnapshot();
  });

  it('gives an error code once: with the request error, not again in the group of its people', () => {
    const en = renderCardText(resultCard(view, {}), 'en_us');
    expect(en.match(/500/g)).toHaveLength(1);
    expect(renderCardText(resultCard(view, {}), 'zh_cn').match(/500/g)).toHaveLength(1);
    // Two codes behind one result: the groups name their codes to tell them apart.
    const twoCodes: ResultView = {
      ...view,
      failures: [...view.failures, { id: 'ou_c', label: t('请求失败（可重试）', 'Request failed (can be retried)'), reason: '1' }],
      requestErrors: [...view.requestErrors, { code: '1', msg: 'internal', n: 1 }],
    };
    const both = renderCardText(resultCard(twoCodes, {}), 'en_us');
    expect(both).toContain('Request failed (can be retried) (code 500)');
    expect(both).toContain('Request failed (can be retried) (code 1)');
  });

  it('header colour follows the outcome', () => {
    const allOk = { ...view, total: 3, counts: [view.counts[0]!], failures: [], requestErrors: [] };
    expect(resultCard(allOk, {}).header.template).toBe('green');
    const allFailed = { ...view, total: 2, counts: view.counts.slice(1) };
    expect(resultCard(allFailed, {}).header.template).toBe('red');
  });

  it('preview and progress cards', () => {
    expect(previewCard({ op: 'open', statusTitle: '出差', count: 250, sample: ['ou_a', 'ou_b'], names: { ou_a: 'Ann <b>' }, endText: '2026-03-10 18:00 (Asia/Shanghai)', ranBy: 'ou_admin' }, { confirm: v('status.confirm'), cancel: v('status.cancel') })).toMatchSnapshot();
    expect(renderCardText(progressCard({ op: 'close', purpose: 'undo', statusTitle: '出差', done: 100, total: 250, ok: 99, failed: 1 }))).toMatchSnapshot();
  });

  it('the preview counts the others in Chinese as others (另有), not as the whole (等 N 人), listed with 、', () => {
    const preview = previewCard({ op: 'open', statusTitle: '出差', count: 250, sample: ['ou_a', 'ou_b'], names: { ou_a: 'Ann' }, ranBy: 'ou_admin' }, { confirm: v('status.confirm'), cancel: v('status.cancel') });
    expect(renderCardText(preview, 'zh_cn')).toContain('包括：Ann、`ou_b`，另有 248 人');
    expect(renderCardText(preview, 'zh_cn')).not.toContain('等 248 人');
    expect(renderCardText(preview, 'en_us')).toContain('Including: Ann, `ou_b` and 248 more');
  });

  it('says "1 person", not "1 people", and never "took 0.0 s"', () => {
    const one = { ...view, total: 1, counts: [{ ...view.counts[0]!, n: 1 }], failures: [], requestErrors: [], durationText: duration(40) };
    const text = renderCardText(resultCard(one, {}), 'en_us');
    expect(text).toContain('】 1 person');
    expect(text).not.toContain('1 people');
    expect(text).toContain('took < 1 s');
    expect(duration(3200)).toBe('3.2 s');
    expect(duration(125_000)).toBe('2 min 5 s');
  });

  it('status list shows each title once: no Title column repeating the Chinese one', () => {
    const rows = [{ id: '1', title: '出差', zh_cn: '出差', en_us: 'On business trip' }];
    const text = renderCardText(statusListCard(rows), 'en_us');
    expect(text).toContain('Chinese | English | Status ID\n出差 | On business trip | 1');
    expect(text).not.toContain('Title |');
    expect(renderCardText(statusListCard(rows), 'zh_cn')).toContain('中文 | 英文 | 状态 ID\n出差 | On business trip | 1');
    // A title that is neither translation keeps its column.
    const odd = renderCardText(statusListCard([{ id: '2', title: 'Trip', zh_cn: '出差', en_us: 'On business trip' }]), 'en_us');
    expect(odd).toContain('Title | Chinese');
    expect(renderCardText(statusListCard([{ id: '2', title: 'Trip', zh_cn: '出差', en_us: 'On business trip' }]), 'zh_cn')).toContain('名称 | 中文');
  });

  it('unknown status tells how to write a title with spaces, in both languages', () => {
    const rows = [{ id: '2', title: '请假', zh_cn: '请假', en_us: 'On leave' }];
    expect(renderCardText(unknownStatusCard('on', rows), 'en_us')).toContain('Quote a title that has spaces, e.g. `/status open "On leave" @someone`');
    expect(renderCardText(unknownStatusCard('on', rows), 'zh_cn')).toContain('名称里有空格时请加引号');
  });
});
