import { infoCard, workingCard } from '../cards-kit/common.js';
import { fitCard } from '../cards-kit/sizeGuard.js';
import { t, type Text } from '../cards-kit/i18n.js';
import { RUN_COMMAND_ACTION, type ActionRegistry } from '../framework/action.js';
import type { KeyedQueue } from './chatQueue.js';
import type { ActionContext, ActionResult, Actor, Services } from '../framework/context.js';
import { cardForError, isBug } from '../framework/errorCards.js';
import { stringOr } from './eventFields.js';
import { canRun } from '../framework/permissions.js';

/** The callback must be answered within 3 s; we keep a margin for the network. */
export const CALLBACK_BUDGET_MS = 2500;

export const toast = (type: 'info' | 'success' | 'error' | 'warning', text: Text) => ({ type, content: text.en_us, i18n: text });


function renderResult(r: ActionResult): object {
  return {
    ...(r.toast ? { toast: toast(r.toast.type, r.toast.text) } : {}),
    ...(r.card ? { card: { type: 'raw', data: fitCard(r.card) } } : {}),
  };
}

export interface CardActionDeps {
  services: Services;
  actions: ActionRegistry;
  queue: KeyedQueue;
  actor(openId: string): Actor;
  /** Runs a command line for `actor`, answered privately (welcome-card buttons). */
  runCommand(line: string, actor: Actor, chatId: string | undefined, eventId: string): void;
}

/**
 * `card.action.trigger`: verifies the signed button value, checks the clicker's permission for the action
 * on every click, and answers `{toast, card}` within the callback budget. Slower work gets an interim
 * answer and its result is patched onto the card when it arrives.
 */
export async function handleCardAction(deps: CardActionDeps, event: Record<string, unknown>, eventId: string): Promise<object> {
  const { services } = deps;
  const operator = event.operator as { open_id?: unknown } | undefined;
  const action = event.action as { value?: unknown } | undefined;
  const context = (event.context ?? {}) as { open_message_id?: unknown; open_chat_id?: unknown };
  // Older payloads carry the ids at the top level (normalizeCardAction in the SDK does the same).
  const messageId = stringOr(context.open_message_id) ?? stringOr(event.open_message_id);
  const chatId = stringOr(context.open_chat_id) ?? stringOr(event.open_chat_id);
  const clicker = stringOr(operator?.open_id);
  const log = services.log.child({ eventId, chatId });
  if (!clicker) services.metrics.click('none', 'bad_button');
  if (!clicker) return { toast: toast('error', t('无法识别点击者', 'Cannot tell who clicked')) };
  const verified = services.buttons.verify(action?.value);
  if (!verified.ok) {
    log.warn({ reason: verified.reason }, 'card action refused');
    services.metrics.click('none', verified.reason === 'expired' ? 'expired' : 'bad_button');
    const text = verified.reason === 'expired'
      ? t('这个按钮已过期，请重新执行命令', 'This button has expired; run the command again')
      : t('按钮数据无效，操作已拒绝', 'This button is not valid; nothing was done');
    return { toast: toast('error', text) };
  }
  const actor = deps.actor(clicker);
  if (verified.action === RUN_COMMAND_ACTION) {
    deps.runCommand(verified.ref, actor, chatId, eventId);
    services.metrics.click(verified.action, 'ok');
    return { toast: toast('info', t('已私信发送给你', 'Sent to you privately')) };
  }
  const def = deps.actions.get(verified.action);
  if (!def || !canRun(def.role, actor).ok) services.metrics.click(verified.action, def ? 'not_allowed' : 'unsupported');
  if (!def) return { toast: toast('error', t('这个按钮已不再支持', 'This button is no longer supported')) };
  const verdict = canRun(def.role, actor);
  if (!verdict.ok) return { toast: toast('error', verdict.reason) };

  // An action that updates its own card while it runs owns that card: no interim card may overwrite it.
  let updatedByAction = false;
  let seq = 0;
  const ctx: ActionContext = {
    services: { ...services, log },
    actor,
    chatId,
    messageId,
    ref: verified.ref,
    extra: verified.extra,
    requestId: eventId,
    update: async (card) => {
      updatedByAction = true;
      if (messageId) await services.feishu.patchCard(messageId, fitCard(card));
    },
    send: async (card) => {
      if (!chatId) throw new Error('the clicked card has no chat');
      return services.feishu.sendCard({ type: 'chat_id', id: chatId }, fitCard(card), `${eventId}-${seq++}`.slice(0, 50));
    },
  };
  const work = Promise.resolve().then(() => def.run(ctx)).then(
    (r) => { services.metrics.click(def.name, 'ok'); return { done: true as const, result: r }; },
    (err: unknown) => {
      services.metrics.click(def.name, 'failed');
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
  // Too slow for the callback: answer now, and patch the message with the result when it arrives.
  // Queued (per message) so that idle() and shutdown wait for it and patches keep their order.
  deps.queue.push(`card:${messageId ?? eventId}`, async () => {
    const { result } = await work;
    if (!messageId) return;
    const final = result.card ?? (result.toast && !updatedByAction ? infoCard(t('已完成', 'Done'), [result.toast.text]) : undefined);
    if (!final) return;
    await services.feishu.patchCard(messageId, fitCard(final)).catch((err: unknown) => log.error({ err: String(err) }, 'late card update failed'));
  });
  const working = t('正在处理，完成后会更新卡片', 'Working on it; the card will update when done');
  const showWorkingCard = messageId !== undefined && !updatedByAction;
  return { toast: toast('info', working), ...(showWorkingCard ? { card: { type: 'raw', data: fitCard(workingCard(working)) } } : {}) };
}
