import { cancelledCard, progressCard } from './cards.js';
import type { Card } from '../../cards-kit/kit.js';
import { defineAction, type Action, type RunnableAction } from '../../framework/action.js';
import type { ButtonScope } from '../../framework/buttons.js';
import type { ActionContext, ActionResult } from '../../framework/context.js';
import { adminOnly } from '../../framework/preconditions.js';
import { saveJob } from '../../batch/jobs.js';
import { sendJobCsv } from '../../batch/jobExport.js';
import { atMostEvery, once, RESEND_EVERY_MS } from '../../batch/once.js';
import { queuedJobClick } from '../../framework/queued.js';
import { t } from '../../cards-kit/i18n.js';
import { executeJob, newStatusJob } from './execute.js';
import { apiOf } from './runStatus.js';
import { finalCard, retryablePeople, undoablePeople } from './resultView.js';
import { followUpTally, recordFollowUp } from './followUps.js';
import type { FollowUp, FollowUpKind, StatusInput, StatusJob } from './job.js';
import { resultInfo } from './results.js';

const error = (zh: string, en: string): ActionResult => ({ toast: { type: 'error', text: t(zh, en) } });
/** A run the bot's stop interrupted: it continues by itself at the next start. */
const PAUSED = t('机器人正在重启：其余部分会在重启后自动继续', 'The bot is restarting; the rest continues by itself after the restart');

/** The result card of a status job, its buttons signed for where `scope` shows it. */
export function statusResultCard(scope: ButtonScope, tz: string, job: StatusJob): Card {
  return finalCard(job, tz, { retry: retryAction.value(scope, job.id), undo: undoAction.value(scope, job.id), export: exportAction.value(scope, job.id) });
}

/**
 * Runs a Retry or Undo as a new job on a new card. The clicked card says at once that it started (its
 * button disabled, so a second admin looking at the same card is not confused), and how it ended.
 */
async function followUp(ctx: ActionContext<unknown>, parent: StatusJob, kind: FollowUpKind, input: StatusInput, release: () => Promise<void>): Promise<ActionResult> {
  const { services } = ctx;
  const tz = services.config.BOT_TIMEZONE;
  const parentCard = () => statusResultCard(ctx.buttons, tz, parent);
  const mark = async (f: Omit<FollowUp, 'by' | 'at'> | undefined): Promise<void> => {
    const fresh = await recordFollowUp(services, parent.id, kind, ctx.actor.openId, f);
    if (fresh) parent.meta = fresh.meta;
  };
  await mark({ state: 'running' });
  await ctx.show(parentCard()).catch((err: unknown) => services.log.warn({ err: String(err) }, 'could not mark the card as running'));
  const job = newStatusJob(services, { ...input, purpose: kind, parentJobId: parent.id, parentFinishedAt: parent.finishedAt }, ctx.actor.openId, ctx.chatId ?? parent.chatId);
  try {
    const card = await ctx.post(progressCard({ op: input.op, purpose: kind, statusTitle: input.statusTitle, done: 0, total: input.people.length, ok: 0, failed: 0 }));
    await executeJob(services, card, job, (j) => statusResultCard(ctx.buttons, tz, j));
  } catch (err) {
    // Opening or closing again is harmless, so a follow-up that broke may simply be clicked again.
    await mark(undefined);
    await release();
    services.log.error({ err, jobId: parent.id, kind }, 'status follow-up failed');
    // Keep the clicked card (with its buttons) instead of letting an error card replace it.
    return { ...error('操作失败，卡片已恢复，可以再点一次', 'It failed; the card is back as it was, so you can click again'), card: parentCard() };
  }
  if (job.state !== 'done') return { toast: { type: 'info', text: PAUSED } };
  const tally = followUpTally(job);
  const { ok, failed } = tally;
  await mark(tally);
  return {
    toast: { type: failed === 0 ? 'success' : 'warning', text: t(`完成：成功 ${ok}，失败 ${failed}`, `Done: ${ok} succeeded, ${failed} failed`) },
    card: parentCard(),
  };
}

