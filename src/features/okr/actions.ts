import { z } from 'zod';
import { defineAction } from '../../framework/action.js';
import type { ButtonScope } from '../../framework/buttons.js';
import { isAdmin, ownerOrAdmin } from '../../framework/preconditions.js';
import { queuedClick } from '../../framework/queued.js';
import { t } from '../../cards-kit/i18n.js';
import { idsOkrCard, loadIdsQuery } from './idsView.js';
import type { UserOkrButton } from './periodButtons.js';
import { userOkrCard } from './userView.js';

const NOT_YOURS = t('只有 OKR 的负责人或机器人管理员可以操作这张卡片', 'Only the OKR owner or a bot admin can use this card');

/** Refresh and the period selector of a person's OKR card (the ref is the person): their own, or an admin. */
export const okrUserAction = defineAction({
  name: 'okr.user',
  extra: z.object({ p: z.string().min(1), l: z.enum(['zh_cn', 'en_us']) }),
  preconditions: [ownerOrAdmin((ctx) => ctx.ref, NOT_YOURS)],
  run: (ctx) =>
    queuedClick(ctx, ['okr.period.list', 'okr.user_okr.list'], async () => {
      const card = await userOkrCard(ctx.services, ctx.actor, { owner: ctx.ref, periodId: ctx.extra.p, lang: ctx.extra.l }, userOkrButton(ctx.buttons));
      return { card, toast: { type: 'success', text: t('已更新', 'Updated') } };
    }),
});

/** Buttons that show a person's OKRs for a period, for cards shown through `scope`. */
export const userOkrButton = (scope: ButtonScope): UserOkrButton => (owner, periodId, lang) => okrUserAction.value(scope, owner, { p: periodId, l: lang });

/**
 * Refresh of an `/okr <id…>` card. It re-reads with the rights of whoever asked first, so that an admin's
 * click cannot widen a member's card; only that person or an admin may click.
 */
export const okrIdsAction = defineAction({
  name: 'okr.ids',
  preconditions: [ownerOrAdmin(async (ctx) => (await loadIdsQuery(ctx.services, ctx.ref))?.viewer.openId, NOT_YOURS)],
  async run(ctx) {
    const query = await loadIdsQuery(ctx.services, ctx.ref);
    if (!query) return { toast: { type: 'error', text: t('这张卡片已过期，请重新发送命令', 'This card has expired; send the command again') } };
    // Never more than the asker had then, nor more than they have now (an admin since removed).
    const viewer = { ...query.viewer, isAdmin: query.viewer.isAdmin && isAdmin(ctx.services.config.BOT_ADMINS, query.viewer.openId) };
    return queuedClick(ctx, ['okr.okr.batch_get', 'okr.user_okr.list'], async () => {
      const card = await idsOkrCard(ctx.services, { ...query, viewer }, okrIdsAction.value(ctx.buttons, ctx.ref));
      return { card, toast: { type: 'success', text: t('已更新', 'Updated') } };
    });
  },
});
