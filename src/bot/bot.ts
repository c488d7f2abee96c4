import { hintCard, infoCard, welcomeCard, workingCard } from '../../cards/common.js';
import type { Card } from '../../cards/kit.js';
import { fitCard } from '../../cards/sizeGuard.js';
import { t, type Text } from '../i18n.js';
import type { WebhookAnswer, WebhookSink } from '../transport/webhook.js';
import type { CommandRegistry } from '../commands/registry.js';
import { DAY, DEDUPE_TTL_MS } from '../store/store.js';
import type { ActionRegistry } from './actions.js';
import { KeyedQueue } from './chatQueue.js';
import type { ActionContext, ActionResult, Actor, CommandContext, Replier, Services } from './context.js';
import { dispatch } from './dispatch.js';
import { cardForError, isBug } from './errorCards.js';
import { plainText, readCommandLine, readMessage } from './messageText.js';
import { canRun, isAdmin } from './permissions.js';


/** The callback must be answered within 3 s; we keep a margin for the network. */
export const CALLBACK_BUDGET_MS = 2500;

const toast = (type: 'info' | 'success' | 'error' | 'warning', text: Text) => ({ type, content: text.en_us, i18n: text });

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
  private seq = 0;

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
        return { status: 200, body: await this.onCardAction(event, eventId) };
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
    return { openId, isAdmin: isAdmin(this.services.config.BOT_ADMINS, openId) };
  }

  private ownOpenId(): Promise<string | undefined> {
    this.botOpenId ??= this.services.feishu.botOpenId().catch((err: unknown) => {
      this.services.log.error({ err: String(err) }, 'cannot read the bot open_id; group mentions will be missed');
      this.botOpenId = undefined;
      return undefined;
    });
    return this.botOpenId;
  }

  /** Replies to `messageId`; each reply gets its own idempotency key so a retried call lands once. */
  private replier(messageId: string, requestId: string, chatId?: string): Replier {
    let n = 0;
    return {
      card: (card: Card) => this.services.feishu.replyCard(messageId, fitCard(card), `${requestId.slice(0, 40)}-${n++}`, chatId),
      update: (id: string, card: Card) => this.services.feishu.patchCard(id, fitCard(card)),
    };
  }

  private privateReplier(openId: string, requestId: string): Replier {
    let n = 0;
    return {
      card: (card: Card) => this.services.feishu.sendCard({ type: 'open_id', id: openId }, fitCard(card), `${requestId.slice(0, 40)}-${n++}`),
      update: (id: string, card: Card) => this.services.feishu.patchCard(id, fitCard(card)),
    };
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
      const reply = this.replier(msg.message_id, msg.message_id, msg.chat_id);
      const text = plainText(msg.message_type, msg.content);
      const isP2p = msg.chat_type === 'p2p';
      const parsed = text === undefined ? undefined : readCommandLine(text, msg, await this.ownOpenId());
      if (!isP2p && !parsed?.mentionsBot) return;
      if (!parsed || !parsed.isCommand) {
        await reply.card(hintCard());
        return;
      }
      const ctx: CommandContext = {
        services: this.withLog(chatLog),
        actor: this.actor(openId),
        chatId: msg.chat_id,
        chatType: isP2p ? 'p2p' : 'group',
        mentionNames: parsed.mentionNames,
        locale: 'zh_cn',
        reply,
        requestId: msg.message_id,
      };
      chatLog.info({ command: parsed.line.split(' ')[0] }, 'command received');
      await dispatch(this.commands, ctx, parsed.line);
    }));
    return { status: 200, body: {} };
  }

  private welcome(): Card {
    const b = this.services.buttons;
    return welcomeCard({ help: { ...b.value('bot.run', 'help') }, okr: { ...b.value('bot.run', 'okr') } });
  }

  private onBotAdded(event: Record<string, unknown>, eventId: string): WebhookAnswer {
    const chatId = event.chat_id;
    if (typeof chatId !== 'string') return { status: 400, body: { error: 'chat_id missing' } };
    this.queue.push(chatId, async () => {
      await this.services.feishu.sendCard({ type: 'chat_id', id: chatId }, this.welcome(), `welcome-${eventId}`.slice(0, 50));
    });
    return { status: 200, body: {} };
  }

  private async onP2pEntered(event: Record<string, unknown>, eventId: string): Promise<WebhookAnswer> {
    const openId = stringOr((event.operator_id as { open_id?: unknown } | undefined)?.open_id);
    if (!openId) return { status: 400, body: { error: 'operator_id missing' } };
    // One welcome a day per person: opening the chat again and again should not spam them.
    if (!(await this.services.store.claim(`welcome:p2p:${openId}`, DAY))) return { status: 200, body: {} };
    this.queue.push(`user:${openId}`, async () => {
      await this.services.feishu.sendCard({ type: 'open_id', id: openId }, this.welcome(), `welcome-${eventId}`.slice(0, 50));
    });
    return { status: 200, body: {} };
  }

  private onMenu(event: Record<string, unknown>, eventId: string): WebhookAnswer {
    const operator = event.operator as { operator_id?: { open_id?: unknown } } | undefined;
    const openId = stringOr(operator?.operator_id?.open_id);
    const key = event.event_key;
    if (!openId || typeof key !== 'string') return { status: 400, body: { error: 'operator or event_key missing' } };
    this.queue.push(`user:${openId}`, async () => {
      const reply = this.privateReplier(openId, eventId);
      const line = menuCommand(key);
      const ctx: CommandContext = {
        services: this.withLog(this.services.log.child({ eventId, openId })), actor: this.actor(openId), chatType: 'menu', mentionNames: {}, locale: 'zh_cn', reply, requestId: eventId,
      };
      await dispatch(this.commands, ctx, line ?? 'help');
    });
    return { status: 200, body: {} };
  }

  private async onCardAction(event: Record<string, unknown>, eventId: string): Promise<object> {
    const operator = event.operator as { open_id?: unknown } | undefined;
    const action = event.action as { value?: unknown } | undefined;
    const context = (event.context ?? {}) as { open_message_id?: unknown; open_chat_id?: unknown };
    // Older payloads carry the ids at the top level (normalizeCardAction in the SDK does the same).
    const messageId = stringOr(context.open_message_id) ?? stringOr(event.open_message_id);
    const chatId = stringOr(context.open_chat_id) ?? stringOr(event.open_chat_id);
    const clicker = stringOr(operator?.open_id);
    const log = this.services.log.child({ eventId, chatId });
    if (!clicker) return { toast: toast('error', t('无法识别点击者', 'Cannot tell who clicked')) };
    const verified = this.services.buttons.verify(action?.value);
    if (!verified.ok) {
      log.warn({ reason: verified.reason }, 'card action refused');
      const text = verified.reason === 'expired'
        ? t('这个按钮已过期，请重新执行命令', 'This button has expired; run the command again')
        : t('按钮数据无效，操作已拒绝', 'This button is not valid; nothing was done');
      return { toast: toast('error', text) };
    }
    const actor = this.actor(clicker);
    const def = verified.action === 'bot.run' ? undefined : this.actions.get(verified.action);
    if (verified.action === 'bot.run') return this.runFromButton(verified.ref, actor, chatId, messageId, eventId);
    if (!def) return { toast: toast('error', t('这个按钮已不再支持', 'This button is no longer supported')) };
    const verdict = canRun(def.role, actor);
    if (!verdict.ok) return { toast: toast('error', verdict.reason) };

    const ctx: ActionContext = {
      services: this.services,
      actor,
      chatId,
      messageId,
      ref: verified.ref,
      extra: verified.extra,
      requestId: eventId,
      update: async (card) => {
        if (messageId) await this.services.feishu.patchCard(messageId, fitCard(card));
      },
      send: async (card) => {
        if (!chatId) throw new Error('the clicked card has no chat');
        return this.services.feishu.sendCard({ type: 'chat_id', id: chatId }, fitCard(card), `${eventId}-${this.seq++}`.slice(0, 50));
      },
    };
    const work = Promise.resolve().then(() => def.run(ctx)).then(
      (r) => ({ done: true as const, result: r }),
      (err: unknown) => {
        if (isBug(err)) log.error({ err, action: def.name }, 'card action failed');
        const result: ActionResult = { toast: { type: 'error', text: t('操作失败', 'The action failed') }, card: cardForError(err, eventId) };
        return { done: true as const, result };
      },
    );
    const timer = new Promise<{ done: false }>((resolve) => {
      const h = setTimeout(() => resolve({ done: false }), CALLBACK_BUDGET_MS);
      void work.finally(() => clearTimeout(h));
    });
    const first = await Promise.race([work, timer]);
    if (first.done) return renderResult(first.result);
    // Too slow for the callback: answer with a "working" card now, and patch the message with the result
    // when it arrives. Queued (per message) so that idle() and shutdown wait for it and patches keep order.
    this.queue.push(`card:${messageId ?? eventId}`, async () => {
      const { result } = await work;
      if (!messageId) return;
      const final = result.card ?? (result.toast ? infoCard(t('已完成', 'Done'), [result.toast.text]) : undefined);
      if (!final) return;
      await this.services.feishu.patchCard(messageId, fitCard(final)).catch((err: unknown) => log.error({ err: String(err) }, 'late card update failed'));
    });
    const working = t('正在处理，完成后会更新卡片', 'Working on it; the card will update when done');
    return { toast: toast('info', working), ...(messageId ? { card: { type: 'raw', data: fitCard(workingCard(working)) } } : {}) };
  }

  /** Welcome-card quick-start buttons run a command for whoever clicked, answered privately. */
  private runFromButton(line: string, actor: Actor, chatId: string | undefined, _messageId: string | undefined, eventId: string): object {
    this.queue.push(`user:${actor.openId}`, async () => {
      const ctx: CommandContext = {
        services: this.withLog(this.services.log.child({ eventId, chatId })), actor, chatId, chatType: 'menu', mentionNames: {}, locale: 'zh_cn',
        reply: this.privateReplier(actor.openId, eventId), requestId: eventId,
      };
      await dispatch(this.commands, ctx, line);
    });
    return { toast: toast('info', t('已私信发送给你', 'Sent to you privately')) };
  }
}

