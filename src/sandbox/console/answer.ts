import { cardProblem } from '../feishu/im/cardRules.js';
import type { SandboxState, StoredMessage } from '../state.js';

/** The platform's name for a card answered to a callback, in the refusal the console shows. */
export const CALLBACK_ANSWER_API = 'card.action.trigger (answer)';

/**
 * A callback answered with `{card: {type: "raw", data}}` replaces the card for everyone (cards.md §5), as
 * the Feishu client does; a card the rules refuse is recorded as refused, the old one stays.
 */
export function applyAnsweredCard(state: SandboxState, msg: StoredMessage, answer: unknown): 'applied' | 'refused' | undefined {
  const card = (answer as { card?: { type?: unknown; data?: unknown } } | undefined)?.card;
  if (!card || card.type !== 'raw' || card.data === undefined) return undefined;
  const content = JSON.stringify(card.data);
  const problem = cardProblem(content);
  if (problem) {
    state.refuseCard({ api: CALLBACK_ANSWER_API, chat_id: msg.chat_id, message_id: msg.message_id, code: problem.code, msg: problem.msg });
    return 'refused';
  }
  msg.content = content;
  return 'applied';
}
