import { z } from 'zod';
import { acsProgressCard } from './cards.js';
import { t } from '../../cards-kit/i18n.js';
import { defineCommand, zmsg } from '../../framework/command.js';
import { adminOnly } from '../../framework/preconditions.js';
import { showIfQueued } from '../../framework/queued.js';
import { allUsersButtons, pageButton } from './actions.js';
import { allUsersCard } from './allUsers.js';
import { freshSession, newListId } from './listSession.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSizeArg } from './pageSize.js';
import { pageCard } from './paging.js';

const args = z
  .object({ 'page-size': pageSizeArg, all: z.boolean().optional() })
  .superRefine((a, ctx) => {
    if (a.all && a['page-size'] !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['page-size'], message: zmsg('不能和 --all 同时使用（--all 总是每页 50 人）', 'cannot be combined with --all (--all always reads 50 per page)') });
    }
  });

export const acsUsersCommand = defineCommand({
  name: 'acs users',
  menuKey: 'acs_users',
  preconditions: [adminOnly],
  summary: t('门禁用户列表（可翻页），或 --all 汇总并导出', 'Access-control users, page by page; or --all for a summary and CSV export'),
  positionals: [],
  flags: [
    { name: 'page-size', kind: 'value', help: t(`每页人数，1–${MAX_PAGE_SIZE}，默认 ${DEFAULT_PAGE_SIZE}`, `Users per page, 1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}`) },
    { name: 'all', kind: 'boolean', help: t('读取全部用户，给出汇总并可导出 CSV', 'Read every user, then show a summary with Export CSV') },
  ],
  args,
  examples: ['/acs users', '/acs users --page-size 50', '/acs users --all'],
  async run(ctx, a) {
    const { services } = ctx;
    await showIfQueued(ctx, ['acs.user.list']);
    if (a.all) {
      // A queued card stays until the first page is read: "0 users read" would hide the wait.
      if (!ctx.surface.written) await ctx.show(acsProgressCard(0, 0));
      await allUsersCard(services, ctx.actor, ctx.chatId, ctx.requestId, ctx.surface, allUsersButtons(ctx.buttons));
      return;
    }
    const session = freshSession(newListId(services.clock.now(), services.random), a['page-size'] ?? DEFAULT_PAGE_SIZE);
    await ctx.show(await pageCard(services, session, 1, ctx.requestId, pageButton(ctx.buttons)));
  },
});
