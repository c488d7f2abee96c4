import { acsListChangedCard, acsProgressCard, acsSummaryCard, summarise, withButtons } from './cards.js';
import type { Card } from '../../cards-kit/kit.js';
import { newJobId, saveJob, type Job } from '../../batch/jobs.js';
import { ProgressThrottle } from '../../batch/progress.js';
import type { ButtonValue } from '../../framework/buttons.js';
import type { Actor, Services } from '../../framework/context.js';
import { cardForError, isBug } from '../../framework/errorCards.js';
import { t } from '../../cards-kit/i18n.js';
import type { AcsUser } from './api.js';
import { walkAll, WALK_PAGE_SIZE } from './walkAll.js';

export type AcsJob = Job<{ pageSize: number }, AcsUser, { total: number; names?: Record<string, string>; namesUnavailable?: boolean }>;

/** The summary's buttons: start the walk again, and export one summary's users. */
export interface AllUsersButtons {
  again: ButtonValue;
  exportCsv(jobId: string): ButtonValue;
}

/**
 * Walks every page, showing progress through `show` (at most one card update a second), and returns the
 * final card: the summary with Export CSV, "the list changed, start again", or the error that stopped it
 * (with Try again).
 */
export async function allUsersCard(
  services: Services,
  actor: Actor,
  chatId: string | undefined,
  requestId: string,
  show: (card: Card) => Promise<void>,
  buttons: AllUsersButtons,
): Promise<Card> {
  const log = services.log.child({ requestId, feature: 'acs' });
  const throttle = new ProgressThrottle<Card>(show, services.clock, 1000, (err) => log.warn({ err: String(err) }, 'progress update failed'));
  let result;
  try {
    result = await walkAll(services.feishu, (users, pages) => throttle.report(acsProgressCard(users, pages)));
  } catch (err) {
    if (isBug(err)) log.error({ err }, 'acs walk failed');
    else log.warn({ err: String(err) }, 'acs walk stopped by an upstream error');
    return withButtons(cardForError(err, requestId), [{ text: t('重试', 'Try again'), value: buttons.again }]);
  } finally {
    await throttle.stop();
  }
  if (result.kind === 'changed') return acsListChangedCard(buttons.again);
  // Looked up with the walk, not on the Export click: many unknown ids could outlast the click budget.
  const { names, noPermission } = await services.names.lookup(result.users.map((u) => u.openId));
  const now = services.clock.now();
  const job: AcsJob = {
    id: newJobId('acs', now, services.random), kind: 'acs.users', createdBy: actor.openId, createdAt: now, finishedAt: now,
    ...(chatId ? { chatId } : {}), input: { pageSize: WALK_PAGE_SIZE }, results: result.users,
    meta: { total: result.users.length, names, ...(noPermission ? { namesUnavailable: true } : {}) },
  };
  await saveJob(services.store, job);
  const summary = summarise(result.users);
  return acsSummaryCard(summary, summary.total > 0 ? buttons.exportCsv(job.id) : undefined, noPermission && summary.total > 0);
}
