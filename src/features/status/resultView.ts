import dayjs from 'dayjs';
import type { Card } from '../../cards-kit/kit.js';
import { person } from '../../cards-kit/kit.js';
import { resultCard, type ResultButtons, type ResultView } from './cards.js';
import type { ButtonValue } from '../../framework/buttons.js';
import { t, type RichText, type Text } from '../../cards-kit/i18n.js';
import { m } from '../../cards-kit/markdown.js';
import { explainCode } from '../../upstream/errorCatalog.js';
import type { FollowUp, FollowUpKind, StatusJob } from './job.js';
import { RESULTS, resultInfo } from './results.js';
import { formatEnd } from './until.js';

/** The final card of a status job, built from what the job stored (results, follow-ups). */

export const retryablePeople = (job: StatusJob): string[] => job.results.filter((r) => resultInfo(r.result).retryable).map((r) => r.id);
export const succeededPeople = (job: StatusJob): string[] => job.results.filter((r) => resultInfo(r.result).success).map((r) => r.id);
/** Whom Undo turns the status off for: those who succeeded, and those for whom it may have been applied. */
export const undoablePeople = (job: StatusJob): string[] => job.results.filter((r) => resultInfo(r.result).success || resultInfo(r.result).unknown).map((r) => r.id);

export function duration(ms: number): string {
  if (ms < 1000) return '< 1 s';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const timeText = (ms: number, tz: string): string => `${dayjs(ms).tz(tz).format('YYYY-MM-DD HH:mm:ss')} (${tz})`;

function originOf(job: StatusJob, tz: string): Text | undefined {
  const { purpose, parentFinishedAt } = job.input;
  if (purpose === 'run' || parentFinishedAt === undefined) return undefined;
  const when = timeText(parentFinishedAt, tz);
  return purpose === 'retry'
    ? t(`重试 ${when} 那次操作中失败的人`, `Retries the people who failed in the run finished ${when}`)
    : t(`撤销 ${when} 那次操作（为成功的人关闭状态）`, `Undoes the run finished ${when} (turns the status off for those who succeeded)`);
}

function followUpNote(kind: FollowUpKind, f: FollowUp, tz: string): RichText {
  const who = person(f.by);
  const at = dayjs(f.at).tz(tz).format('HH:mm');
  const what = kind === 'retry' ? t('重试失败项', 'Retry failed') : t('撤销', 'Undo');
  if (f.state === 'running') return t(m`🔄 ${who} 在 ${at} 点了「${what.zh_cn}」，正在执行，结果见下方新卡片`, m`🔄 ${who} clicked “${what.en_us}” at ${at}; it is running, the results follow in a new card`);
  return t(m`✅ ${who} 在 ${at} 点了「${what.zh_cn}」：成功 ${f.ok ?? 0}，失败 ${f.failed ?? 0}（详见下方新卡片）`, m`✅ ${who} clicked “${what.en_us}” at ${at}: ${f.ok ?? 0} succeeded, ${f.failed ?? 0} failed (see the new card below)`);
}

function doneLabel(kind: FollowUpKind, f: FollowUp | undefined): Text | undefined {
  if (!f) return undefined;
  if (kind === 'retry') return f.state === 'running' ? t('正在重试…', 'Retrying…') : t('已重试', 'Retried');
  return f.state === 'running' ? t('正在撤销…', 'Undoing…') : t('已撤销', 'Undone');
}

export function endText(job: StatusJob, tz: string): string | undefined {
  return job.input.endSec === undefined ? undefined : `${formatEnd(job.input.endSec * 1000, tz)} (${tz})`;
}

/** The final card's data, from a finished job. Pure apart from the error catalogue lookup. */
export function resultViewOf(job: StatusJob, tz: string): ResultView {
  const counts = new Map<string, number>();
  for (const r of job.results) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
  const order = [...Object.keys(RESULTS), ...[...counts.keys()].filter((k) => !(k in RESULTS))];
  const errors = new Map<string, { code: string; msg: string; n: number }>();
  for (const r of job.results) {
    if (!r.error) continue;
    const key = `${r.error.code}|${r.error.msg}`;
    const e = errors.get(key) ?? { ...r.error, n: 0 };
    e.n++;
    errors.set(key, e);
  }
  const api = job.input.op === 'open' ? 'personal_settings.system_status.batch_open' : 'personal_settings.system_status.batch_close';
  return {
    op: job.input.op,
    purpose: job.input.purpose,
    statusTitle: job.input.statusTitle,
    endText: endText(job, tz),
    total: job.results.length,
    unknown: job.results.filter((r) => resultInfo(r.result).unknown).length,
    resumed: job.resumed ?? 0,
    counts: order.filter((k) => counts.has(k)).map((result) => {
      const info = resultInfo(result);
      return { result, label: info.label, n: counts.get(result) ?? 0, success: info.success, retryable: info.retryable, unknown: !(result in RESULTS) };
    }),
    failures: job.results
      .filter((r) => !resultInfo(r.result).success)
      .map((r) => ({ id: r.id, name: job.input.names[r.id], label: resultInfo(r.result).label, reason: r.error ? `${r.error.code}` : undefined })),
    namesUnavailable: job.input.namesUnavailable,
    requestErrors: [...errors.values()].map((e) => ({ ...e, help: explainCode(api, e.code) })),
    ranBy: job.createdBy,
    finishedText: timeText(job.finishedAt ?? job.createdAt, tz),
    durationText: duration(job.meta.durationMs ?? 0),
    origin: originOf(job, tz),
    followUps: (['retry', 'undo'] as const).flatMap((kind) => {
      const f = job.meta.followUps?.[kind];
      return f ? [followUpNote(kind, f, tz)] : [];
    }),
  };
}

/** The values of the result card's buttons (signed by the actions behind them). */
export interface StatusButtonValues {
  retry: ButtonValue;
  undo: ButtonValue;
  export: ButtonValue;
}

/** Which buttons the result card shows, with how many people and whether a follow-up already started. */
export function resultButtonsOf(job: StatusJob, values: StatusButtonValues): ResultButtons {
  const done = job.meta.followUps ?? {};
  return {
    retry: { value: values.retry, n: retryablePeople(job).length, done: doneLabel('retry', done.retry) },
    ...(job.input.op === 'open' ? { undo: { value: values.undo, n: undoablePeople(job).length, done: doneLabel('undo', done.undo) } } : {}),
    export: values.export,
  };
}

export const finalCard = (job: StatusJob, tz: string, values: StatusButtonValues): Card => resultCard(resultViewOf(job, tz), resultButtonsOf(job, values));
