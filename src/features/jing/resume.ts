import type { JobResumer } from '../../batch/resume.js';
import { runCounted } from '../../batch/jobRunner.js';
import { jingJobs } from './actions.js';
import { JING_TITLE } from './command.js';
import type { JingJob } from './job.js';
import { runJing } from './run.js';

/** A /jing status run interrupted by a restart continues on its card from its last checkpoint. */
export const resumeJingJob: JobResumer = async (services, stored, surface, buttons) => {
  const job = stored as JingJob;
  const client = services.jingsocial;
  // Jingsocial no longer configured: the job stays unfinished until it is again.
  if (!client) throw new Error('Jingsocial is not configured: the unfinished /jing job waits for it');
  const users = job.input.users ?? [];
  await runCounted(services, surface, job, buttons, {
    title: JING_TITLE,
    total: users.length,
    run: (onProgress, checkpoint) => runJing(client, job.input, users, onProgress, checkpoint),
    resultCard: jingJobs.resultCard,
  });
};
