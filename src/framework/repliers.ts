import type { Card } from '../cards-kit/kit.js';
import { fitCard } from '../cards-kit/sizeGuard.js';
import type { Feishu } from '../upstream/feishu.js';
import type { Replier } from './context.js';

/** Idempotency keys: one per answer of a request, so a retried call lands once (uuid ≤ 50 chars). */
function keys(requestId: string): () => string {
  let n = 0;
  return () => `${requestId.slice(0, 40)}-${n++}`;
}

/** Answers by replying to the command's message (paced under the chat's per-chat send limit). */
export function replyTo(feishu: Feishu, messageId: string, requestId: string, chatId?: string): Replier {
  const next = keys(requestId);
  return {
    card: (card: Card) => feishu.replyCard(messageId, fitCard(card), next(), chatId),
    update: (id: string, card: Card) => feishu.patchCard(id, fitCard(card)),
  };
}

/** Answers privately, as a message to the person (menu clicks and welcome-card buttons have no message to reply to). */
export function sendPrivately(feishu: Feishu, openId: string, requestId: string): Replier {
  const next = keys(requestId);
  return {
    card: (card: Card) => feishu.sendCard({ type: 'open_id', id: openId }, fitCard(card), next()),
    update: (id: string, card: Card) => feishu.patchCard(id, fitCard(card)),
  };
}
