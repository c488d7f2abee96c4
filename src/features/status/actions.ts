import dayjs from 'dayjs';
import { cancelledCard, progressCard } from './cards.js';
import type { ActionDef } from '../../framework/action.js';
import { defineAction } from '../../framework/action.js';
import type { ActionContext, ActionResult } from '../../framework/context.js';
import { claimOperation, finishOperation, loadJob, operationState, releaseOperation, saveJob } from '../../batch/jobs.js';
import { csvFileName, toCsv } from '../../batch/csv.js';
import { t } from '../../cards-kit/i18n.js';
import { executeJob, newStatusJob, patchSurface } from './execute.js';
import { finalCard, retryablePeople, succeededPeople } from './resultView.js';
import type { FollowUp, FollowUpKind, PersonOutcome, StatusInput, StatusJob, StatusMeta } from './job.js';
import { resultInfo } from './results.js';

const error = (zh: string, en: string): ActionResult => ({ toast: { type: 'error', text: t(zh, en) } });

async function loadStatusJob(ctx: ActionContext): Promise<StatusJob | undefined> {
  return loadJob<StatusInput, PersonOutcome, StatusMeta>(ctx.services.store, ctx.ref);
}

/**
 * Runs `work` once per job and operation: a double click, or a second admin clicking at the same time,
 * gets a toast saying it is running or already done.
 */
async function once(ctx: ActionContext, op: string, work: (job: StatusJob) => Promise<ActionResult>): Promise<ActionResult> {
  const job = await loadStatusJob(ctx);
  if (!job) return error('这个操作已过期（记录已清理），请重新执行命令', 'This run is too old (its record is gone); run the command again');
  if (!(await claimOperation(ctx.services.store, job.id, op))) {
    const state = await operationState(ctx.services.store, job.id, op);
    return state === 'done'
      ? { toast: { type: 'info', text: t('已经执行过了，不会重复执行', 'Already done; it will not run twice') } }
      : { toast: { type: 'info', text: t('正在执行中（可能是别人点的），请稍候', 'Already running (perhaps someone else clicked); please wait') } };
  }
  try {
    return await work(job);
  } finally {
    await finishOperation(ctx.services.store, job.id, op);
  }
}

/**
 * Runs a Retry or Undo as a new job on a new card. The clicked card says at once that it started (its
 * button disabled, so a second admin looking at the same card is not confused), and how it ended.
 */
async function followUp(ctx: ActionContext, parent: StatusJob, kind: FollowUpKind, input: StatusInput): Promise<ActionResult> {
  const { services } = ctx;
  // Re-read the parent before each change: a Retry and an Undo of the same card may run at the same time.
  const mark = async (f: Omit<FollowUp, 'by' | 'at'> | undefined): Promise<void> => {
    const fresh = (await loadJob<StatusInput, PersonOutcome, StatusMeta>(services.store, parent.id)) ?? parent;
    const { [kind]: _old, ...others } = fresh.meta.followUps ?? {};
    fresh.meta.followUps = f ? { ...others, [kind]: { by: ctx.actor.openId, at: services.clock.now(), ...f } } : others;
    await saveJob(services.store, fresh);
    parent.meta = fresh.meta;
  };
  await mark({ state: 'running' });
  await ctx.update(finalCard(services, parent)).catch((err: unknown) => services.log.warn({ err: String(err) }, 'could not mark the card as running'));
  const job = newStatusJob(services, { ...input, purpose: kind, parentJobId: parent.id, parentFinishedAt: parent.finishedAt }, ctx.actor.openId, ctx.chatId ?? parent.chatId);
  try {
    job.messageId = await ctx.send(progressCard({ op: input.op, purpose: kind, statusTitle: input.statusTitle, done: 0, total: input.people.length, ok: 0, failed: 0 }));
    await executeJob(services, job, patchSurface(services, job.messageId));
  } catch (err) {
    // Opening or closing again is harmless, so a follow-up that broke may simply be clicked again.
    await mark(undefined);
    await releaseOperation(services.store, parent.id, kind);
    services.log.error({ err, jobId: parent.id, kind }, 'status follow-up failed');
    // Keep the clicked card (with its buttons) instead of letting an error card replace it.
    return { ...error('操作失败，卡片已恢复，可以再点一次', 'It failed; the card is back as it was, so you can click again'), card: finalCard(services, parent) };
  }
  const ok = succeededPeople(job).length;
  const failed = job.results.length - ok;
  await mark({ state: 'done', ok, failed });
  return {
    toast: { type: failed === 0 ? 'success' : 'warning', text: t(`完成：成功 ${ok}，失败 ${failed}`, `Done: ${ok} succeeded, ${failed} failed`) },
    card: finalCard(services, parent),
  };
}

