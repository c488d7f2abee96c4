import { defineAction } from '../../bot/actions.js';
import { newJobId, saveJob } from '../../batch/jobs.js';
import { t } from '../../i18n.js';
import { jingsocialMissingEnv } from '../../upstream/jingsocial.js';
import { claimJob, sendJobCsv } from '../thirdParty/jobOps.js';
import { jingNotConfigured } from './command.js';
import { jingJobCard, JING_EXPORT_ACTION, JING_RETRY_ACTION, needsRetry, type JingJob } from './job.js';
import { runJing } from './run.js';

/** Re-sends only the users not updated (or whose call failed), once; the card shows the merged result. */
export const jingRetryAction = defineAction({
  name: JING_RETRY_ACTION,
  role: 'admin',
  async run(ctx) {
    const { services } = ctx;
    const client = services.jingsocial;
    if (!client) return { card: jingNotConfigured(jingsocialMissingEnv(services.config)) };
    const claimed = await claimJob<JingJob['input'], JingJob['results'][number], JingJob['meta']>(ctx, 'retry');
    if ('refused' in claimed) return claimed.refused;
    const old = claimed.job;
    const again = old.results.filter(needsRetry).map((o) => o.userId);
    if (again.length === 0) return { toast: { type: 'info', text: t('没有需要重试的用户', 'Nobody to retry') } };
    const retried = new Map((await runJing(client, old.input, again)).map((o) => [o.userId, o]));
    const now = services.clock.now();
    const job: JingJob = {
      ...old,
      id: newJobId('jing', now, services.random),
      createdBy: ctx.actor.openId,
      createdAt: now,
      finishedAt: services.clock.now(),
      results: old.results.map((o) => retried.get(o.userId) ?? o),
      meta: { retried: again.length },
    };
    await saveJob(services.store, job);
    const still = job.results.filter(needsRetry).length;
    return {
      toast: still === 0
        ? { type: 'success', text: t('重试完成，全部已更新', 'Retry done: everyone is updated') }
        : { type: 'warning', text: t(`重试完成，仍有 ${still} 人未更新`, `Retry done: ${still} still not updated`) },
      card: jingJobCard(services, job),
    };
  },
});

export const jingExportAction = defineAction({
  name: JING_EXPORT_ACTION,
  role: 'admin',
  async run(ctx) {
    const claimed = await claimJob<JingJob['input'], JingJob['results'][number], JingJob['meta']>(ctx, 'export');
    if ('refused' in claimed) return claimed.refused;
    const { job } = claimed;
    const rows = job.results.map((o) => [
      o.userId, o.state, job.input.activity,
      job.input.signin?.status ?? '', job.input.signin?.time ?? '', job.input.approve?.status ?? '', job.input.approve?.time ?? '',
      o.error?.code ?? '', o.error?.msg ?? '',
    ]);
    return sendJobCsv(ctx, job, 'jingsocial-status', ['user_id', 'result', 'activity', 'signin_status', 'signin_time', 'approve_status', 'approve_time', 'error_code', 'error_msg'], rows);
  },
});
