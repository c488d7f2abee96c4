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
import { DEDUPE_TTL_MS } from '../store/store.js';
import { answerOnce, invalid, TAKEN, unavailable, type Answer, type Delivery, type DeliverySink } from './answer.js';
import { handleCardAction } from './cardActions.js';
import { KeyedQueue } from './chatQueue.js';
import { Completion } from './completion.js';
import { guarded, InboxJournal, StoreUnavailable } from './journal.js';
import { eventAgeMs } from './eventFields.js';
import { plainText, readCommandLine, readUserMessage, type UserMessage } from './messageText.js';
import { duplicateAnswer, notRunnableAnswer } from './notRun.js';
import { Recovery } from './recovery.js';

const MESSAGE_EVENT = 'im.message.receive_v1';
const CARD_ACTION = 'card.action.trigger';

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
 * The inbox: dedupes deliveries, records each one in the store before answering it (journal.ts), and
 * runs the work on a per-chat queue; the record goes when the work is done, and a start replays what a
 * crash left unfinished. Card callbacks are answered with a toast and/or a new card inside the callback
 * budget. It knows no transport and no feature: messages go to the command registry, clicks to the
 * actions, other events to their handlers.
 */
export class Inbox implements DeliverySink {
  readonly queue: KeyedQueue;
  readonly journal: InboxJournal;
  private botOpenId?: Promise<string | undefined>;
  private readonly recovery: Recovery;

  constructor(
    private readonly services: Services,
    private readonly registries: Registries,
  ) {
    this.queue = new KeyedQueue((err, key) => services.log.error({ err, chatId: key }, 'queued task failed'));
    this.journal = new InboxJournal({ store: services.store, log: services.log, now: () => services.clock.now(), random: services.random });
    this.recovery = new Recovery(this.journal, (envelope, key) => this.run(envelope, key), services.log, services.metrics);
  }

  /** Resolves when the queued work is done and written as done. */
  async idle(): Promise<void> {
    await this.queue.idle();
    await this.journal.settled();
  }

  /** Start-up: queues what a stopped process left unfinished (recovery.ts); resolves once it is queued. */
  recover(): Promise<number> {
    return this.recovery.recover();
  }

  /** After the queue has drained: nothing of this process is left unfinished, its lease goes. */
  async stop(): Promise<void> {
    this.recovery.stop();
    await this.journal.stop();
  }

  async receive(delivery: Delivery): Promise<void> {
    const once = answerOnce(delivery.answer);
    try {
      once.answer(await this.take(delivery.envelope));
    } finally {
      once.settle();
    }
  }

  private async take(envelope: Record<string, unknown>): Promise<Answer> {
    const header = (envelope.header ?? {}) as Header;
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
    const claimed: string[] = [];
    try {
      return await this.admit(envelope, eventId, type, log, claimed);
    } catch (err) {
      if (!(err instanceof StoreUnavailable)) throw err;
      // Answered 503 (or not acked): Feishu delivers it again, so the dedupe claims taken for it must go.
      await this.release(claimed, log);
      log.error({ err: err.cause }, 'store unavailable: the event is refused so that it is delivered again');
      this.services.metrics.event(type, 'unavailable');
      return unavailable('the bot cannot record the event now; deliver it again later');
    }
  }

  /**
   * Dedupes the event; one with work to run later is recorded in the same step (one commit, before the
   * answer: journal.record). Store failures throw StoreUnavailable. Then its work starts.
   */
  private async admit(envelope: Record<string, unknown>, eventId: string, type: string, log: Services['log'], claimed: string[]): Promise<Answer> {
    const event = (envelope.event ?? {}) as Record<string, unknown>;
    if (type === MESSAGE_EVENT) {
      const reading = readUserMessage(event);
      if (typeof reading === 'object') return this.record(envelope, type, log, [`event:${eventId}`, `message:${reading.msg.message_id}`]);
      return (await this.claimEvent(eventId, type, log, claimed)) ?? notRunnableAnswer(this.services.metrics, log, reading);
    }
    if (type === CARD_ACTION) {
      // Not recorded: a click's answer is the callback response itself, which no later process can give
      // (the request is gone). A click cut short shows the person an error and they click again; its
      // one-time operations are guarded by claims, so a replay could only ever answer "already done".
      return (await this.claimEvent(eventId, type, log, claimed)) ?? this.onCardAction(event, eventId);
    }
    if (this.registries.events.has(type)) return this.record(envelope, type, log, [`event:${eventId}`]);
    const duplicate = await this.claimEvent(eventId, type, log, claimed);
    if (duplicate) return duplicate;
    log.info('event type not handled');
    this.services.metrics.event(type, 'unhandled');
    return TAKEN;
  }

  /** An event with no record: its id is claimed alone. The duplicate's answer, or undefined once claimed. */
  private async claimEvent(eventId: string, type: string, log: Services['log'], claimed: string[]): Promise<Answer | undefined> {
    if (!(await guarded(() => this.services.store.claim('dedupe', `event:${eventId}`)))) return duplicateAnswer(this.services.metrics, log, `event:${eventId}`, type);
    claimed.push(`event:${eventId}`);
    return undefined;
  }

