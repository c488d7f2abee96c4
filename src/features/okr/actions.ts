import { defineAction } from '../../framework/action.js';
import { isAdmin } from '../../framework/permissions.js';
import type { ActionResult } from '../../framework/context.js';
import { t } from '../../cards-kit/i18n.js';
import { mayReadOkrsOf } from './access.js';
import { idsOkrCard, loadIdsQuery } from './idsView.js';
import { OKR_IDS_ACTION, OKR_USER_ACTION } from './periodButtons.js';
import type { OkrLang } from './types.js';
import { userOkrCard } from './userView.js';

const notYours: ActionResult = {
  toast: { type: 'error', text: t('只有 OKR 的负责人或机器人管理员可以操作这张卡片', 'Only the OKR owner or a bot admin can use this card') },
};

const langOf = (raw: unknown): OkrLang => (raw === 'en_us' ? 'en_us' : 'zh_cn');

/** Refresh and the period selector of a person's OKR card: the clicker must own those OKRs or be an admin. */
export const okrUserAction = defineAction({
  name: OKR_USER_ACTION,
  role: 'member',
  async run(ctx) {
    const owner = ctx.ref;
    if (!mayReadOkrsOf(ctx.actor, owner)) return notYours;
    const periodId = typeof ctx.extra.p === 'string' ? ctx.extra.p : undefined;
    const card = await userOkrCard(ctx.services, ctx.actor, { owner, periodId, lang: langOf(ctx.extra.l) });
    return { card, toast: { type: 'success', text: t('已更新', 'Updated') } };
  },
});

/**
 * Refresh of an `/okr <id…>` card. It re-reads with the rights of whoever asked first, so that an admin's
 * click cannot widen a member's card; only that person or an admin may click.
 */
export const okrIdsAction = defineAction({
  name: OKR_IDS_ACTION,
  role: 'member',
  async run(ctx) {
    const query = await loadIdsQuery(ctx.services, ctx.ref);
    if (!query) return { toast: { type: 'error', text: t('这张卡片已过期，请重新发送命令', 'This card has expired; send the command again') } };
    if (!ctx.actor.isAdmin && ctx.actor.openId !== query.viewer.openId) return notYours;
    // Never more than the asker had then, nor more than they have now (an admin since removed).
    const viewer = { ...query.viewer, isAdmin: query.viewer.isAdmin && isAdmin(ctx.services.config.BOT_ADMINS, query.viewer.openId) };
    const card = await idsOkrCard(ctx.services, { ...query, viewer }, ctx.ref);
    return { card, toast: { type: 'success', text: t('已更新', 'Updated') } };
  },
});
