import { jingResultCard, type JingOutcome } from './cards.js';
import type { Card } from '../../cards-kit/kit.js';
import type { Services } from '../../framework/context.js';
import type { VendorJob } from '../../batch/jobRunner.js';
import type { JingInput } from './run.js';

export type JingJob = VendorJob<JingInput, JingOutcome>;

export const JING_RETRY_ACTION = 'jing.retry';
export const JING_EXPORT_ACTION = 'jing.export';

/** Not updated, or a call that failed for a reason a later attempt may cure (not a refused request). */
export const needsRetry = (o: JingOutcome) => o.state === 'not_updated' || (o.state === 'failed' && o.error?.retryable !== false);

export function jingJobCard(services: Services, job: JingJob): Card {
  const retryable = job.results.some(needsRetry);
  return jingResultCard({
    ...job.input,
    outcomes: job.results,
    retried: job.meta.retried,
    buttons: {
      retry: retryable ? services.buttons.value(JING_RETRY_ACTION, job.id) : undefined,
      export: services.buttons.value(JING_EXPORT_ACTION, job.id),
    },
  });
}
