import { t } from '../../cards-kit/i18n.js';
import { MAY_HAVE_APPLIED } from '../../batch/itemError.js';
import { retryExportActions } from '../../batch/jobActions.js';
import { adminOnly } from '../../framework/preconditions.js';
import { serviceOf } from '../../framework/services.js';
import { cxResultCard, type CxOutcome } from './cards.js';
import { CX_API, type Chengxun } from './client.js';
import { cxNeedsRetry } from './job.js';
import { runCx, type CxInput } from './run.js';
import { cxConfigured } from './service.js';

/**
 * Retry re-sends only the accounts of failed chunks, once, with the same data, as a job resumed after a
 * restart (runCx says why a chunk sent twice is harmless); the card shows the merged result.
 */
export const cxJobs = retryExportActions<Chengxun, CxInput, CxOutcome>({
  name: 'cx',
  retryTitle: t('橙讯：重试失败的账号', 'Chengxun: retrying the failed accounts'),
  preconditions: [adminOnly],
  retryNeeds: [cxConfigured],
  client: (services) => serviceOf(services, 'chengxun'),
  expectedWait: (client) => ({ api: CX_API.sameData, ms: client.expectedWaitMs() }),
  key: (o) => o.accountId,
  retryable: cxNeedsRetry,
  rerun: (client, job, accounts, round, onProgress, checkpoint) => runCx(client, job.input, accounts, (i) => `R${round}·${i + 1}`, onProgress, checkpoint),
  resultCard: (job, buttons) => cxResultCard({
    type: job.input.card.type,
    enterpriseId: job.input.enterpriseId,
    itemCount: job.input.card.items.length,
    outcomes: job.results,
    retried: job.meta.retried,
    buttons,
  }),
  toasts: {
    nothing: t('没有失败的账号', 'No failed accounts'),
    allDone: t('重试完成，全部成功', 'Retry done: every account is set'),
    still: (n) => t(`重试完成，仍有 ${n} 个账号失败`, `Retry done: ${n} accounts still failed`),
  },
  csv: {
    kind: 'chengxun-card',
    header: ['account_id', 'result', 'chunk', 'type', 'enterprise_id', 'error_code', 'error_msg'],
    row: (o, { input }) => [o.accountId, o.ok ? 'success' : o.error?.mayHaveApplied ? MAY_HAVE_APPLIED : 'failed', o.chunk, input.card.type, input.enterpriseId ?? '(all)', o.error?.code ?? '', o.error?.msg ?? ''],
  },
});
