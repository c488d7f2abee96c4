import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { t } from '../cards-kit/i18n.js';
import type { ActionContext, ActionResult } from '../framework/context.js';
import { csvFileName, toCsv } from './csv.js';
import type { Job } from './jobs.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Sends a CSV of a job's results to the chat its card was sent to (the click's chat when it kept none). */
export async function sendJobCsv(ctx: ActionContext<unknown>, job: Job, kind: string, header: string[], rows: Array<Array<string | number>>): Promise<ActionResult> {
  const chatId = job.chatId ?? ctx.chatId;
  if (!chatId) return { toast: { type: 'error', text: t('找不到要发送文件的会话', 'There is no chat to send the file to') } };
  const stamp = dayjs(job.finishedAt ?? job.createdAt).tz(ctx.services.config.BOT_TIMEZONE).format('YYYYMMDDHHmm');
  await ctx.services.feishu.sendFile(chatId, csvFileName(kind, stamp), toCsv(header, rows), `csv-${job.id}`.slice(0, 50));
  return { toast: { type: 'success', text: t(`已发送 CSV（${rows.length} 行）`, `CSV sent (${rows.length} rows)`) } };
}
