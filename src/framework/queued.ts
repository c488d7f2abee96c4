import { queuedCard } from '../cards-kit/queued.js';
import { limitOf, type FeishuApiName } from '../upstream/limits.js';
import type { BaseContext } from './context.js';

/** A first call that would wait longer than this for its rate window says so on the card first. */
export const QUEUED_NOTICE_MS = 2000;

/**
 * Before a command's first call: when the longest expected wait of `apis` (the first calls it may make)
 * exceeds QUEUED_NOTICE_MS, shows the queued card on the answer's surface, which the result then replaces.
 * Only while nothing is shown yet; a notice that cannot be shown never stops the command.
 */
export async function showIfQueued(ctx: BaseContext, apis: readonly FeishuApiName[]): Promise<void> {
  if (ctx.surface.written) return;
  let longest: { api: FeishuApiName; ms: number } | undefined;
  for (const api of apis) {
    const ms = ctx.services.feishu.expectedWaitMs(api);
    if (!longest || ms > longest.ms) longest = { api, ms };
  }
  if (!longest || longest.ms <= QUEUED_NOTICE_MS) return;
  const { api, ms } = longest;
  await ctx.show(queuedCard(Math.round(ms / 1000), api, limitOf(api).windows)).catch((err: unknown) =>
    ctx.services.log.warn({ err: String(err), api }, 'could not show the queued card'),
  );
}
