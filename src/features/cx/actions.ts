import { t } from '../../cards-kit/i18n.js';
import { chengxunMissingEnv } from './client.js';
import { vendorJobActions } from '../../batch/jobActions.js';
import { cxNotConfigured } from './command.js';
import { cxJobCard, cxNeedsRetry, CX_EXPORT_ACTION, CX_RETRY_ACTION } from './job.js';
import { runCx } from './run.js';

/** Retry re-sends only the accounts of failed chunks, once, with the same data; the card shows the merged result. */
export const [cxRetryAction, cxExportAction] = vendorJobActions({
  retryName: CX_RETRY_ACTION,
  exportName: CX_EXPORT_ACTION,
  idPrefix: 'cx',
  client: (services) => services.chengxun,
  notConfigured: (services) => cxNotConfigured(chengxunMissingEnv(services.config)),
  key: (o) => o.accountId,
  retryable: cxNeedsRetry,
  rerun: (client, job, accounts, round) => runCx(client, job.input, accounts, (i) => `R${round}·${i + 1}`),
  resultCard: cxJobCard,
  toasts: {
    nothing: t('没有失败的账号', 'No failed accounts'),
    allDone: t('重试完成，全部成功', 'Retry done: every account is set'),
    still: (n) => t(`重试完成，仍有 ${n} 个账号失败`, `Retry done: ${n} accounts still failed`),
  },
  csv: {
    kind: 'chengxun-card',
    header: ['account_id', 'result', 'chunk', 'type', 'enterprise_id', 'error_code', 'error_msg'],
    row: (o, { input }) => [o.accountId, o.ok ? 'success' : 'failed', o.chunk, input.card.type, input.enterpriseId ?? '(all)', o.error?.code ?? '', o.error?.msg ?? ''],
  },
});
