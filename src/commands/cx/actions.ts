import { defineAction } from '../../bot/actions.js';
import { newJobId, saveJob } from '../../batch/jobs.js';
import { t } from '../../i18n.js';
import { chengxunMissingEnv } from '../../upstream/chengxun.js';
import { claimJob, sendJobCsv } from '../thirdParty/jobOps.js';
import { cxNotConfigured } from './command.js';
import { cxJobCard, CX_EXPORT_ACTION, CX_RETRY_ACTION, type CxJob } from './job.js';
import { runCx } from './run.js';

type Claimed = [CxJob['input'], CxJob['results'][number], CxJob['meta']];

/** Re-sends only the accounts of failed chunks, once, with the same data; the card shows the merged result. */
export const cxRetryAction = defineAction({
  name: CX_RETRY_ACTION,
  role: 'admin',
  async run(ctx) {
    const { services } = ctx;
    const client = services.chengxun;
    if (!client) return { card: cxNotConfigured(chengxunMissingEnv(services.config)) };
    const claimed = await claimJob<Claimed[0], Claimed[1], Claimed[2]>(ctx, 'retry');
    if ('refused' in claimed) return claimed.refused;
    const old = claimed.job;
    const again = old.results.filter((o) => !o.ok).map((o) => o.accountId);
    if (again.length === 0) return { toast: { type: 'info', text: t('没有失败的账号', 'No failed accounts') } };
    const round = (old.meta.retries ?? 0) + 1;
    const retried = new Map((await runCx(client, old.input, again, (i) => `R${round}·${i + 1}`)).map((o) => [o.accountId, o]));
    const now = services.clock.now();
    const job: CxJob = {
      ...old,
      id: newJobId('cx', now, services.random),
      createdBy: ctx.actor.openId,
      createdAt: now,
      finishedAt: services.clock.now(),
      results: old.results.map((o) => retried.get(o.accountId) ?? o),
      meta: { retried: again.length, retries: round },
    };
    await saveJob(services.store, job);
    const still = job.results.filter((o) => !o.ok).length;
    return {
      toast: still === 0
        ? { type: 'success', text: t('重试完成，全部成功', 'Retry done: every account is set') }
        : { type: 'warning', text: t(`重试完成，仍有 ${still} 个账号失败`, `Retry done: ${still} accounts still failed`) },
      card: cxJobCard(services, job),
    };
  },
});

export const cxExportAction = defineAction({
  name: CX_EXPORT_ACTION,
  role: 'admin',
  async run(ctx) {
    const claimed = await claimJob<Claimed[0], Claimed[1], Claimed[2]>(ctx, 'export');
    if ('refused' in claimed) return claimed.refused;
    const { job } = claimed;
    const rows = job.results.map((o) => [
      o.accountId, o.ok ? 'success' : 'failed', o.chunk, job.input.card.type, job.input.enterpriseId ?? '(all)', o.error?.code ?? '', o.error?.msg ?? '',
    ]);
    return sendJobCsv(ctx, job, 'chengxun-card', ['account_id', 'result', 'chunk', 'type', 'enterprise_id', 'error_code', 'error_msg'], rows);
  },
});