  private async record(envelope: Record<string, unknown>, type: string, log: Services['log'], dedupeKeys: string[]): Promise<Answer> {
    const recorded = await this.journal.record(envelope, dedupeKeys);
    if (recorded.duplicate !== undefined) return duplicateAnswer(this.services.metrics, log, recorded.duplicate, type);
    if (type === MESSAGE_EVENT) this.services.metrics.event(MESSAGE_EVENT, 'taken');
    return this.run(envelope, recorded.key);
  }

  private async release(claimed: string[], log: Services['log']): Promise<void> {
    for (const key of claimed) {
      await this.services.store.release('dedupe', key).catch((err: unknown) => {
        log.error({ err, key }, 'store unavailable: a dedupe claim could not be released; a re-delivery of this event will be ignored');
      });
    }
  }

  /**
   * Starts the work of a recorded event (taken in now, or replayed at start-up); its record goes when the
   * work is done. Everything it queues is queued before this returns, which keeps each chat's order.
   */
  private async run(envelope: Record<string, unknown>, key: string): Promise<Answer> {
    const header = (envelope.header ?? {}) as Header;
    const event = (envelope.event ?? {}) as Record<string, unknown>;
    const eventId = String(header.event_id);
    const type = String(header.event_type);
    const log = lazyChild(this.services.log, { eventId, eventType: type });
    // A hand-off is written at once: a replay would start the job a second time.
    const work = new Completion((handedOff) => void (handedOff ? this.journal.doneNow(key) : this.journal.done(key)));
    try {
      if (type === MESSAGE_EVENT) {
        // Only a person's message is recorded (admit), so only one is ever run.
        const reading = readUserMessage(event);
        if (typeof reading === 'object') this.onMessage(reading, log, work.begin());
        return TAKEN;
      }
      const handler = this.registries.events.get(type);
      if (!handler) return TAKEN;
      const outcome = await handler(this.eventContext(event, eventId, log, work));
      this.services.metrics.event(type, outcome.ok ? 'taken' : 'invalid');
      return outcome.ok ? TAKEN : invalid(outcome.reason);
    } finally {
      work.seal();
    }
  }

  private eventContext(event: Record<string, unknown>, eventId: string, log: Services['log'], work: Completion): EventContext {
    return {
      services: this.withLog(log),
      eventId,
      event,
      commands: this.registries.commands,
      later: (key, task) => this.push(key, () => this.logFailure(log, task), work.begin()),
      runCommand: (line, openId, chatId) => this.runForClicker(line, this.actor(openId), chatId, eventId, work.begin()),
    };
  }

  /** Queues `task`; `finished` is called when it has run, whether it succeeded or not. */
  private push(key: string, task: () => Promise<void>, finished: () => void = () => undefined): void {
    this.queue.push(key, async () => {
      try {
        await task();
      } finally {
        finished();
      }
    });
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
    this.services.metrics.event(CARD_ACTION, 'taken');
    return { kind: 'callback', body };
  }

  /**
   * Services whose logger carries the event id and chat id, so every line of a command's work has them;
   * with `handOff`, the work may end the delivery's record early (see Services.delivery).
   */
  private withLog(log: Services['log'], finished?: (handedOff?: boolean) => void): Services {
    return { ...this.services, log, ...(finished ? { delivery: { handOff: () => finished(true) } } : {}) };
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

  private onMessage({ msg, openId }: UserMessage, log: Services['log'], finished: (handedOff?: boolean) => void): void {
    if (msg.chat_type === 'p2p') this.services.feishu.rememberP2pChat(openId, msg.chat_id);
    const chatLog = lazyChild(log, { chatId: msg.chat_id });
    this.push(msg.chat_id, () => this.logFailure(chatLog, async () => {
      const isP2p = msg.chat_type === 'p2p';
      const text = plainText(msg.message_type, msg.content);
      const parsed = text === undefined ? undefined : readCommandLine(text, msg, await this.ownOpenId());
      if (!isP2p && !parsed?.mentionsBot) return;
      const ctx = commandContext(this.withLog(chatLog, finished), {
        actor: this.actor(openId), chatType: isP2p ? 'p2p' : 'group', chatId: msg.chat_id, replyTo: msg.message_id,
        requestId: msg.message_id, mentionNames: parsed?.mentionNames,
      });
      if (!parsed || !parsed.isCommand) {
        await ctx.show(hintCard());
        return;
      }
      chatLog.info({ command: parsed.line.split(' ')[0] }, 'command received');
      await dispatch(this.registries.commands, ctx, parsed.line);
    }), finished);
  }

  /** Runs a command line for a person who clicked (a menu item, a welcome-card button), answered privately. */
  private runForClicker(line: string, actor: Actor, chatId: string | undefined, eventId: string, finished?: (handedOff?: boolean) => void): void {
    this.push(`user:${actor.openId}`, async () => {
      const ctx = commandContext(this.withLog(this.services.log.child({ eventId, chatId }), finished), { actor, chatType: 'menu', requestId: eventId });
      await dispatch(this.registries.commands, ctx, line);
    }, finished);
  }
}
