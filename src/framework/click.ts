import { infoCard, workingCard } from '../cards-kit/common.js';
import { t, type Text } from '../cards-kit/i18n.js';
import type { ActionRegistry } from './action.js';
import { clickedWhereSent } from './buttons.js';
import type { ActionContext, ActionResult, Actor, Services, ToastType } from './context.js';
import { cardForError, isBug } from './errorCards.js';
import { actorOf } from './preconditions.js';
import { clickedMessage, fitted, newMessage, sendKeys } from './surface.js';

/** The callback must be answered within 3 s; we keep a margin for the network. */
export const CALLBACK_BUDGET_MS = 2500;

/** What a `card.action.trigger` callback told us. */
export interface Click {
  clicker: string;
  /** The chat and message of the clicked card (context.open_chat_id / open_message_id). */
  chatId?: string;
  messageId?: string;
  /** The button's value, as it came back: not trusted until verified. */
  value: unknown;
  requestId: string;
}

export interface ClickDeps {
  services: Services;
  actions: ActionRegistry;
  /** Runs work after the callback has been answered; tasks of one key run in order. */
  later(key: string, task: () => Promise<void>): void;
  /** Runs a command line for `actor`, answered privately. */
  execute(line: string, actor: Actor, chatId: string | undefined, requestId: string): void;
}

/** The callback's answer, in Feishu's shape: a toast and/or the card the clicked one becomes. */
export interface CallbackAnswer {
  toast?: { type: ToastType; content: string; i18n: Text };
  card?: { type: 'raw'; data: object };
}

const toast = (type: ToastType, text: Text) => ({ type, content: text.en_us, i18n: text });

function answerOf(r: ActionResult): CallbackAnswer {
  return {
    ...(r.toast ? { toast: toast(r.toast.type, r.toast.text) } : {}),
    ...(r.card ? { card: { type: 'raw' as const, data: fitted(r.card) } } : {}),
  };
}

const FOREIGN_CHAT = t('这个按钮属于另一个会话，操作未执行', 'This button belongs to another chat; nothing was done');

/**
 * One click: verifies the signed button value and that it was clicked in the chat its card was sent to,
 * then lets the action check its data and preconditions for the clicker and run. The answer comes within
 * the callback budget; slower work gets an interim answer and its result is shown on the card later.
 */
export async function runClick(deps: ClickDeps, click: Click): Promise<CallbackAnswer> {
  const { services } = deps;
  const { chatId, messageId, requestId } = click;
  const log = services.log.child({ eventId: requestId, chatId });
  const verified = services.buttons.verify(click.value);
  if (!verified.ok) {
    log.warn({ reason: verified.reason }, 'card action refused');
    services.metrics.click('none', verified.reason === 'expired' ? 'expired' : 'bad_button');
    const text = verified.reason === 'expired'
      ? t('这个按钮已过期，请重新执行命令', 'This button has expired; run the command again')
      : t('按钮数据无效，操作已拒绝', 'This button is not valid; nothing was done');
    return { toast: toast('error', text) };
  }
  if (!clickedWhereSent(verified.binding, click)) {
    log.warn({ action: verified.action, binding: verified.binding }, 'card action refused: clicked outside the chat it was sent to');
    services.metrics.click(verified.action, 'foreign_chat');
    return { toast: toast('error', FOREIGN_CHAT) };
  }
  const action = deps.actions.get(verified.action);
  if (!action) services.metrics.click(verified.action, 'unsupported');
  if (!action) return { toast: toast('error', t('这个按钮已不再支持', 'This button is no longer supported')) };

  const actor = actorOf(services, click.clicker);
  const surface = clickedMessage(services.feishu, messageId);
  const next = sendKeys(requestId);
  const ctx: ActionContext = {
    services: { ...services, log },
    actor,
    chatId,
    locale: 'zh_cn',
    requestId,
    buttons: services.buttons.scope(verified.binding),
    surface,
    show: (card) => surface.show(card),
    async post(card) {
      const message = newMessage(services.feishu, chatId ? { chatId } : { openId: actor.openId }, next);
      await message.show(card);
      return message;
    },
    messageId,
    ref: verified.ref,
    extra: verified.extra,
    execute: (line) => deps.execute(line, actor, chatId, requestId),
  };
  const settled = (run: () => Promise<ActionResult>) => Promise.resolve().then(run).then(
    (r) => ({ done: true as const, result: r }),
    (err: unknown) => {
      services.metrics.click(action.name, 'failed');
      if (isBug(err)) log.error({ err, action: action.name }, 'card action failed');
      const result: ActionResult = { toast: { type: 'error', text: t('操作失败', 'The action failed') }, card: cardForError(err, requestId) };
      return { done: true as const, result };
    },
  );
  const work = settled(() => action.click(ctx));
  const timer = new Promise<{ done: false }>((resolve) => {
    const h = setTimeout(() => resolve({ done: false }), CALLBACK_BUDGET_MS);
    void work.finally(() => clearTimeout(h));
  });
  const first = await Promise.race([work, timer]);
  if (first.done) {
    const { later, ...answer } = first.result;
    // A queued answer: the real work runs after the callback, its result shown on the card.
    if (later) showLater(settled(later));
    return answerOf(answer);
  }
  showLater(work);
  const working = t('正在处理，完成后会更新卡片', 'Working on it; the card will update when done');
  // Nor may the interim card cover a card the action already showed.
  const showWorkingCard = messageId !== undefined && !surface.written;
  return { toast: toast('info', working), ...(showWorkingCard ? { card: { type: 'raw', data: fitted(workingCard(working)) } } : {}) };

  /**
   * Shows a result that arrives after the callback was answered (queued per message, so that idle() and
   * shutdown wait for it and the card's updates keep their order).
   */
  function showLater(pending: Promise<{ result: ActionResult }>): void {
    deps.later(`card:${messageId ?? requestId}`, async () => {
      const { result } = await pending;
      // An action that showed its own card owns it: a bare toast does not turn it into "Done".
      const final = result.card ?? (result.toast && !surface.written ? infoCard(t('已完成', 'Done'), [result.toast.text]) : undefined);
      if (!final) return;
      await surface.show(final).catch((err: unknown) => log.error({ err: String(err) }, 'late card update failed'));
    });
  }
}
