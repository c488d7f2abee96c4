import { cxResultCard, type CxOutcome } from './cards.js';
import type { Card } from '../../cards-kit/kit.js';
import type { Services } from '../../framework/context.js';
import type { VendorJob } from '../../batch/jobRunner.js';
import type { CxInput } from './run.js';

export type CxJob = VendorJob<CxInput, CxOutcome>;

export const CX_RETRY_ACTION = 'cx.retry';
export const CX_EXPORT_ACTION = 'cx.export';

export const cxNeedsRetry = (o: CxOutcome) => !o.ok;

export function cxJobCard(services: Services, job: CxJob): Card {
  return cxResultCard({
    type: job.input.card.type,
    enterpriseId: job.input.enterpriseId,
    itemCount: job.input.card.items.length,
    outcomes: job.results,
    retried: job.meta.retried,
    buttons: {
      retry: job.results.some(cxNeedsRetry) ? services.buttons.value(CX_RETRY_ACTION, job.id) : undefined,
      export: services.buttons.value(CX_EXPORT_ACTION, job.id),
    },
  });
}
