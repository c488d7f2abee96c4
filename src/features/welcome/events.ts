import type { Binding } from '../../framework/buttons.js';
import { handled, malformed, type EventContext, type EventHandler } from '../../framework/event.js';
import { newMessage, type Destination } from '../../framework/surface.js';
import { welcomeCardFor } from './action.js';
import { menuCommandLine } from './menu.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const idempotencyKey = (eventId: string) => `welcome-${eventId}`.slice(0, 50);

/** Sends the welcome card to `to`, its buttons bound to where it goes. */
async function sendWelcome(ctx: EventContext, binding: Binding, to: Destination): Promise<void> {
  const { feishu, buttons } = ctx.services;
  await newMessage(feishu, to, () => idempotencyKey(ctx.eventId)).show(welcomeCardFor(buttons.scope(binding)));
}

/** The bot was added to a group: the welcome card, to the group. */
export const onBotAdded: EventHandler = (ctx) => {
  const chatId = str(ctx.event.chat_id);
  if (!chatId) return malformed('chat_id missing');
  ctx.later(chatId, () => sendWelcome(ctx, { chat: chatId }, { chatId }));
  return handled;
};

/** A person opened the bot's direct chat: the welcome card, privately, at most once a day (no spam on every visit). */
export const onP2pEntered: EventHandler = async (ctx) => {
  const openId = str((ctx.event.operator_id as { open_id?: unknown } | undefined)?.open_id);
  if (!openId) return malformed('operator_id missing');
  if (!(await ctx.services.store.claim('welcome', `welcome:p2p:${openId}`))) return handled;
  // The event names the direct chat: the card's buttons are bound to it (to the person when it does not).
  const chatId = str(ctx.event.chat_id);
  if (chatId) ctx.services.feishu.rememberP2pChat(openId, chatId);
  ctx.later(`user:${openId}`, () => sendWelcome(ctx, chatId ? { chat: chatId } : { user: openId }, { openId }));
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
