import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { ActionContext, ActionResult } from '../framework/context.js';
import type { Job } from './jobs.js';
import { csvFileName, toCsv } from './csv.js';
import { t } from '../cards-kit/i18n.js';
import { explainCode } from '../upstream/errorCatalog.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { VendorError } from './itemError.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** What a failed call leaves on each of its items. */
export function errorOf(err: unknown): VendorError {
  if (isUpstreamError(err)) {
    const help = explainCode(err.api, err.code);
    return { code: String(err.code), msg: err.msg, ...(help ? { hint: help.action } : {}), retryable: err.transient };
  }
  return { code: 'ERROR', msg: err instanceof Error ? err.message : String(err), retryable: true };
}

/** Sends a CSV export of a job to the chat of the clicked card. */
export async function sendJobCsv(ctx: ActionContext, job: Job, kind: string, header: string[], rows: Array<Array<string | number>>): Promise<ActionResult> {
  const chatId = ctx.chatId ?? job.chatId;
  if (!chatId) return { toast: { type: 'error', text: t('找不到要发送文件的会话', 'No chat to send the file to') } };
  const stamp = dayjs(job.createdAt).tz(ctx.services.config.BOT_TIMEZONE).format('YYYYMMDDHHmm');
  await ctx.services.feishu.sendFile(chatId, csvFileName(kind, stamp), toCsv(header, rows), `${job.id}-csv`.slice(0, 50));
  return { toast: { type: 'success', text: t('CSV 已发送到会话', 'CSV sent to the chat') } };
}
