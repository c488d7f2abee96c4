import { finishOperation } from '../../batch/jobs.js';
import type { JobResumer } from '../../batch/resume.js';
import { clickedMessage } from '../../framework/surface.js';
import { statusResultCard } from './actions.js';
import { executeJob } from './execute.js';
import { followUpTally, recordFollowUp } from './followUps.js';
import type { StatusJob } from './job.js';

/**
 * A status job (a run, a Retry or an Undo) interrupted by a restart: it continues on its own card from its
 * last checkpoint. A finished Retry or Undo is then recorded on the card it was clicked on, as a click's is,
 * and the one-time operation that started it (Confirm, Retry, Undo) is marked done.
 */
export const resumeStatusJob: JobResumer = async (services, stored, surface, buttons) => {
  const job = stored as StatusJob;
  const tz = services.config.BOT_TIMEZONE;
  await executeJob(services, surface, job, (j) => statusResultCard(buttons, tz, j));
  const { parentJobId, purpose } = job.input;
  if (job.state !== 'done') return;
  // The click that started it was cut off with the process: a late second click now says "already done".
  await finishOperation(services.store, parentJobId && purpose !== 'run' ? parentJobId : job.id, purpose === 'run' ? 'start' : purpose);
  if (!parentJobId || purpose === 'run') return;
  const parent = await recordFollowUp(services, parentJobId, purpose, job.createdBy, followUpTally(job));
  if (parent?.messageId) await clickedMessage(services.feishu, parent.messageId).show(statusResultCard(buttons, tz, parent));
};
