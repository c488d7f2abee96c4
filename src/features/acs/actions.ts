import { defineAction, type ActionDef } from '../../framework/action.js';
import { cardForError } from '../../framework/errorCards.js';
import { loadJob } from '../../batch/jobs.js';
import { t } from '../../cards-kit/i18n.js';
import { isUpstreamError } from '../../upstream/errors.js';
import { allUsersCard, ALL_ACTION, EXPORT_ACTION, type AcsJob } from './allUsers.js';
import { acsCsvName, acsUsersCsv } from './exportCsv.js';
import { claimExport, EXPORT_REPEAT_WINDOW_MS, markExportSent, releaseExport } from './exportOnce.js';
import { pageCard, PAGE_ACTION, sessionFor } from './paging.js';
import { MAX_PAGE_SIZE } from './pageSize.js';

const intIn = (v: unknown, min: number, max: number): number | undefined => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Previous / Next / Start again on a paged /acs users card: answers with the new page in place. */
export const acsPageAction: ActionDef = defineAction({
  name: PAGE_ACTION,
  role: 'admin',
  async run(ctx) {
    const page = intIn(ctx.extra.p, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = intIn(ctx.extra.n, 1, MAX_PAGE_SIZE);
    if (page === undefined || pageSize === undefined) {
      return { toast: { type: 'error', text: t('按钮数据无效，操作已拒绝', 'This button is not valid; nothing was done') } };
    }
    const session = await sessionFor(ctx.services, ctx.ref, pageSize);
    return { card: await pageCard(ctx.services, session, page, ctx.requestId) };
  },
});

/** Start again on an `/acs users --all` card whose walk met a changed list. */
export const acsAllAction: ActionDef = defineAction({
  name: ALL_ACTION,
  role: 'admin',
  async run(ctx) {
    return { card: await allUsersCard(ctx.services, ctx.actor, ctx.chatId, ctx.requestId, (c) => ctx.update(c)) };
  },
});

const windowS = EXPORT_REPEAT_WINDOW_MS / 1000;
const ALREADY_SENT = t(
  `CSV 刚刚已发送，请查看上方的文件；${windowS} 秒后可再次发送。要最新数据请重新执行 /acs users --all`,
  `The CSV was just sent: see the file above. It can be sent again after ${windowS} s; for fresh data run /acs users --all`,
);
const BEING_SENT = t('CSV 正在发送中，请稍候', 'The CSV is being sent; one moment');

/** Export CSV on the summary card: one row per user, sent as a file to the card's chat. */
export const acsExportAction: ActionDef = defineAction({
  name: EXPORT_ACTION,
  role: 'admin',
  async run(ctx) {
    const job = await loadJob<AcsJob['input'], AcsJob['results'][number], AcsJob['meta']>(ctx.services.store, ctx.ref);
    if (!job) {
      return { toast: { type: 'error', text: t('这份汇总已过期，请重新执行 /acs users --all', 'This summary has expired; run /acs users --all again') } };
    }
    if (!ctx.chatId) return { toast: { type: 'error', text: t('找不到要发送文件的会话', 'There is no chat to send the file to') } };
    const store = ctx.services.store;
    const claim = await claimExport(store, job.id);
    if (!claim.ok) return { toast: { type: 'info', text: claim.state === 'sent' ? ALREADY_SENT : BEING_SENT } };
    const csv = acsUsersCsv(job.results);
    try {
      await ctx.services.feishu.sendFile(ctx.chatId, acsCsvName(ctx.services.clock.now(), ctx.services.config.BOT_TIMEZONE), csv, `csv-${ctx.requestId}`.slice(0, 50));
    } catch (err) {
      await releaseExport(store, job.id);
      if (!isUpstreamError(err)) throw err;
      // Keep the summary card; show the failure as its own card so that it stays visible.
      await ctx.send(cardForError(err, ctx.requestId));
      return { toast: { type: 'error', text: t(`导出失败：${err.code}`, `Export failed: ${err.code}`) } };
    }
    await markExportSent(store, job.id);
    return { toast: { type: 'success', text: t(`已发送 CSV（${job.results.length} 行）`, `CSV sent (${job.results.length} rows)`) } };
  },
});

export const acsActions: ActionDef[] = [acsPageAction, acsAllAction, acsExportAction];
