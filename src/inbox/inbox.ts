import { hintCard } from '../cards-kit/common.js';
import { welcomeCardFor } from '../features/welcome/index.js';
import type { WebhookAnswer, WebhookSink } from '../transport/webhook.js';
import type { CommandRegistry } from '../framework/registry.js';
import { DAY, DEDUPE_TTL_MS } from '../store/store.js';
import type { ActionRegistry } from '../framework/action.js';
import { KeyedQueue } from './chatQueue.js';
import { handleCardAction } from './cardActions.js';
import type { Actor, Services } from '../framework/context.js';
import type { Binding } from '../framework/buttons.js';
import { commandContext } from '../framework/commandContext.js';
import { dispatch } from '../framework/dispatch.js';
import { isBug } from '../framework/errorCards.js';
import { eventAgeMs, stringOr } from './eventFields.js';
import { menuCommand } from '../features/welcome/menu.js';
import { plainText, readCommandLine, readMessage } from './messageText.js';
import { actorOf } from '../framework/preconditions.js';
import { newMessage } from '../framework/surface.js';

interface Header {
  event_id?: string;
  event_type?: string;
}

/**
 * The inbox: dedupes deliveries, answers at once, and runs the work on a per-chat queue. Card callbacks
 * are answered with a toast and/or a new card inside the callback budget.
 */
export class Bot implements WebhookSink {
  readonly queue: KeyedQueue;
  private botOpenId?: Promise<string | undefined>;

  constructor(
    private readonly services: Services,
    private readonly commands: CommandRegistry,
    private readonly actions: ActionRegistry,
  ) {
    this.queue = new KeyedQueue((err, key) => services.log.error({ err, chatId: key }, 'queued task failed'));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  async accept(envelope: Record<string, unknown>): Promise<WebhookAnswer> {
    const header = (envelope.header ?? {}) as Header;
    const event = (envelope.event ?? {}) as Record<string, unknown>;
    const eventId = header.event_id;
    const type = header.event_type;
    const log = this.services.log.child({ eventId, eventType: type });
    if (envelope.schema !== '2.0' || typeof eventId !== 'string' || typeof type !== 'string') {
      log.warn('ignored: not a v2.0 event');
      return { status: 400, body: { error: 'only schema 2.0 events are accepted' } };
    }
    // Past the dedupe window a replayed delivery would run again; Feishu's own re-deliveries end well
    // before it (≈7.1 h). Matters most without an Encrypt Key, where nothing else dates a request.
    const age = eventAgeMs((envelope.header as { create_time?: unknown } | undefined)?.create_time, this.services.clock.now());
    if (age !== undefined && age > DEDUPE_TTL_MS) {
      log.warn({ ageMs: age }, 'ignored: event older than the dedupe window (replayed?)');
      return { status: 200, body: {} };
    }
    if (!(await this.services.store.claim(`event:${eventId}`, DEDUPE_TTL_MS))) {
      log.info('duplicate delivery ignored');
      return { status: 200, body: {} };
    }
    switch (type) {
      case 'im.message.receive_v1':
        return this.onMessage(event, eventId, log);
      case 'card.action.trigger':
        return {
          status: 200,
          body: await handleCardAction(
            { services: this.services, actions: this.actions, later: (key, task) => this.queue.push(key, task), execute: (...a) => this.runForClicker(...a) },
            event,
            eventId,
          ),
        };
      case 'im.chat.member.bot.added_v1':
        return this.onBotAdded(event, eventId);
      case 'im.chat.access_event.bot_p2p_chat_entered_v1':
        return this.onP2pEntered(event, eventId);
      case 'application.bot.menu_v6':
        return this.onMenu(event, eventId);
      default:
        log.info('event type not handled');
        return { status: 200, body: {} };
    }
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

  private async onMessage(event: Record<string, unknown>, _eventId: string, log: Services['log']): Promise<WebhookAnswer> {
    const sender = event.sender as { sender_type?: unknown; sender_id?: { open_id?: unknown } } | undefined;
    const msg = readMessage(event.message);
    const openId = stringOr(sender?.sender_id?.open_id);
    if (!msg || !openId) {
      log.warn('message event without message, chat or sender');
      return { status: 400, body: { error: 'message event is missing message_id, chat_id or sender' } };
    }
    if (sender?.sender_type !== 'user') return { status: 200, body: {} };
    if (!(await this.services.store.claim(`message:${msg.message_id}`, DEDUPE_TTL_MS))) {
      log.info('duplicate message ignored');
      return { status: 200, body: {} };
    }
    if (msg.chat_type === 'p2p') this.services.feishu.rememberP2pChat(openId, msg.chat_id);
    const chatLog = log.child({ chatId: msg.chat_id });
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
      await dispatch(this.commands, ctx, parsed.line);
    }));
    return { status: 200, body: {} };
  }

  /** Sends the welcome card, its buttons bound to where it goes. */
  private async sendWelcome(binding: Binding, to: { chatId: string } | { openId: string }, eventId: string): Promise<void> {
    await newMessage(this.services.feishu, to, () => `welcome-${eventId}`.slice(0, 50)).show(welcomeCardFor(this.services.buttons.scope(binding)));
  }

  private onBotAdded(event: Record<string, unknown>, eventId: string): WebhookAnswer {
    const chatId = event.chat_id;
    if (typeof chatId !== 'string') return { status: 400, body: { error: 'chat_id missing' } };
    this.queue.push(chatId, async () => {
      await this.sendWelcome({ chat: chatId }, { chatId }, eventId);
    });
    return { status: 200, body: {} };
  }

  private async onP2pEntered(event: Record<string, unknown>, eventId: string): Promise<WebhookAnswer> {
    const openId = stringOr((event.operator_id as { open_id?: unknown } | undefined)?.open_id);
    if (!openId) return { status: 400, body: { error: 'operator_id missing' } };
    // One welcome a day per person: opening the chat again and again should not spam them.
    if (!(await this.services.store.claim(`welcome:p2p:${openId}`, DAY))) return { status: 200, body: {} };
    // The event names the direct chat: the card's buttons are bound to it (to the person when it does not).
    const chatId = stringOr(event.chat_id);
    if (chatId) this.services.feishu.rememberP2pChat(openId, chatId);
    this.queue.push(`user:${openId}`, async () => {
      await this.sendWelcome(chatId ? { chat: chatId } : { user: openId }, { openId }, eventId);
    });
    return { status: 200, body: {} };
  }

  private onMenu(event: Record<string, unknown>, eventId: string): WebhookAnswer {
    const operator = event.operator as { operator_id?: { open_id?: unknown } } | undefined;
    const openId = stringOr(operator?.operator_id?.open_id);
    const key = event.event_key;
    if (!openId || typeof key !== 'string') return { status: 400, body: { error: 'operator or event_key missing' } };
    this.runForClicker(menuCommand(key) ?? 'help', this.actor(openId), undefined, eventId);
    return { status: 200, body: {} };
  }

  /** Runs a command line for a person who clicked (a menu item, a welcome-card button), answered privately. */
  private runForClicker(line: string, actor: Actor, chatId: string | undefined, eventId: string): void {
    this.queue.push(`user:${actor.openId}`, async () => {
      const ctx = commandContext(this.withLog(this.services.log.child({ eventId, chatId })), { actor, chatType: 'menu', requestId: eventId });
      await dispatch(this.commands, ctx, line);
    });
  }
}
