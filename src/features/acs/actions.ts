import { z } from 'zod';
import { defineAction, type RunnableAction } from '../../framework/action.js';
import type { ButtonScope } from '../../framework/buttons.js';
import { cardForError } from '../../framework/errorCards.js';
import { adminOnly } from '../../framework/preconditions.js';
import { queuedClick } from '../../framework/queued.js';
import { loadJob } from '../../batch/jobs.js';
import { atMostEvery, RESEND_EVERY_MS } from '../../batch/once.js';
import { t } from '../../cards-kit/i18n.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { JobResumer } from '../../batch/resume.js';
import { allUsersCard, runWalk, type AcsJob, type AllUsersButtons } from './allUsers.js';
import { acsCsvName, acsUsersCsv } from './exportCsv.js';
import { pageCard, sessionFor, type PageButton } from './paging.js';
import { MAX_PAGE_SIZE } from './pageSize.js';

/** Previous / Next / Start again on a paged /acs users card: answers with the new page in place. */
export const acsPageAction = defineAction({
  name: 'acs.page',
  extra: z.object({ p: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), n: z.number().int().min(1).max(MAX_PAGE_SIZE) }),
  preconditions: [adminOnly],
  run: (ctx) =>
    queuedClick(ctx, ['acs.user.list'], async () => {
      const session = await sessionFor(ctx.services, ctx.ref, ctx.extra.n);
      return { card: await pageCard(ctx.services, session, ctx.extra.p, ctx.requestId, pageButton(ctx.buttons)) };
    }),
});

/** Page buttons for cards shown through `scope`. */
export const pageButton = (scope: ButtonScope): PageButton => (listId, page, pageSize) => acsPageAction.value(scope, listId, { p: page, n: pageSize });

/** Start again on an `/acs users --all` card whose walk met a changed list. */
export const acsAllAction = defineAction({
  name: 'acs.all',
  preconditions: [adminOnly],
  run: (ctx) =>
    queuedClick(ctx, ['acs.user.list'], async () => ({
      card: await allUsersCard(ctx.services, ctx.actor, ctx.chatId, ctx.requestId, ctx.surface, allUsersButtons(ctx.buttons)),
    })),
});

/** Export CSV on the summary card: one row per user, sent as a file to the chat the summary was sent to; again at most once a minute. */
export const acsExportAction = defineAction({
  name: 'acs.export',
  preconditions: [adminOnly],
  async run(ctx) {
    if (!(await loadJob(ctx.services.store, ctx.ref))) {
      return { toast: { type: 'error', text: t('这份汇总已过期，请重新执行 /acs users --all', 'This summary has expired; run /acs users --all again') } };
    }
    return atMostEvery<AcsJob>(ctx, 'export', RESEND_EVERY_MS, async (job, sentAt) => {
      const chatId = job.chatId ?? ctx.chatId;
      if (!chatId) return { toast: { type: 'error', text: t('找不到要发送文件的会话', 'There is no chat to send the file to') } };
      const csv = acsUsersCsv(job.results, job.meta.names);
      const uuid = `csv${Math.floor(sentAt / 1000).toString(36)}-${job.id}`.slice(0, 50);
      try {
        await ctx.services.feishu.sendFile(chatId, acsCsvName(sentAt, ctx.services.config.BOT_TIMEZONE), csv, uuid);
      } catch (err) {
        if (!isUpstreamError(err)) throw err;
        // Keep the summary card; show the failure as its own card so that it stays visible.
        await ctx.post(cardForError(err, ctx.requestId));
        return { toast: { type: 'error', text: t(`导出失败：${err.code}`, `Export failed: ${err.code}`) } };
      }
      return { toast: { type: 'success', text: t(`已发送 CSV（${job.results.length} 行）`, `CSV sent (${job.results.length} rows)`) } };
    });
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
