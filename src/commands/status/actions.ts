import dayjs from 'dayjs';
import { cancelledCard, progressCard } from '../../../cards/status.js';
import type { ActionDef } from '../../bot/actions.js';
import { defineAction } from '../../bot/actions.js';
import type { ActionContext, ActionResult } from '../../bot/context.js';
import { claimOperation, finishOperation, loadJob, operationState, saveJob } from '../../batch/jobs.js';
import { csvFileName, toCsv } from '../../export/csv.js';
import { t } from '../../i18n.js';
import { executeJob, newStatusJob, patchSurface, retryablePeople, succeededPeople } from './execute.js';
import type { PersonOutcome, StatusInput, StatusJob, StatusMeta } from './job.js';
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

/** Starts a follow-up job (retry or undo) on a new card in the chat, and waits for it to finish. */
async function followUp(ctx: ActionContext, parent: StatusJob, input: StatusInput): Promise<ActionResult> {
  const { services } = ctx;
  const job = newStatusJob(services, input, ctx.actor.openId, ctx.chatId ?? parent.chatId);
  job.messageId = await ctx.send(progressCard({ op: input.op, purpose: input.purpose, statusTitle: input.statusTitle, done: 0, total: input.people.length, ok: 0, failed: 0 }));
  await executeJob(services, job, patchSurface(services, job.messageId));
  const ok = succeededPeople(job).length;
  return { toast: { type: ok === job.results.length ? 'success' : 'warning', text: t(`完成：成功 ${ok}，失败 ${job.results.length - ok}`, `Done: ${ok} succeeded, ${job.results.length - ok} failed`) } };
}

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

const retryAction = defineAction({
  name: 'status.retry',
  role: 'admin',
  run: (ctx) =>
    once(ctx, 'retry', async (job) => {
      const people = retryablePeople(job);
      if (people.length === 0) return { toast: { type: 'info', text: t('没有可以重试的人', 'Nobody to retry') } };
      if (job.input.endSec !== undefined && job.input.endSec * 1000 <= ctx.services.clock.now()) {
        return error('结束时间已经过去，重试没有意义；请重新执行命令', 'The end time has passed, so a retry would do nothing; run the command again');
      }
      return followUp(ctx, job, { ...job.input, purpose: 'retry', parentJobId: job.id, people });
    }),
});

const undoAction = defineAction({
  name: 'status.undo',
  role: 'admin',
  run: (ctx) =>
    once(ctx, 'undo', async (job) => {
      if (job.input.op !== 'open') return error('只能撤销开启操作', 'Only turning a status on can be undone');
      const people = succeededPeople(job);
      if (people.length === 0) return { toast: { type: 'info', text: t('没有需要撤销的人', 'Nobody to undo') } };
      const { endSec: _end, ...rest } = job.input;
      return followUp(ctx, job, { ...rest, op: 'close', purpose: 'undo', parentJobId: job.id, people });
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
