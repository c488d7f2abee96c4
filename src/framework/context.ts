import type { Card } from '../cards-kit/kit.js';
import type { Locale, Text } from '../cards-kit/i18n.js';
import type { ButtonScope, Extra } from './buttons.js';
import type { Services } from './services.js';
import type { CardSurface } from './surface.js';

export type { Services } from './services.js';

export interface Actor {
  openId: string;
  isAdmin: boolean;
}

/** What a command and a button click share: who, where, and the one card surface of the answer. */
export interface BaseContext {
  services: Services;
  actor: Actor;
  /** The chat of the answer (the command's chat, the clicked card's chat); absent when not known (menu clicks). */
  chatId?: string;
  locale: Locale;
  /** An id unique to this delivery (for logs and idempotency keys). */
  requestId: string;
  /** Signs the buttons of this answer's cards, bound to where they are shown. */
  buttons: ButtonScope;
  /**
   * The answer's card. A command's first card is the reply and later ones patch that message; a click's
   * card is the clicked one, patched at once (the result it returns goes into the callback answer instead).
   */
  surface: CardSurface;
  /** Shorthand for `surface.show`. */
  show(card: Card): Promise<void>;
  /** Sends a NEW card to the answer's chat (or privately when there is none); returns its own surface. */
  post(card: Card): Promise<CardSurface>;
}

export interface CommandContext extends BaseContext {
  chatType: 'p2p' | 'group' | 'menu';
  /** Display names of the people @mentioned in the command, by open_id. */
  mentionNames: Record<string, string>;
}

export type ToastType = 'info' | 'success' | 'error' | 'warning';

/** The answer to a click: a toast, and the card the clicked one becomes. */
export interface ActionResult {
  toast?: { type: ToastType; text: Text };
  card?: Card;
  /** This answer is interim (queued): the click runner runs `later` after answering and shows its result on the card. */
  later?: () => Promise<ActionResult>;
}

export interface ActionContext<X = Extra> extends BaseContext {
  /** The message holding the clicked card. */
  messageId?: string;
  /** The short reference the button carried (a job id, a list id…). */
  ref: string;
  /** The extra data the button carried, signed with it and checked against the action's schema. */
  extra: X;
  /** Runs a command line for the clicker, answered privately (the welcome card's quick-start buttons). */
  execute(line: string): void;
}
