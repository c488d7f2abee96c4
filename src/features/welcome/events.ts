import { RUN_COMMAND_ACTION } from '../../framework/action.js';
import type { Card } from '../../cards-kit/kit.js';
import { handled, malformed, type EventContext, type EventHandler } from '../../framework/event.js';
import { DAY } from '../../store/store.js';
import { welcomeCard } from './card.js';
import { menuCommandLine } from './menu.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const idempotencyKey = (eventId: string) => `welcome-${eventId}`.slice(0, 50);

function welcome(ctx: EventContext): Card {
  const b = ctx.services.buttons;
  return welcomeCard({ help: b.value(RUN_COMMAND_ACTION, 'help'), okr: b.value(RUN_COMMAND_ACTION, 'okr') });
}

/** The bot was added to a group: the welcome card, to the group. */
export const onBotAdded: EventHandler = (ctx) => {
  const chatId = str(ctx.event.chat_id);
  if (!chatId) return malformed('chat_id missing');
  ctx.later(chatId, async () => {
    await ctx.services.feishu.sendCard({ type: 'chat_id', id: chatId }, welcome(ctx), idempotencyKey(ctx.eventId));
  });
  return handled;
};

/** A person opened the bot's direct chat: the welcome card, privately, at most once a day (no spam on every visit). */
export const onP2pEntered: EventHandler = async (ctx) => {
  const openId = str((ctx.event.operator_id as { open_id?: unknown } | undefined)?.open_id);
  if (!openId) return malformed('operator_id missing');
  if (!(await ctx.services.store.claim(`welcome:p2p:${openId}`, DAY))) return handled;
  ctx.later(`user:${openId}`, async () => {
    await ctx.services.feishu.sendCard({ type: 'open_id', id: openId }, welcome(ctx), idempotencyKey(ctx.eventId));
  });
  return handled;
};

/** A bot-menu click: the command its key maps to, answered privately; an unknown key gets /help. */
export const onMenu: EventHandler = (ctx) => {
  const operator = ctx.event.operator as { operator_id?: { open_id?: unknown } } | undefined;
  const openId = str(operator?.operator_id?.open_id);
  const key = ctx.event.event_key;
  if (!openId || typeof key !== 'string') return malformed('operator or event_key missing');
  const line = menuCommandLine(key, ctx.commands);
  if (!line) ctx.services.log.warn({ menuKey: key.slice(0, 60) }, 'unknown bot-menu key: answered with /help');
  ctx.runCommand(line ?? 'help', openId);
  return handled;
};
