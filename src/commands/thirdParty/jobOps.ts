import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { ActionContext, ActionResult } from '../../bot/context.js';
import { claimOperation, loadJob, type Job } from '../../batch/jobs.js';
import { csvFileName, toCsv } from '../../export/csv.js';
import { t, type Text } from '../../i18n.js';
import { explainCode } from '../../upstream/errorCatalog.js';
import { isUpstreamError } from '../../upstream/errors.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** What a failed call leaves on each of its items. */
export function errorOf(err: unknown): { code: string; msg: string; hint?: Text } {
  if (isUpstreamError(err)) {
    const help = explainCode(err.api, err.code);
    return { code: String(err.code), msg: err.msg, ...(help ? { hint: help.action } : {}) };
  }
  return { code: 'ERROR', msg: err instanceof Error ? err.message : String(err) };
}

/**
 * Loads the job a button points at and claims the one-time operation `op` on it. Returns the job, or the
 * toast to answer with (job expired, or someone already ran this button).
 */
export async function claimJob<I, R, M>(ctx: ActionContext, op: string): Promise<{ job: Job<I, R, M> } | { refused: ActionResult }> {
  const job = await loadJob<I, R, M>(ctx.services.store, ctx.ref);
  if (!job) return { refused: { toast: { type: 'error', text: t('这次操作的记录已过期，请重新执行命令', 'This run is no longer kept; run the command again') } } };
  if (!(await claimOperation(ctx.services.store, job.id, op))) {
    return { refused: { toast: { type: 'warning', text: t('这个按钮已经被点过了，不会重复执行', 'This button was already used; it will not run twice') } } };
  }
  return { job };
}

/** Sends a CSV export of a job to the chat of the clicked card. */
export async function sendJobCsv(ctx: ActionContext, job: Job, kind: string, header: string[], rows: Array<Array<string | number>>): Promise<ActionResult> {
  const chatId = ctx.chatId ?? job.chatId;
  if (!chatId) return { toast: { type: 'error', text: t('找不到要发送文件的会话', 'No chat to send the file to') } };
  const stamp = dayjs(job.createdAt).tz(ctx.services.config.BOT_TIMEZONE).format('YYYYMMDDHHmm');
  await ctx.services.feishu.sendFile(chatId, csvFileName(kind, stamp), toCsv(header, rows), `${job.id}-csv`.slice(0, 50));
  return { toast: { type: 'success', text: t('CSV 已发送到会话', 'CSV sent to the chat') } };
}
