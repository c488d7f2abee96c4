import { t } from '../../cards-kit/i18n.js';
import { MAY_HAVE_APPLIED } from '../../batch/itemError.js';
import { retryExportActions } from '../../batch/jobActions.js';
import { adminOnly } from '../../framework/preconditions.js';
import { serviceOf } from '../../framework/services.js';
import { jingResultCard, type JingOutcome } from './cards.js';
import { JING_API, type Jingsocial } from './client.js';
import { needsRetry } from './job.js';
import { runJing, type JingInput } from './run.js';
import { jingConfigured } from './service.js';

/**
 * Retry re-sends only the users not updated (or whose call failed), once, as a job resumed after a restart
 * (runJing says why a chunk sent twice is harmless); the card shows the merged result.
 */
export const jingJobs = retryExportActions<Jingsocial, JingInput, JingOutcome>({
  name: 'jing',
  retryTitle: t('Jingsocial：重试未更新的用户', 'Jingsocial: retrying the users not updated'),
  preconditions: [adminOnly],
  retryNeeds: [jingConfigured],
  client: (services) => serviceOf(services, 'jingsocial'),
  expectedWait: (client) => ({ api: JING_API.userStatus, ms: client.expectedWaitMs() }),
  key: (o) => o.userId,
  retryable: needsRetry,
  rerun: (client, job, users, _round, onProgress, checkpoint) => runJing(client, job.input, users, onProgress, checkpoint),
  resultCard: (job, buttons) => jingResultCard({ ...job.input, outcomes: job.results, retried: job.meta.retried, buttons }),
  toasts: {
    nothing: t('没有需要重试的用户', 'Nobody to retry'),
    allDone: t('重试完成，全部已更新', 'Retry done: everyone is updated'),
    still: (n) => t(`重试完成，仍有 ${n} 人未更新`, `Retry done: ${n} still not updated`),
  },
  csv: {
    kind: 'jingsocial-status',
    header: ['user_id', 'result', 'activity', 'signin_status', 'signin_time', 'approve_status', 'approve_time', 'error_code', 'error_msg'],
    row: (o, { input }) => [
      o.userId, o.error?.mayHaveApplied ? MAY_HAVE_APPLIED : o.state, input.activity,
      input.signin?.status ?? '', input.signin?.time ?? '', input.approve?.status ?? '', input.approve?.time ?? '',
      o.error?.code ?? '', o.error?.msg ?? '',
    ],
  },
});
