import { defineFeature } from '../../framework/feature.js';
import { resumeCxJob } from './resume.js';
import { cxJobs } from './actions.js';
import { cxCardCommand } from './command.js';
import { cxConfigProblems, setupCx } from './service.js';

/** /cx card: Chengxun workbench card data for many accounts. */
export const cxFeature = defineFeature({
  name: 'cx',
  commands: [cxCardCommand],
  actions: [cxJobs.retry, cxJobs.export],
  resumers: { 'cx.card': resumeCxJob, [cxJobs.retryKind]: cxJobs.resumeRetry },
  setup: setupCx,
  configProblems: cxConfigProblems,
});
