import { hintCard } from '../cards-kit/common.js';
import type { ActionRegistry } from '../framework/action.js';
import { commandContext } from '../framework/commandContext.js';
import type { Actor, Services } from '../framework/context.js';
import { dispatch } from '../framework/dispatch.js';
import { isBug } from '../framework/errorCards.js';
import type { EventContext, EventHandler } from '../framework/event.js';
import { actorOf } from '../framework/preconditions.js';
import type { CommandRegistry } from '../framework/registry.js';
import { lazyChild } from '../observe/lazyLogger.js';
import { DEDUPE_TTL_MS, StoreUnavailableError } from '../store/store.js';
import { answerOnce, invalid, TAKEN, UNAVAILABLE, type Answer, type Delivery, type DeliverySink } from './answer.js';
import { handleCardAction } from './cardActions.js';
import { KeyedQueue } from './chatQueue.js';
import { eventAgeMs, stringOr } from './eventFields.js';
import { plainText, readCommandLine, readMessage } from './messageText.js';

const MESSAGE_EVENT = 'im.message.receive_v1';

const eventTypeOf = (envelope: Record<string, unknown>): string => {
  const type = (envelope.header as Header | undefined)?.event_type;
  return typeof type === 'string' ? type : 'none';
};

interface Header {
  event_id?: string;
  event_type?: string;
  create_time?: unknown;
}

export interface Registries {
  commands: CommandRegistry;
  actions: ActionRegistry;
  events: Map<string, EventHandler>;
}

/**
 * The inbox: dedupes deliveries, answers at once, and runs the work on a per-chat queue. Card callbacks
 * are answered with a toast and/or a new card inside the callback budget. It knows no transport and no
 * feature: messages go to the command registry, clicks to the actions, other events to their handlers.
 */
export class Inbox implements DeliverySink {
  readonly queue: KeyedQueue;
  private botOpenId?: Promise<string | undefined>;

