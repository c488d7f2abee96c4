import type { Card } from '../cards-kit/kit.js';
import { t, type Text } from '../cards-kit/i18n.js';
import type { ActionContext, Actor, BaseContext, CommandContext } from './context.js';
import type { OptionalService, Services } from './services.js';

/** A refusal says why in both languages; it may bring its own card (e.g. which variables to set). */
export type Verdict = { ok: true } | { ok: false; reason: Text; card?: Card };

/**
 * A small named check run before a command or an action (Sapphire style). Listed on the declaration, it is
 * applied by the dispatcher on every command and by the action runner on every click.
 */
export interface Precondition<C extends BaseContext = BaseContext> {
  name: string;
  check: (ctx: C) => Verdict | Promise<Verdict>;
}

const OK: Verdict = { ok: true };
const refuse = (reason: Text, card?: Card): Verdict => ({ ok: false, reason, ...(card ? { card } : {}) });

export const isAdmin = (admins: readonly string[], openId: string): boolean => admins.includes(openId);

/** Bot admins (BOT_ADMINS) only. /help marks the commands that list it as "admins only". */
export const adminOnly: Precondition = {
  name: 'adminOnly',
  check: (ctx) => (ctx.actor.isAdmin ? OK : refuse(t('只有机器人管理员可以执行', 'only bot admins may do this'))),
};

/** Only in a group chat (e.g. a flag that means "every member of this chat"). */
export function groupOnly(reason = t('只能在群聊里使用', 'only works in a group chat')): Precondition<CommandContext> {
  return { name: 'groupOnly', check: (ctx) => (ctx.chatId && ctx.chatType === 'group' ? OK : refuse(reason)) };
}

/**
 * The person the clicked card is about (read from the action's ref or data), or a bot admin. An owner that
 * cannot be found (expired data) passes: the action itself says the card has expired.
 */
export function ownerOrAdmin<X>(
  ownerOf: (ctx: ActionContext<X>) => string | undefined | Promise<string | undefined>,
  reason = t('只有负责人或机器人管理员可以操作', 'only its owner or a bot admin may do this'),
): Precondition<ActionContext<X>> {
  return {
    name: 'ownerOrAdmin',
    async check(ctx) {
      if (ctx.actor.isAdmin) return OK;
      const owner = await ownerOf(ctx);
      return owner === undefined || owner === ctx.actor.openId ? OK : refuse(reason);
    },
  };
}

/** A platform's client exists (its variables are set); otherwise `notConfigured` says which ones to set. */
export function serviceConfigured(service: OptionalService, platform: string, notConfigured: (services: Services) => Card): Precondition {
  return {
    name: `serviceConfigured(${service})`,
    check: (ctx) =>
      ctx.services[service] !== undefined ? OK : refuse(t(`${platform} 尚未配置`, `${platform} is not configured`), notConfigured(ctx.services)),
  };
}

/** The first refusal among `list`, in order; ok when every check passes. */
export async function checkAll<C extends BaseContext>(list: ReadonlyArray<Precondition<C>>, ctx: C): Promise<Verdict> {
  for (const p of list) {
    const verdict = await p.check(ctx);
    if (!verdict.ok) return verdict;
  }
  return OK;
}

/** Whether a declaration needs a bot admin (for /help's "admins only"). */
export const needsAdmin = (list: ReadonlyArray<Precondition<never>>): boolean => list.some((p) => (p as unknown) === adminOnly);

/** The actor for an open_id, judged by BOT_ADMINS. */
export const actorOf = (services: Services, openId: string): Actor => ({ openId, isAdmin: isAdmin(services.config.BOT_ADMINS, openId) });