/**
 * How old an event is by its header.create_time, whose unit differs between doc pages (ms for messages,
 * µs for card callbacks): judged by its number of digits. Undefined when it cannot be read.
 */
export function eventAgeMs(createTime: unknown, nowMs: number): number | undefined {
  const raw = typeof createTime === 'number' ? String(Math.trunc(createTime)) : createTime;
  if (typeof raw !== 'string' || !/^\d{9,17}$/.test(raw)) return undefined;
  const n = Number(raw);
  const ms = raw.length >= 15 ? n / 1000 : raw.length >= 12 ? n : n * 1000;
  return nowMs - ms;
}

/** A non-empty string field of an event, or undefined for anything else (numbers, objects, ""). */
function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function renderResult(r: ActionResult): object {
  return {
    ...(r.toast ? { toast: toast(r.toast.type, r.toast.text) } : {}),
    ...(r.card ? { card: { type: 'raw', data: fitCard(r.card) } } : {}),
  };
}

/**
 * Bot menu keys (configured in the developer console) to commands. A key that is itself a command line
 * prefixed with `cmd:` runs that line, so new menu items need no code.
 */
export function menuCommand(key: string): string | undefined {
  const known: Record<string, string> = { help: 'help', menu_help: 'help', okr: 'okr', menu_okr_summary: 'okr', status_list: 'status list' };
  if (key.startsWith('cmd:')) return key.slice(4).trim() || undefined;
  return known[key];
}
