import type { Card } from '../../cards-kit/kit.js';
import { progressCard, type ProgressView } from './cards.js';
import type { Services } from '../../framework/context.js';
import type { CardSurface } from '../../framework/surface.js';
import { newJob, runJob } from '../../batch/jobRunner.js';
import type { PersonOutcome, StatusInput, StatusJob, StatusMeta } from './job.js';
import { succeededPeople } from './resultView.js';
import { addNames } from './names.js';
import { runStatus } from './runStatus.js';

export const STATUS_JOB_KIND = 'st';

export function newStatusJob(services: Services, input: StatusInput, createdBy: string, chatId: string | undefined): StatusJob {
  return newJob<StatusInput, PersonOutcome, StatusMeta>(services, { idPrefix: STATUS_JOB_KIND, kind: 'status', createdBy, chatId, input, meta: { state: 'running' } });
}

/**
 * Runs a saved job to the end on `surface`: live progress with the tally so far, the results stored with
 * the job (so its buttons work later), then `resultCard`. Returns the final card.
 */
export async function executeJob(services: Services, surface: CardSurface, job: StatusJob, resultCard: (job: StatusJob) => Card): Promise<Card> {
  const { input } = job;
  job.meta = { ...job.meta, state: 'running', startedAt: job.meta.startedAt ?? services.clock.now() };
  const view = { op: input.op, purpose: input.purpose, statusTitle: input.statusTitle };
  const card = await runJob<StatusInput, PersonOutcome, StatusMeta, ProgressView>(services, surface, job, {
    start: { ...view, done: 0, total: input.people.length, ok: 0, failed: 0 },
    progressCard,
    run: async (report, checkpoint) => {
      // Names for the result card and the CSV, looked up while the batch runs (another API, its own limits).
      const [outcomes] = await Promise.all([runStatus(services, input, (tally) => report({ ...view, ...tally }), undefined, checkpoint), addNames(services, input, input.people)]);
      return outcomes;
    },
    finish: (j) => ({ ...j.meta, state: 'done', durationMs: (j.finishedAt ?? services.clock.now()) - (j.meta.startedAt ?? j.createdAt) }),
    resultCard,
    what: `status.${input.op}`,
  });
  services.log.child({ jobId: job.id }).info({ op: input.op, total: job.results.length, ok: succeededPeople(job).length }, 'status job finished');
  return card;
}
