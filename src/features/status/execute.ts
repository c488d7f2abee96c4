import type { Card } from '../../cards-kit/kit.js';
import { fitCard } from '../../cards-kit/sizeGuard.js';
import { progressCard } from './cards.js';
import type { Services } from '../../framework/context.js';
import { newJobId, saveJob } from '../../batch/jobs.js';
import { ProgressThrottle } from '../../batch/progress.js';
import type { StatusInput, StatusJob } from './job.js';
import { finalCard, succeededPeople } from './resultView.js';
import { runStatus } from './runStatus.js';

/** Where a job's progress and result card is shown: a reply, the clicked card, or a new card. */
export interface Surface {
  show(card: Card): Promise<void>;
}

export const STATUS_JOB_KIND = 'st';

export function newStatusJob(services: Services, input: StatusInput, createdBy: string, chatId: string | undefined): StatusJob {
  const now = services.clock.now();
  return { id: newJobId(STATUS_JOB_KIND, now, services.random), kind: 'status', createdBy, createdAt: now, chatId, input, results: [], meta: { state: 'running' } };
}


/**
 * Runs a saved job to the end: live progress on `surface` (at most one update a second), the results
 * stored with the job (so its buttons work later), then the final card. Returns the final card.
 */
export async function executeJob(services: Services, job: StatusJob, surface: Surface): Promise<Card> {
  const { input } = job;
  const log = services.log.child({ jobId: job.id });
  job.meta = { state: 'running', startedAt: services.clock.now() };
  await saveJob(services.store, job);
  const progress = new ProgressThrottle<Parameters<typeof progressCard>[0]>(
    (view) => surface.show(progressCard(view)),
    services.clock,
    1000,
    (err) => log.warn({ err: String(err) }, 'progress update failed'),
  );
  const results = await runStatus(services, input, (tally) => progress.report({ op: input.op, purpose: input.purpose, statusTitle: input.statusTitle, ...tally }));
  await progress.stop();
  job.results = results;
  job.finishedAt = services.clock.now();
  job.meta = { ...job.meta, state: 'done', durationMs: job.finishedAt - (job.meta.startedAt ?? job.createdAt) };
  await saveJob(services.store, job);
  log.info({ op: input.op, total: results.length, ok: succeededPeople(job).length }, 'status job finished');
  const card = finalCard(services, job);
  await surface.show(card);
  return card;
}

/** A surface that patches an already-sent card message. */
export const patchSurface = (services: Services, messageId: string): Surface => ({
  show: (card) => services.feishu.patchCard(messageId, fitCard(card)),
});
