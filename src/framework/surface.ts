import type { Card } from '../cards-kit/kit.js';
import { fitCard } from '../cards-kit/sizeGuard.js';
import type { Feishu } from '../upstream/feishu.js';

/**
 * One card message the bot shows and keeps updating (progress, then results). Every card the bot shows
 * goes through one of these, which is where it is fitted to the size limits.
 */
export interface CardSurface {
  /** Shows `card`: the first call sends the message (when there is none yet), later calls patch it. */
  show(card: Card): Promise<void>;
  /** Whether anything has been shown on it. */
  readonly written: boolean;
  /** The message showing the card, once there is one. */
  readonly messageId: string | undefined;
}

/** The one place a card is fitted to Feishu's limits before it leaves (also for callback answers). */
export const fitted = (card: Card): Card => fitCard(card);

/** Idempotency keys: one per message sent for a request, so a retried call lands once (uuid ≤ 50 chars). */
export function sendKeys(requestId: string): () => string {
  let n = 0;
  return () => `${requestId.slice(0, 40)}-${n++}`;
}

/**
 * A card message: `send` creates it on the first show (a reply, a private message, a new message in a
 * chat); an existing message (a clicked card) is only ever patched. Shows run one after another, in order.
 */
export class CardMessage implements CardSurface {
  private chain: Promise<void> = Promise.resolve();
  private shown = false;

  constructor(
    private readonly feishu: Feishu,
    private readonly send: ((card: Card) => Promise<string>) | undefined,
    private id?: string,
  ) {}

  get written(): boolean {
    return this.shown;
  }

  get messageId(): string | undefined {
    return this.id;
  }

  show(card: Card): Promise<void> {
    this.shown = true;
    const next = this.chain.then(() => this.write(fitted(card)));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async write(card: Card): Promise<void> {
    if (this.id) return this.feishu.patchCard(this.id, card);
    // A clicked card whose callback named no message: there is nothing to update.
    if (!this.send) return;
    this.id = await this.send(card);
  }
}

/** Where a new card goes: a chat, or a person's direct chat (menu clicks have no chat to answer in). */
export type Destination = { chatId: string } | { openId: string };

/** A new card message in a chat or sent privately; `next` numbers its idempotency key. */
export function newMessage(feishu: Feishu, to: Destination, next: () => string): CardMessage {
  const receiver = 'chatId' in to ? ({ type: 'chat_id', id: to.chatId } as const) : ({ type: 'open_id', id: to.openId } as const);
  return new CardMessage(feishu, (card) => feishu.sendCard(receiver, card, next()));
}

/** A reply to the command's message (paced under the chat's per-chat send limit). */
export function replyMessage(feishu: Feishu, to: { messageId: string; chatId?: string }, next: () => string): CardMessage {
  return new CardMessage(feishu, (card) => feishu.replyCard(to.messageId, card, next(), to.chatId));
}

/** The card that was clicked: every show patches it. */
export const clickedMessage = (feishu: Feishu, messageId: string | undefined): CardMessage => new CardMessage(feishu, undefined, messageId);
