import type { Actor, CommandContext, Services } from './context.js';
import { newMessage, replyMessage, sendKeys, type CardMessage } from './surface.js';

/** Where a command came from and how it is answered. */
export type CommandOrigin = {
  actor: Actor;
  requestId: string;
  mentionNames?: Record<string, string>;
} & (
  /** A message in a chat: answered by a reply to it. */
  | { chatType: 'p2p' | 'group'; chatId: string; replyTo: string }
  /** A menu click or a welcome-card button: answered privately, to the person. */
  | { chatType: 'menu' }
);

/**
 * The context of one command. Its buttons are bound to the chat the answer goes to. A private answer goes
 * to the person's direct chat: bound to that chat when the bot has seen it (a message from them, an
 * earlier private send), otherwise to the person, since nobody else can click in their direct chat.
 */
export function commandContext(services: Services, origin: CommandOrigin): CommandContext {
  const { feishu } = services;
  const next = sendKeys(origin.requestId);
  const openId = origin.actor.openId;
  const chatId = origin.chatType === 'menu' ? feishu.p2pChatOf(openId) : origin.chatId;
  const surface: CardMessage = origin.chatType === 'menu'
    ? newMessage(feishu, { openId }, next)
    : replyMessage(feishu, { messageId: origin.replyTo, chatId: origin.chatId }, next);
  return {
    services,
    actor: origin.actor,
    ...(chatId ? { chatId } : {}),
    chatType: origin.chatType,
    mentionNames: origin.mentionNames ?? {},
    locale: 'zh_cn',
    requestId: origin.requestId,
    buttons: services.buttons.scope(chatId ? { chat: chatId } : { user: openId }),
    surface,
    show: (card) => surface.show(card),
    async post(card) {
      const message = newMessage(feishu, chatId && origin.chatType !== 'menu' ? { chatId } : { openId }, next);
      await message.show(card);
      return message;
    },
  };
}
