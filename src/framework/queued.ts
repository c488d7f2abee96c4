import { t } from '../cards-kit/i18n.js';
import { queuedCard } from '../cards-kit/queued.js';
import { limitOf, type FeishuApiName } from '../upstream/limits.js';
import type { ActionResult, BaseContext } from './context.js';

/** A first call that would wait longer than this for its rate window says so on the card first. */
export const QUEUED_NOTICE_MS = 2000;

/** The longest expected wait of `apis` when it exceeds QUEUED_NOTICE_MS; otherwise nothing. */
function longWait(ctx: BaseContext, apis: readonly FeishuApiName[]): { api: FeishuApiName; ms: number } | undefined {
  let longest: { api: FeishuApiName; ms: number } | undefined;
  for (const api of apis) {
    const ms = ctx.services.feishu.expectedWaitMs(api);
    if (!longest || ms > longest.ms) longest = { api, ms };
  }
  return longest && longest.ms > QUEUED_NOTICE_MS ? longest : undefined;
}

const cardFor = ({ api, ms }: { api: string; ms: number }) => queuedCard(Math.round(ms / 1000), api, limitOf(api).windows);

/**
 * Before a command's first call: when the longest expected wait of `apis` (the first calls it may make)
 * exceeds QUEUED_NOTICE_MS, shows the queued card on the answer's surface, which the result then replaces.
 * Only while nothing is shown yet; a notice that cannot be shown never stops the command.
 */
export async function showIfQueued(ctx: BaseContext, apis: readonly FeishuApiName[]): Promise<void> {
  if (ctx.surface.written) return;
  const wait = longWait(ctx, apis);
  if (!wait) return;
  await ctx.show(cardFor(wait)).catch((err: unknown) =>
    ctx.services.log.warn({ err: String(err), api: wait.api }, 'could not show the queued card'),
  );
}

/**
 * showIfQueued for a platform client's own limiter (Jingsocial, Chengxun): `api` and the wait its client
 * expects now.
 */
export async function showIfWaiting(ctx: BaseContext, api: string, expectedWaitMs: number): Promise<void> {
  if (ctx.surface.written || expectedWaitMs <= QUEUED_NOTICE_MS) return;
  await ctx.show(queuedCard(Math.round(expectedWaitMs / 1000), api, limitOf(api).windows)).catch((err: unknown) =>
    ctx.services.log.warn({ err: String(err), api }, 'could not show the queued card'),
  );
}

const queuedAnswer = (wait: { api: string; ms: number }, run: () => Promise<ActionResult>): ActionResult => {
  const s = Math.round(wait.ms / 1000);
  return {
    card: cardFor(wait),
    toast: { type: 'info', text: t(`排队中：约 ${s} 秒，结果会显示在这张卡片上`, `Queued: about ${s} s; the result will show on this card`) },
    later: run,
  };
};

/**
 * A click whose first call would wait for its rate window: answered at once with the queued card and a
 * toast, `run` going on after the callback (its result replaces the card). Otherwise `run` answers the click.
 */
export async function queuedClick(ctx: BaseContext, apis: readonly FeishuApiName[], run: () => Promise<ActionResult>): Promise<ActionResult> {
  const wait = longWait(ctx, apis);
  if (!wait) return run();
  return queuedAnswer(wait, run);
}

/**
 * queuedClick for a click that runs a job on the card clicked (Confirm): the queued card is also shown on
 * that card, so the job, which puts up its "0 / N" only on a card not written yet, leaves the notice there
 * until its first chunk reports progress.
 */
export async function queuedJobClick(ctx: BaseContext, apis: readonly FeishuApiName[], run: () => Promise<ActionResult>): Promise<ActionResult> {
  const wait = longWait(ctx, apis);
  return wait ? queuedOnCard(ctx, wait, run) : run();
}

/** queuedJobClick for a platform client's own limiter (a Jingsocial or Chengxun Retry): `api` and the wait its client expects now. */
export async function queuedJobClickAfter(ctx: BaseContext, api: string, expectedWaitMs: number, run: () => Promise<ActionResult>): Promise<ActionResult> {
  return expectedWaitMs > QUEUED_NOTICE_MS ? queuedOnCard(ctx, { api, ms: expectedWaitMs }, run) : run();
}

async function queuedOnCard(ctx: BaseContext, wait: { api: string; ms: number }, run: () => Promise<ActionResult>): Promise<ActionResult> {
  await ctx.show(cardFor(wait)).catch((err: unknown) => ctx.services.log.warn({ err: String(err), api: wait.api }, 'could not show the queued card'));
  return queuedAnswer(wait, run);
}
