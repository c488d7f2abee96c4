import { t } from '../cards-kit/i18n.js';
import { runClick, type CallbackAnswer, type ClickDeps } from '../framework/click.js';
import { stringOr } from './eventFields.js';

export type CardActionDeps = ClickDeps;

/**
 * `card.action.trigger`: reads who clicked which value on which card in which chat, and hands the click
 * to the action runner (which verifies it, checks the action's preconditions and answers in time).
 */
export async function handleCardAction(deps: CardActionDeps, event: Record<string, unknown>, eventId: string): Promise<CallbackAnswer> {
  const operator = event.operator as { open_id?: unknown } | undefined;
  const action = event.action as { value?: unknown } | undefined;
  const context = (event.context ?? {}) as { open_message_id?: unknown; open_chat_id?: unknown };
  // Older payloads carry the ids at the top level (normalizeCardAction in the SDK does the same).
  const messageId = stringOr(context.open_message_id) ?? stringOr(event.open_message_id);
  const chatId = stringOr(context.open_chat_id) ?? stringOr(event.open_chat_id);
  const clicker = stringOr(operator?.open_id);
  if (!clicker) {
    const text = t('无法识别点击者', 'Cannot tell who clicked');
    return { toast: { type: 'error', content: text.en_us, i18n: text } };
  }
  return runClick(deps, { clicker, chatId, messageId, value: action?.value, requestId: eventId });
}
