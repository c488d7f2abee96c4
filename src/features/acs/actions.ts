import { z } from 'zod';
import { defineAction, type RunnableAction } from '../../framework/action.js';
import type { ButtonScope } from '../../framework/buttons.js';
import { cardForError } from '../../framework/errorCards.js';
import { adminOnly } from '../../framework/preconditions.js';
import { loadJob } from '../../batch/jobs.js';
import { t } from '../../cards-kit/i18n.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { JobResumer } from '../../batch/resume.js';
import { allUsersCard, runWalk, type AcsJob, type AllUsersButtons } from './allUsers.js';
import { acsCsvName, acsUsersCsv } from './exportCsv.js';
import { claimExport, EXPORT_REPEAT_WINDOW_MS, markExportSent, releaseExport } from './exportOnce.js';
import { pageCard, sessionFor, type PageButton } from './paging.js';
import { MAX_PAGE_SIZE } from './pageSize.js';

/** Previous / Next / Start again on a paged /acs users card: answers with the new page in place. */
export const acsPageAction = defineAction({
  name: 'acs.page',
  extra: z.object({ p: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), n: z.number().int().min(1).max(MAX_PAGE_SIZE) }),
  preconditions: [adminOnly],
  async run(ctx) {
    const session = await sessionFor(ctx.services, ctx.ref, ctx.extra.n);
    return { card: await pageCard(ctx.services, session, ctx.extra.p, ctx.requestId, pageButton(ctx.buttons)) };
  },
});

/** Page buttons for cards shown through `scope`. */
export const pageButton = (scope: ButtonScope): PageButton => (listId, page, pageSize) => acsPageAction.value(scope, listId, { p: page, n: pageSize });

/** Start again on an `/acs users --all` card whose walk met a changed list. */
export const acsAllAction = defineAction({
  name: 'acs.all',
  preconditions: [adminOnly],
  async run(ctx) {
    return { card: await allUsersCard(ctx.services, ctx.actor, ctx.chatId, ctx.requestId, ctx.surface, allUsersButtons(ctx.buttons)) };
  },
});

const windowS = EXPORT_REPEAT_WINDOW_MS / 1000;
const ALREADY_SENT = t(
  `CSV 刚刚已发送，请查看上方的文件；${windowS} 秒后可再次发送。要最新数据请重新执行 /acs users --all`,
  `The CSV was just sent: see the file above. It can be sent again after ${windowS} s; for fresh data run /acs users --all`,
);
const BEING_SENT = t('CSV 正在发送中，请稍候', 'The CSV is being sent; one moment');

/** Export CSV on the summary card: one row per user, sent as a file to the chat the summary was sent to. */
export const acsExportAction = defineAction({
  name: 'acs.export',
  preconditions: [adminOnly],
  async run(ctx) {
    const job = await loadJob<AcsJob['input'], AcsJob['results'][number], AcsJob['meta']>(ctx.services.store, ctx.ref);
    if (!job) {
      return { toast: { type: 'error', text: t('这份汇总已过期，请重新执行 /acs users --all', 'This summary has expired; run /acs users --all again') } };
    }
    const chatId = job.chatId ?? ctx.chatId;
    if (!chatId) return { toast: { type: 'error', text: t('找不到要发送文件的会话', 'There is no chat to send the file to') } };
    const store = ctx.services.store;
    const claim = await claimExport(store, job.id);
    if (!claim.ok) return { toast: { type: 'info', text: claim.state === 'sent' ? ALREADY_SENT : BEING_SENT } };
    const csv = acsUsersCsv(job.results);
    try {
      await ctx.services.feishu.sendFile(chatId, acsCsvName(ctx.services.clock.now(), ctx.services.config.BOT_TIMEZONE), csv, `csv-${ctx.requestId}`.slice(0, 50));
    } catch (err) {
      await releaseExport(store, job.id);
      if (!isUpstreamError(err)) throw err;
      // Keep the summary card; show the failure as its own card so that it stays visible.
      await ctx.post(cardForError(err, ctx.requestId));
      return { toast: { type: 'error', text: t(`导出失败：${err.code}`, `Export failed: ${err.code}`) } };
    }
    await markExportSent(store, job.id);
    return { toast: { type: 'success', text: t(`已发送 CSV（${job.results.length} 行）`, `CSV sent (${job.results.length} rows)`) } };
  },
});

/** The buttons of the `--all` summary, for cards shown through `scope`. */
export const allUsersButtons = (scope: ButtonScope): AllUsersButtons => ({
  again: acsAllAction.value(scope, 'all'),
  exportCsv: (jobId) => acsExportAction.value(scope, jobId),
});

/** An `/acs users --all` walk interrupted by a restart continues on its card from its last checkpointed page. */
export const resumeAcsWalk: JobResumer = async (services, job, surface, buttons) => {
  await runWalk(services, surface, job as AcsJob, allUsersButtons(buttons), `resume-${job.id}`);
};

export const acsActions: RunnableAction[] = [acsPageAction, acsAllAction, acsExportAction];
