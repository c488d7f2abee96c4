import type { JobResumer } from '../../batch/resume.js';
import { runCounted } from '../../batch/jobRunner.js';
import { cxJobs } from './actions.js';
import { CX_TITLE } from './command.js';
import type { CxJob } from './job.js';
import { runCx } from './run.js';

/** A /cx card run interrupted by a restart continues on its card from its last checkpoint. */
export const resumeCxJob: JobResumer = async (services, stored, surface, buttons) => {
  const job = stored as CxJob;
  const client = services.chengxun;
  // Chengxun no longer configured: the job stays unfinished until it is again.
  if (!client) throw new Error('Chengxun is not configured: the unfinished /cx job waits for it');
  const accounts = job.input.accounts ?? [];
  await runCounted(services, surface, job, buttons, {
    title: CX_TITLE,
    total: accounts.length,
    run: (onProgress, checkpoint) => runCx(client, job.input, accounts, (i) => String(i + 1), onProgress, checkpoint),
    resultCard: cxJobs.resultCard,
  });
};
