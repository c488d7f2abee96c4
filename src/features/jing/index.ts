import { defineFeature } from '../../framework/feature.js';
import { resumeJingJob } from './resume.js';
import { jingJobs } from './actions.js';
import { jingStatusCommand } from './command.js';
import { jingConfigProblems, setupJing } from './service.js';

/** /jing status: Jingsocial activity user status in bulk. */
export const jingFeature = defineFeature({
  name: 'jing',
  commands: [jingStatusCommand],
  actions: [jingJobs.retry, jingJobs.export],
  resumers: { 'jing.status': resumeJingJob, [jingJobs.retryKind]: jingJobs.resumeRetry },
  setup: setupJing,
  configProblems: jingConfigProblems,
});
