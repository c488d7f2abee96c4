import type { ButtonScope } from '../framework/buttons.js';
import type { Services } from '../framework/services.js';
import { clickedMessage, newMessage, sendKeys, type CardSurface } from '../framework/surface.js';
import { markFinished } from './checkpoint.js';
import { JobTaken, type TakeOver } from './jobQueue.js';
import type { Card } from '../cards-kit/kit.js';
import { loadJob, saveJob, type Job } from './jobs.js';

/**
 * How a feature runs one of its stored jobs again (after a restart, or on another instance): the same run
 * as the command's, on `surface` (the job's own card, patched in place), its buttons signed with `buttons`.
 */
export type JobResumer = (services: Services, job: Job, surface: CardSurface, buttons: ButtonScope) => Promise<unknown>;

/** The buttons of a resumed job's card: bound to the chat it was shown in, or to its author in private. */
export const resumedButtons = (services: Services, job: Job): ButtonScope =>
  services.buttons.scope(job.chatId ? { chat: job.chatId } : { user: job.createdBy });

function surfaceOf(services: Services, job: Job): CardSurface {
  if (job.messageId) return clickedMessage(services.feishu, job.messageId);
  // Stopped before its card was sent: a new card where it would have gone.
  return newMessage(services.feishu, job.chatId ? { chatId: job.chatId } : { openId: job.createdBy }, sendKeys(`resume-${job.id}`));
}

/** A surface that remembers the last card it showed. */
function recording(surface: CardSurface): CardSurface & { last?: Card } {
  const out: CardSurface & { last?: Card } = {
    get written() {
      return surface.written;
    },
    get messageId() {
      return surface.messageId;
    },
    async show(card) {
      out.last = card;
      await surface.show(card);
    },
  };
  return out;
}

/**
 * A job that broke as a whole here, for another instance that started it: the card shown in its place
 * (the feature's error card) goes with it, so that the starter answers with it, not with an error of its own.
 */
async function keepFailedCard(services: Services, jobId: string, card: Card | undefined): Promise<void> {
  const job = await loadJob(services.store, jobId);
  if (job?.state === 'failed' && card) await saveJob(services.store, { ...job, failedCard: card });
}

/**
 * Runs a stored job through its feature's resumer: one left unfinished by a stopped or killed process, or
 * (with Redis) one started on another instance. Rethrows JobTaken (the queue decides what then); logs the
 * rest, since nobody waits for a job taken over.
 */
export function takeOverWith(services: Services, resumers: ReadonlyMap<string, JobResumer>): TakeOver {
  const log = services.log.child({ component: 'resume' });
  return async (jobId, run) => {
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
    const surface = recording(surfaceOf(services, job));
    try {
      await resume(services, job, surface, resumedButtons(services, job));
      await keepFailedCard(services, jobId, surface.last);
      log.info({ jobId, kind: job.kind }, run.resumed ? 'job resumed after a restart' : 'job run for another instance');
    } catch (err) {
      if (err instanceof JobTaken) throw err;
      log.error({ err, jobId }, 'resuming a job failed');
    }
  };
}