  constructor(
    private readonly services: Services,
    private readonly registries: Registries,
  ) {
    this.queue = new KeyedQueue((err, key) => services.log.error({ err, chatId: key }, 'queued task failed'));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  async receive(delivery: Delivery): Promise<void> {
    const once = answerOnce(delivery.answer);
    try {
      once.answer(await this.take(delivery.envelope));
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      // Nothing was recorded: the sender delivers it again once the store is back.
      this.services.log.error({ err: err.message }, 'the store is unreachable: delivery refused, to be delivered again');
      this.services.metrics.event(eventTypeOf(delivery.envelope), 'store_unavailable');
      once.answer(UNAVAILABLE);
    } finally {
      once.settle();
    }
  }

  private async take(envelope: Record<string, unknown>): Promise<Answer> {
    const header = (envelope.header ?? {}) as Header;
    const event = (envelope.event ?? {}) as Record<string, unknown>;
    const eventId = header.event_id;
    const type = header.event_type;
    const log = lazyChild(this.services.log, { eventId, eventType: type });
    if (envelope.schema !== '2.0' || typeof eventId !== 'string' || typeof type !== 'string') {
      log.warn('ignored: not a v2.0 event');
      this.services.metrics.event(typeof type === 'string' ? type : 'none', 'invalid');
      return invalid('only schema 2.0 events are accepted');
    }
    // Past the dedupe window a replayed delivery would run again; Feishu's own re-deliveries end well
    // before it (≈7.1 h). Matters most without an Encrypt Key, where nothing else dates a request.
    const age = eventAgeMs(header.create_time, this.services.clock.now());
    if (age !== undefined && age > DEDUPE_TTL_MS) {
      log.warn({ ageMs: age }, 'ignored: event older than the dedupe window (replayed?)');
      this.services.metrics.event(type, 'too_old');
      return TAKEN;
    }
    if (!(await this.services.store.claim('dedupe', `event:${eventId}`))) {
      log.info('duplicate delivery ignored');
      this.services.metrics.duplicate('event', type);
      return TAKEN;
    }
    try {
      return await this.takeClaimed(type, event, eventId, log);
    } catch (err) {
      // The store went away after the event's claim: give it back (if it answers), or the re-delivery is a "duplicate".
      if (err instanceof StoreUnavailableError) await this.services.store.release('dedupe', `event:${eventId}`).catch(() => undefined);
      throw err;
    }
  }

  private async takeClaimed(type: string, event: Record<string, unknown>, eventId: string, log: Services['log']): Promise<Answer> {
    if (type === MESSAGE_EVENT) return this.onMessage(event, log);
    if (type === 'card.action.trigger') return this.onCardAction(event, eventId);
    const handler = this.registries.events.get(type);
    if (!handler) {
      log.info('event type not handled');
      this.services.metrics.event(type, 'unhandled');
      return TAKEN;
    }
    const outcome = await handler(this.eventContext(event, eventId, log));
    this.services.metrics.event(type, outcome.ok ? 'taken' : 'invalid');
    return outcome.ok ? TAKEN : invalid(outcome.reason);
  }

  private eventContext(event: Record<string, unknown>, eventId: string, log: Services['log']): EventContext {
    return {
      services: this.withLog(log),
      eventId,
      event,
      commands: this.registries.commands,
      later: (key, work) => this.queue.push(key, () => this.logFailure(log, work)),
      runCommand: (line, openId, chatId) => this.runForClicker(line, this.actor(openId), chatId, eventId),
    };
  }

  private async onCardAction(event: Record<string, unknown>, eventId: string): Promise<Answer> {
    const body = await handleCardAction(
      {
        services: this.services,
        actions: this.registries.actions,
        later: (key, task) => this.queue.push(key, task),
        execute: (...a) => this.runForClicker(...a),
      },
      event,
      eventId,
    );
    this.services.metrics.event('card.action.trigger', 'taken');
    return { kind: 'callback', body };
  }

  /** Services whose logger carries the event id and chat id, so every line of a command's work has them. */
  private withLog(log: Services['log']): Services {
    return { ...this.services, log };
  }

  /** A queued task's failure (e.g. a reply that failed after every retry) is logged with the event's context. */
  private async logFailure(log: Services['log'], task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (err) {
      log.error({ err: isBug(err) ? err : String(err) }, 'event handling failed');
    }
  }

  private actor(openId: string): Actor {
    return actorOf(this.services, openId);
  }

  private ownOpenId(): Promise<string | undefined> {
    this.botOpenId ??= this.services.feishu.botOpenId().catch((err: unknown) => {
      this.services.log.error({ err: String(err) }, 'cannot read the bot open_id; group mentions will be missed');
      this.botOpenId = undefined;
      return undefined;
    });
    return this.botOpenId;
  }

  private async onMessage(event: Record<string, unknown>, log: Services['log']): Promise<Answer> {
    const sender = event.sender as { sender_type?: unknown; sender_id?: { open_id?: unknown } } | undefined;
    const msg = readMessage(event.message);
    const openId = stringOr(sender?.sender_id?.open_id);
    if (!msg || !openId) {
      log.warn('message event without message, chat or sender');
      this.services.metrics.event(MESSAGE_EVENT, 'invalid');
      return invalid('message event is missing message_id, chat_id or sender');
    }
    if (sender?.sender_type !== 'user') {
      this.services.metrics.event(MESSAGE_EVENT, 'ignored');
      return TAKEN;
    }
    if (!(await this.services.store.claim('dedupe', `message:${msg.message_id}`))) {
      log.info('duplicate message ignored');
      this.services.metrics.duplicate('message', MESSAGE_EVENT);
      return TAKEN;
    }
    this.services.metrics.event(MESSAGE_EVENT, 'taken');
    if (msg.chat_type === 'p2p') this.services.feishu.rememberP2pChat(openId, msg.chat_id);
    const chatLog = lazyChild(log, { chatId: msg.chat_id });
    this.queue.push(msg.chat_id, () => this.logFailure(chatLog, async () => {
      const isP2p = msg.chat_type === 'p2p';
      const text = plainText(msg.message_type, msg.content);
      const parsed = text === undefined ? undefined : readCommandLine(text, msg, await this.ownOpenId());
      if (!isP2p && !parsed?.mentionsBot) return;
      const ctx = commandContext(this.withLog(chatLog), {
        actor: this.actor(openId), chatType: isP2p ? 'p2p' : 'group', chatId: msg.chat_id, replyTo: msg.message_id,
        requestId: msg.message_id, mentionNames: parsed?.mentionNames,
      });
      if (!parsed || !parsed.isCommand) {
        await ctx.show(hintCard());
        return;
      }
      chatLog.info({ command: parsed.line.split(' ')[0] }, 'command received');
      await dispatch(this.registries.commands, ctx, parsed.line);
    }));
    return TAKEN;
  }

  /** Runs a command line for a person who clicked (a menu item, a welcome-card button), answered privately. */
  private runForClicker(line: string, actor: Actor, chatId: string | undefined, eventId: string): void {
    this.queue.push(`user:${actor.openId}`, async () => {
      const ctx = commandContext(this.withLog(this.services.log.child({ eventId, chatId })), { actor, chatType: 'menu', requestId: eventId });
      await dispatch(this.registries.commands, ctx, line);
    });
  }
}
