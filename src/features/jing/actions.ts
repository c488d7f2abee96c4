import { t } from '../../cards-kit/i18n.js';
import { jingsocialMissingEnv } from './client.js';
import { vendorJobActions } from '../../batch/jobActions.js';
import { jingNotConfigured } from './command.js';
import { jingJobCard, JING_EXPORT_ACTION, JING_RETRY_ACTION, needsRetry } from './job.js';
import { runJing } from './run.js';

/** Retry re-sends only the users not updated (or whose call failed), once; the card shows the merged result. */
export const [jingRetryAction, jingExportAction] = vendorJobActions({
  retryName: JING_RETRY_ACTION,
  exportName: JING_EXPORT_ACTION,
  idPrefix: 'jing',
  client: (services) => services.jingsocial,
  notConfigured: (services) => jingNotConfigured(jingsocialMissingEnv(services.config)),
  key: (o) => o.userId,
  retryable: needsRetry,
  rerun: (client, job, users) => runJing(client, job.input, users),
  resultCard: jingJobCard,
  toasts: {
    nothing: t('没有需要重试的用户', 'Nobody to retry'),
    allDone: t('重试完成，全部已更新', 'Retry done: everyone is updated'),
    still: (n) => t(`重试完成，仍有 ${n} 人未更新`, `Retry done: ${n} still not updated`),
  },
  csv: {
    kind: 'jingsocial-status',
    header: ['user_id', 'result', 'activity', 'signin_status', 'signin_time', 'approve_status', 'approve_time', 'error_code', 'error_msg'],
    row: (o, { input }) => [
      o.userId, o.state, input.activity,
      input.signin?.status ?? '', input.signin?.time ?? '', input.approve?.status ?? '', input.approve?.time ?? '',
      o.error?.code ?? '', o.error?.msg ?? '',
    ],
  },
});