/** A follow-up button: `plan` picks the people (or answers why there is nothing to do). */
function followUpAction(kind: FollowUpKind, plan: (job: StatusJob, nowMs: number) => StatusInput | ActionResult): ActionDef {
  return defineAction({
    name: `status.${kind}`,
    role: 'admin',
    run: (ctx) =>
      once(ctx, kind, async (job) => {
        const planned = plan(job, ctx.services.clock.now());
        return 'people' in planned ? followUp(ctx, job, kind, planned) : planned;
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
  const people = succeededPeople(job);
  if (people.length === 0) return { toast: { type: 'info', text: t('没有需要撤销的人', 'Nobody to undo') } };
  const { endSec: _end, ...rest } = job.input;
  return { ...rest, op: 'close', people };
});

const confirmAction = defineAction({
  name: 'status.confirm',
  role: 'admin',
  run: (ctx) =>
    once(ctx, 'start', async (job) => {
      if (job.meta.state !== 'preview') return error('这个批次已经开始或已取消', 'This batch has already started or was cancelled');
      if (job.input.endSec !== undefined && job.input.endSec * 1000 <= ctx.services.clock.now()) {
        return error('结束时间已经过去，请重新执行命令', 'The end time has passed; run the command again');
      }
      const card = await executeJob(ctx.services, job, { show: (c) => ctx.update(c) });
      return { toast: { type: 'success', text: t('已完成', 'Done') }, card };
    }),
});

const cancelAction = defineAction({
  name: 'status.cancel',
  role: 'admin',
  run: (ctx) =>
    once(ctx, 'start', async (job) => {
      job.meta = { state: 'cancelled' };
      await saveJob(ctx.services.store, job);
      return { toast: { type: 'info', text: t('已取消', 'Cancelled') }, card: cancelledCard(job.input.op, job.input.statusTitle, job.input.people.length, ctx.actor.openId) };
    }),
});

export function statusCsv(job: StatusJob): Buffer {
  return toCsv(
    ['open_id', 'name', 'status', 'operation', 'result', '结果', 'meaning', 'error_code', 'error_message'],
    job.results.map((r) => {
      const info = resultInfo(r.result);
      return [r.id, job.input.names[r.id] ?? '', job.input.statusTitle, job.input.op, r.result, info.label.zh_cn, info.label.en_us, r.error?.code ?? '', r.error?.msg ?? ''];
    }),
  );
}

const exportAction = defineAction({
  name: 'status.export',
  role: 'admin',
  run: (ctx) =>
    once(ctx, 'export', async (job) => {
      const chatId = ctx.chatId ?? job.chatId;
      if (!chatId) return error('找不到要发送文件的会话', 'There is no chat to send the file to');
      const stamp = dayjs(job.finishedAt ?? job.createdAt).tz(ctx.services.config.BOT_TIMEZONE).format('YYYYMMDDHHmm');
      await ctx.services.feishu.sendFile(chatId, csvFileName(`status-${job.input.op}`, stamp), statusCsv(job), `csv-${job.id}`.slice(0, 50));
      return { toast: { type: 'success', text: t(`已发送 CSV（${job.results.length} 行）`, `CSV sent (${job.results.length} rows)`) } };
    }),
});

export const statusActions: ActionDef[] = [confirmAction, cancelAction, retryAction, undoAction, exportAction];
