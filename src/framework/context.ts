import type { Card } from '../cards-kit/kit.js';
import type { Config } from '../config.js';
import type { Locale, Text } from '../cards-kit/i18n.js';
import type { Logger } from '../observe/log.js';
import type { Metrics } from '../observe/metrics.js';
import type { Store } from '../store/store.js';
import type { Chengxun } from '../features/cx/client.js';
import type { Feishu } from '../upstream/feishu.js';
import type { Jingsocial } from '../features/jing/client.js';
import type { Clock } from '../upstream/rateLimiter.js';
import type { ButtonSigner } from './buttons.js';

/** Long-lived dependencies every command and action may use. Later features add their clients here. */
export interface Services {
  config: Config;
  log: Logger;
  metrics: Metrics;
  store: Store;
  feishu: Feishu;
  clock: Clock;
  random: () => number;
  buttons: ButtonSigner;
  /** Third-party clients exist only when their platform is configured. */
  jingsocial?: Jingsocial;
  chengxun?: Chengxun;
}

export interface Actor {
  openId: string;
  isAdmin: boolean;
}

/** Where answers go: a reply to the command's message, or a private message (menu clicks). */
export interface Replier {
  /** Sends a card as the answer; returns the new message's id, for later in-place updates. */
  card(card: Card): Promise<string>;
  /** Replaces a card the bot sent earlier (progress, final results). */
  update(messageId: string, card: Card): Promise<void>;
}

export interface CommandContext {
  services: Services;
  actor: Actor;
  /** The chat the command came from; absent for bot-menu clicks, which have none. */
  chatId?: string;
  chatType: 'p2p' | 'group' | 'menu';
  /** Display names of the people @mentioned in the command, by open_id. */
  mentionNames: Record<string, string>;
  locale: Locale;
  reply: Replier;
  /** An id unique to this command delivery (for logs and idempotency keys). */
  requestId: string;
}

export type ToastType = 'info' | 'success' | 'error' | 'warning';

export interface ActionResult {
  toast?: { type: ToastType; text: Text };
  card?: Card;
}

export interface ActionContext {
  services: Services;
  actor: Actor;
  chatId?: string;
  /** The message holding the clicked card. */
  messageId?: string;
  /** The short reference the button carried (a job id, a list id…). */
  ref: string;
  /** Small extra data the button carried (signed along with the ref). */
  extra: Record<string, string | number>;
  /** Replaces the clicked card later, after the callback has been answered. */
  update(card: Card): Promise<void>;
  /** Sends a new card to the chat of the clicked card. */
  send(card: Card): Promise<string>;
  requestId: string;
}
