import { t, type RichText, type Text } from '../../cards-kit/i18n.js';
import { JING_APPROVE_STATUS, JING_SIGNIN_STATUS } from './statusMeanings.js';
import { button, buttonRow, card, hr, md, panel, statRow, type Card, type Element } from '../../cards-kit/kit.js';
import { idList, reasonPanels, SAMPLE_PER_REASON, type ReasonGroup } from '../../cards-kit/fragments.js';
import { code, m } from '../../cards-kit/markdown.js';
import type { ItemError } from '../../batch/itemError.js';

export type JingState = 'updated' | 'not_updated' | 'failed';

export interface JingOutcome {
  userId: string;
  state: JingState;
  error?: ItemError;
}

export interface JingSummary {
  activity: string;
  signin?: { status: string; time: string };
  approve?: { status: string; time: string };
  outcomes: JingOutcome[];
  /** Set on the card of a retry: how many users the retry re-sent. */
  retried?: number;
  buttons: { retry?: Record<string, unknown>; export: Record<string, unknown> };
}


function setting(label: Text, names: Record<string, Text>, s: { status: string; time: string }): RichText {
  const n = names[s.status] ?? t(s.status, s.status);
  return t(m`${label.zh_cn}：**${s.status}**（${n.zh_cn}），时间 ${s.time}`, m`${label.en_us}: **${s.status}** (${n.en_us}) at ${s.time}`);
}

/**
 * Failed calls grouped by error: "❌ 2,970 users · call failed · 40001: invalid user", first ids, CSV for all.
 * Calls whose answer was lost after sending come first, apart: they may have been applied.
 */
function failedPanels(outcomes: JingOutcome[]): Element[] {
  const lost = new Map<string, ReasonGroup>();
  const refused = new Map<string, ReasonGroup>();
  for (const o of outcomes) {
    if (o.state !== 'failed') continue;
    const err = `${o.error?.code ?? '?'}: ${o.error?.msg ?? ''}`;
    const mayHaveApplied = o.error?.mayHaveApplied === true;
    const groups = mayHaveApplied ? lost : refused;
    const reason = mayHaveApplied
      ? t(m`结果未知：请求已发出但没有收到答复，可能已生效（可重试）· ${err}`, m`unknown: the request went out but no answer came back, so it may have been applied (can be retried) · ${err}`)
      : t(m`调用失败 · ${err}`, m`call failed · ${err}`);
    const group = groups.get(err) ?? { reason, ids: [], hint: o.error?.hint };
    group.ids.push(o.userId);
    groups.set(err, group);
  }
  const noun = (n: number) => t('人', n === 1 ? 'user' : 'users');
  return [...reasonPanels([...lost.values()], noun, '❓'), ...reasonPanels([...refused.values()], noun)];
}

/** The result of /jing status: updated vs not updated (absent from the answer) vs failed, per user. */
export function jingResultCard(s: JingSummary): Card {
  const of = (state: JingState) => s.outcomes.filter((o) => o.state === state).map((o) => o.userId);
  const [updated, notUpdated, failed] = [of('updated'), of('not_updated'), of('failed')];
  const lost = s.outcomes.filter((o) => o.state === 'failed' && o.error?.mayHaveApplied === true).length;
  const allGood = notUpdated.length === 0 && failed.length === 0;
  const title = allGood
    ? t('Jingsocial 活动状态已更新', 'Jingsocial activity status updated')
    : updated.length === 0
      ? t('Jingsocial 活动状态：没有用户被更新', 'Jingsocial activity status: nobody was updated')
      : t('Jingsocial 活动状态部分未更新', 'Jingsocial activity status: some users not updated');
  const elements: Element[] = [
    md(t(m`活动：${code(s.activity)}`, m`Activity: ${code(s.activity)}`)),
    ...(s.signin ? [md(setting(t('签到状态', 'Sign-in status'), JING_SIGNIN_STATUS, s.signin))] : []),
    ...(s.approve ? [md(setting(t('审核状态', 'Approval status'), JING_APPROVE_STATUS, s.approve))] : []),
    ...(s.retried !== undefined ? [md(t(`本次重试重新提交了 ${s.retried} 人。`, `This retry re-sent ${s.retried} users.`), { text_size: 'notation' })] : []),
    statRow([
      t(m`**${updated.length}**\n已更新`, m`**${updated.length}**\nupdated`),
      t(m`**${notUpdated.length}**\n未更新`, m`**${notUpdated.length}**\nnot updated`),
      t(m`**${failed.length - lost}**\n调用失败`, m`**${failed.length - lost}**\ncall failed`),
      ...(lost > 0 ? [t(m`**${lost}**\n结果未知`, m`**${lost}**\nunknown`)] : []),
    ]),
  ];
  if (notUpdated.length > 0) {
    elements.push(panel(
      t(`⚠️ 未更新 ${notUpdated.length} 人（Jingsocial 的返回中没有这些用户）`, `⚠️ Not updated: ${notUpdated.length} (absent from Jingsocial's answer)`),
      [md(idList(notUpdated, SAMPLE_PER_REASON))],
      true,
    ));
  }
  elements.push(...failedPanels(s.outcomes));
  if (updated.length > 0) elements.push(panel(t(`✅ 已更新 ${updated.length} 人`, `✅ Updated: ${updated.length}`), [md(idList(updated, SAMPLE_PER_REASON))]));
  elements.push(hr(), buttonRow([
    ...(s.buttons.retry ? [button({ text: t('重试未更新', 'Retry not updated'), value: s.buttons.retry, type: 'primary' })] : []),
    button({ text: t('导出 CSV', 'Export CSV'), value: s.buttons.export }),
  ]));
  return card({ title, template: allGood ? 'green' : failed.length === s.outcomes.length ? 'red' : 'orange', summary: title, elements });
}
