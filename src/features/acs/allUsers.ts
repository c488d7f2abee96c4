import { acsListChangedCard, acsProgressCard, acsSummaryCard, summarise, withButtons } from './cards.js';
import type { Card } from '../../cards-kit/kit.js';
import { resumedNote, withNote } from '../../cards-kit/fragments.js';
import type { BatchCheckpoint } from '../../batch/checkpoint.js';
import type { Job } from '../../batch/jobs.js';
import { JobTaken, newJob, runJob } from '../../batch/jobRunner.js';
import type { ButtonValue } from '../../framework/buttons.js';
import type { Actor, Services } from '../../framework/context.js';
import { cardForError, isBug } from '../../framework/errorCards.js';
import type { CardSurface } from '../../framework/surface.js';
import { t } from '../../cards-kit/i18n.js';
import type { AcsUser } from './api.js';
import { walkAll, WALK_PAGE_SIZE, type AcsPageRecord } from './walkAll.js';

/** `changed`: the list changed while it was read (the card offers to start again). */
export type AcsJob = Job<{ pageSize: number }, AcsUser, { total: number; changed?: boolean; names?: Record<string, string>; namesUnavailable?: boolean }>;

/** The summary's buttons: start the walk again, and export one summary's users. */
export interface AllUsersButtons {
  again: ButtonValue;
  exportCsv(jobId: string): ButtonValue;
}

export const ACS_WALK_KIND = 'acs.users';

/**
 * Walks every page as a job on `surface`: progress (at most one card update a second), each page
 * checkpointed, then the summary with Export CSV, "the list changed, start again", or the error that
 * stopped it (with Try again). Returns the final card, which it has shown.
 */
export async function allUsersCard(services: Services, actor: Actor, chatId: string | undefined, requestId: string, surface: CardSurface, buttons: AllUsersButtons): Promise<Card> {
  const job: AcsJob = newJob(services, { idPrefix: 'acs', kind: ACS_WALK_KIND, createdBy: actor.openId, chatId, input: { pageSize: WALK_PAGE_SIZE }, meta: { total: 0 } });
  return runWalk(services, surface, job, buttons, requestId);
}

/** Runs a walk job to its end: a new one, or one resumed after a restart. */
export async function runWalk(services: Services, surface: CardSurface, job: AcsJob, buttons: AllUsersButtons, requestId: string): Promise<Card> {
  const log = services.log.child({ requestId, feature: 'acs', jobId: job.id });
  try {
    return await runJob<AcsJob['input'], AcsUser, AcsJob['meta'], Card>(services, surface, job, {
      start: acsProgressCard(0, 0),
      progressCard: (c) => c,
      async run(report, checkpoint) {
        // The walk's checkpoints are its pages (users and the next page token); the job's results are the users.
        const pages = checkpoint as unknown as BatchCheckpoint<AcsPageRecord>;
        const result = await walkAll(services.feishu, (users, n) => report(acsProgressCard(users, n)), pages);
        if (result.kind === 'changed') job.meta.changed = true;
        if (result.kind !== 'done') return [];
        // Looked up with the walk, not on the Export click: many unknown ids could outlast the click budget.
        const { names, noPermission } = await services.names.lookup(result.users.map((u) => u.openId));
        job.meta = { ...job.meta, names, ...(noPermission ? { namesUnavailable: true } : {}) };
        return result.users;
      },
      finish: (j) => ({ ...j.meta, total: j.results.length }),
      resultCard(j) {
        const summary = summarise(j.results);
        const card = j.meta.changed
          ? acsListChangedCard(buttons.again)
          : acsSummaryCard(summary, summary.total > 0 ? buttons.exportCsv(j.id) : undefined, j.meta.namesUnavailable === true && summary.total > 0);
        return j.resumed ? withNote(card, resumedNote(j.resumed)) : card;
      },
      audited: false, // it only reads
    });
  } catch (err) {
    if (err instanceof JobTaken) throw err;
    if (isBug(err)) log.error({ err }, 'acs walk failed');
    else log.warn({ err: String(err) }, 'acs walk stopped by an upstream error');
    const card = withButtons(cardForError(err, requestId), [{ text: t('重试', 'Try again'), value: buttons.again }]);
    await surface.show(card);
    return card;
  }
}
