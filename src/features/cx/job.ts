import type { CxOutcome } from './cards.js';
import type { RetriableJob } from '../../batch/jobRunner.js';
import type { CxInput } from './run.js';

export type CxJob = RetriableJob<CxInput, CxOutcome>;

export const cxNeedsRetry = (o: CxOutcome) => !o.ok;