/** A follow-up button: `plan` picks the people (or answers why there is nothing to do). */
function followUpAction(kind: FollowUpKind, plan: (job: StatusJob, nowMs: number) => StatusInput | ActionResult): Action {
  return defineAction({
    audited: true,
    name: `status.${kind}`,
    preconditions: [adminOnly],
    run: (ctx) =>
      once<StatusJob>(ctx, kind, async (job, { release }) => {
        const planned = plan(job, ctx.services.clock.now());
        return 'people' in planned ? followUp(ctx, job, kind, planned, release) : planned;
      }),
  });
}

const retryAction = followUpAction('retry', (job, nowMs) => {
  const people = retryablePeople(job);
  if (people.length === 0) return { toast: { type: 'info', text: t('没有可以重试的人', 'Nobody to retry') } };
  if (job.input.endSec !== undefined && job.input.endSec * 1000 <= nowMs) {
    return error('结束时间已经过去，重试没有意义；请重新执行命令', 'The end time has passed, so a retry would do nothing; run the command again');
  }
  return { ...job.input, people };
});

const undoAction = followUpAction('undo', (job) => {
  if (job.input.op !== 'open') return error('只能撤销开启操作', 'Only turning a status on can be undone');
  const people = undoablePeople(job);
  if (people.length === 0) return { toast: { type: 'info', text: t('没有需要撤销的人', 'Nobody to undo') } };
  const { endSec: _end, ...rest } = job.input;
  return { ...rest, op: 'close', people };
});

/** Confirm on the preview of a large batch: runs it on the preview's card. */
export const confirmAction = defineAction({
  audited: true,
  name: 'status.confirm',
  preconditions: [adminOnly],
  run: (ctx) =>
    once<StatusJob>(ctx, 'start', async (job) => {
      if (job.meta.state !== 'preview') return error('这个批次已经开始或已取消', 'This batch has already started or was cancelled');
      if (job.input.endSec !== undefined && job.input.endSec * 1000 <= ctx.services.clock.now()) {
        return error('结束时间已经过去，请重新执行命令', 'The end time has passed; run the command again');
      }
      const tz = ctx.services.config.BOT_TIMEZONE;
      // Behind another batch's calls the first chunk may wait for its window: the admin is told at once.
      return queuedJobClick(ctx, [apiOf(job.input)], async () => {
        const card = await executeJob(ctx.services, ctx.surface, job, (j) => statusResultCard(ctx.buttons, tz, j));
        if (job.state !== 'done') return { toast: { type: 'info', text: PAUSED }, card };
        return { toast: { type: 'success', text: t('已完成', 'Done') }, card };
      });
    }),
});

export const cancelAction = defineAction({
  audited: true,
  name: 'status.cancel',
  preconditions: [adminOnly],
  run: (ctx) =>
    once<StatusJob>(ctx, 'start', async (job) => {
      job.meta = { state: 'cancelled' };
      job.state = 'done';
      await saveJob(ctx.services.store, job);
      return { toast: { type: 'info', text: t('已取消', 'Cancelled') }, card: cancelledCard(job.input.op, job.input.statusTitle, job.input.people.length, ctx.actor.openId) };
    }),
});

export const STATUS_CSV_HEADER = ['open_id', 'name', 'status', 'operation', 'result', '结果', 'meaning', 'error_code', 'error_message'];

export function statusCsvRows(job: StatusJob): Array<Array<string | number>> {
  return job.results.map((r) => {
    const info = resultInfo(r.result);
    return [r.id, job.input.names[r.id] ?? '', job.input.statusTitle, job.input.op, r.result, info.label.zh_cn, info.label.en_us, r.error?.code ?? '', r.error?.msg ?? ''];
  });
}

const exportAction = defineAction({
  audited: true,
  name: 'status.export',
  preconditions: [adminOnly],
  // The names were looked up during the run and stored with the job: a click has no time for 200 lookups.
  run: (ctx) => atMostEvery<StatusJob>(ctx, 'export', RESEND_EVERY_MS, (job, at) => sendJobCsv(ctx, job, `status-${job.input.op}`, STATUS_CSV_HEADER, statusCsvRows(job), at)),
});

export const statusActions: RunnableAction[] = [confirmAction, cancelAction, retryAction, undoAction, exportAction];
