import { randomUUID } from 'node:crypto';
import { encryptEvent, signEvent } from './crypto.js';

/** Builders for the events Feishu pushes, shaped like the reference; used by `npm run say` and tests. */
export interface EventOptions {
  token: string;
  appId?: string;
  eventId?: string;
  now?: number;
}

function envelope(type: string, event: unknown, o: EventOptions) {
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? randomUUID().replace(/-/g, ''),
      event_type: type,
      create_time: String(o.now ?? Date.now()),
      token: o.token,
      app_id: o.appId ?? 'cli_5a4db0c000000001',
      tenant_key: 'sandbox_tenant',
    },
    event,
  };
}

export interface MessageSpec {
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  text: string;
  mentions?: Array<{ key: string; openId: string; name: string }>;
  messageType?: string;
  content?: string;
  senderType?: string;
}

export function messageEvent(m: MessageSpec, o: EventOptions) {
  return envelope('im.message.receive_v1', {
    sender: { sender_id: { open_id: m.senderOpenId }, sender_type: m.senderType ?? 'user', tenant_key: 'sandbox_tenant' },
    message: {
      message_id: m.messageId,
      create_time: String(o.now ?? Date.now()),
      chat_id: m.chatId,
      chat_type: m.chatType,
      message_type: m.messageType ?? 'text',
      content: m.content ?? JSON.stringify({ text: m.text }),
      mentions: (m.mentions ?? []).map((x) => ({ key: x.key, id: { open_id: x.openId }, name: x.name, tenant_key: 'sandbox_tenant' })),
    },
  }, o);
}

export function cardActionEvent(a: { operatorOpenId: string; value: unknown; messageId?: string; chatId?: string }, o: EventOptions) {
  return envelope('card.action.trigger', {
    operator: { open_id: a.operatorOpenId, tenant_key: 'sandbox_tenant' },
    token: 'c-sandboxcardtoken',
    action: { tag: 'button', value: a.value },
    host: 'im_message',
    context: { open_message_id: a.messageId, open_chat_id: a.chatId },
  }, o);
}

export function botAddedEvent(chatId: string, operatorOpenId: string, o: EventOptions) {
  return envelope('im.chat.member.bot.added_v1', { chat_id: chatId, operator_id: { open_id: operatorOpenId }, external: false, name: 'Sandbox group' }, o);
}

export function p2pEnteredEvent(chatId: string, openId: string, o: EventOptions) {
  return envelope('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: chatId, operator_id: { open_id: openId } }, o);
}

export function menuEvent(openId: string, eventKey: string, o: EventOptions) {
  return envelope('application.bot.menu_v6', { operator: { operator_name: 'Sandbox', operator_id: { open_id: openId } }, event_key: eventKey, timestamp: String(Math.floor((o.now ?? Date.now()) / 1000)) }, o);
}

/** Encrypts and signs a body the way Feishu does with an Encrypt Key. */
export function seal(body: unknown, encryptKey: string, nowMs = Date.now()): { raw: string; headers: Record<string, string> } {
  const raw = JSON.stringify({ encrypt: encryptEvent(JSON.stringify(body), encryptKey) });
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomUUID();
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signEvent(timestamp, nonce, encryptKey, Buffer.from(raw, 'utf8')),
    },
  };
}
