import type { JingOutcome } from './cards.js';
import type { RetriableJob } from '../../batch/jobRunner.js';
import type { JingInput } from './run.js';

export type JingJob = RetriableJob<JingInput, JingOutcome>;

/** Not updated, or a call that failed for a reason a later attempt may cure (not a refused request). */
export const needsRetry = (o: JingOutcome) => o.state === 'not_updated' || (o.state === 'failed' && o.error?.retryable !== false);
