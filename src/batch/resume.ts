import type { ButtonScope } from '../framework/buttons.js';
import type { Services } from '../framework/services.js';
import { clickedMessage, newMessage, sendKeys, type CardSurface } from '../framework/surface.js';
import { activeJobs, isActive, markFinished } from './checkpoint.js';
import { JobTaken } from './jobRunner.js';
import { loadJob, type Job } from './jobs.js';
import { LEASE_MS } from './lease.js';

/**
 * How a feature runs one of its stored jobs again after a restart: the same run as the command's, on
 * `surface` (the job's own card, patched in place), its buttons signed with `buttons`.
 */
export type JobResumer = (services: Services, job: Job, surface: CardSurface, buttons: ButtonScope) => Promise<unknown>;

/** How often a job whose lease another process holds is looked at again (that process may be dead). */
const RECHECK_MS = LEASE_MS / 3;

/** The buttons of a resumed job's card: bound to the chat it was shown in, or to its author in private. */
export const resumedButtons = (services: Services, job: Job): ButtonScope =>
  services.buttons.scope(job.chatId ? { chat: job.chatId } : { user: job.createdBy });

function surfaceOf(services: Services, job: Job): CardSurface {
  if (job.messageId) return clickedMessage(services.feishu, job.messageId);
  // Stopped before its card was sent: a new card where it would have gone.
  return newMessage(services.feishu, job.chatId ? { chatId: job.chatId } : { openId: job.createdBy }, sendKeys(`resume-${job.id}`));
}

/**
 * At start-up: every unfinished job (the `active` index) is run again by its feature's resumer. A job
 * another process holds the lease of is looked at again every few seconds until that lease lapses (a
 * process killed outright) or the job is finished (that process is alive). Returns once every job found
 * has been started or handed to a later look, with how many it found.
 */
export async function resumeUnfinished(services: Services, resumers: ReadonlyMap<string, JobResumer>): Promise<number> {
  const log = services.log.child({ component: 'resume' });
  const found = await activeJobs(services.store);
  if (found.length > 0) log.info({ jobs: found.length }, 'unfinished jobs found at start-up');
  for (const { jobId } of found) void attempt(services, resumers, jobId, log);
  return found.length;
}

async function attempt(services: Services, resumers: ReadonlyMap<string, JobResumer>, jobId: string, log: Services['log']): Promise<void> {
  if (services.jobs.stopped) return;
  const job = await loadJob(services.store, jobId);
  if (!job || job.state !== 'running') {
    // Finished between its last save and the index update, or gone: nothing to resume.
    await markFinished(services.store, jobId);
    return;
  }
  const resume = resumers.get(job.kind);
  if (!resume) {
    log.error({ jobId, kind: job.kind }, 'no resumer for this kind of job; it stays unfinished');
    return;
  }
  job.resumed = (job.resumed ?? 0) + 1;
  try {
    await resume(services, job, surfaceOf(services, job), resumedButtons(services, job));
    log.info({ jobId, kind: job.kind, resumed: job.resumed }, 'job resumed after a restart');
  } catch (err) {
    if (err instanceof JobTaken) {
      if (await isActive(services.store, jobId)) setTimeout(() => void attempt(services, resumers, jobId, log), RECHECK_MS).unref();
      return;
    }
    log.error({ err, jobId }, 'resuming a job failed');
  }
}
