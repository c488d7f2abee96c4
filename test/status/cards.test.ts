import { describe, expect, it } from 'vitest';
import { previewCard, progressCard, resultCard, type ResultView } from '../../cards/status.js';
import { renderCardText } from '../../cards/render.js';
import { t } from '../../src/i18n.js';

const view: ResultView = {
  op: 'open',
  purpose: 'run',
  statusTitle: '出差',
  endText: '2026-03-10 18:00 (Asia/Shanghai)',
  total: 5,
  counts: [
    { result: 'success_show', label: t('已开启并显示', 'On and shown'), n: 3, success: true },
    { result: 'resign_user_id', label: t('已离职', 'Has left the company'), n: 1, success: false },
    { result: 'request_failed', label: t('请求失败（可重试）', 'Request failed (can be retried)'), n: 1, success: false },
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

  it('header colour follows the outcome', () => {
    const allOk = { ...view, total: 3, counts: [view.counts[0]!], failures: [], requestErrors: [] };
    expect(resultCard(allOk, {}).header.template).toBe('green');
    const allFailed = { ...view, total: 2, counts: view.counts.slice(1) };
    expect(resultCard(allFailed, {}).header.template).toBe('red');
  });

  it('preview and progress cards', () => {
    expect(previewCard({ op: 'open', statusTitle: '出差', count: 250, sample: ['ou_a', 'ou_b'], endText: '2026-03-10 18:00 (Asia/Shanghai)', ranBy: 'ou_admin' }, { confirm: v('status.confirm'), cancel: v('status.cancel') })).toMatchSnapshot();
    expect(renderCardText(progressCard({ op: 'close', purpose: 'undo', statusTitle: '出差', done: 100, total: 250, ok: 99, failed: 1 }))).toMatchSnapshot();
  });
});
