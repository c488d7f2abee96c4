import type { CommandRegistry } from './registry.js';
import type { Services } from './context.js';

/** A platform event other than a message or a card click (the bot added to a chat, a menu click…). */
export interface EventContext {
  services: Services;
  eventId: string;
  event: Record<string, unknown>;
  commands: CommandRegistry;
  /** Runs `work` after the event has been answered, in order with the other work of `key` (a chat or a person). */
  later(key: string, work: () => Promise<void>): void;
  /** Runs a command line for a person, answered privately (menu clicks have no message to reply to). */
  runCommand(line: string, openId: string, chatId?: string): void;
}

/** `ok: false` when the event lacks what the handler needs: the transport answers it as a bad request. */
export type EventOutcome = { ok: true } | { ok: false; reason: string };

export type EventHandler = (ctx: EventContext) => EventOutcome | Promise<EventOutcome>;

export const handled: EventOutcome = { ok: true };
export const malformed = (reason: string): EventOutcome => ({ ok: false, reason });
