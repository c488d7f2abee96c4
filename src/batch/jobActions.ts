import type { Card } from '../cards-kit/kit.js';
import { t, type Text } from '../cards-kit/i18n.js';
import { defineAction, type Action } from '../framework/action.js';
import type { ButtonScope, ButtonValue } from '../framework/buttons.js';
import type { Services } from '../framework/context.js';
import type { Precondition } from '../framework/preconditions.js';
import { queuedJobClickAfter } from '../framework/queued.js';
import type { BatchCheckpoint } from './checkpoint.js';
import { sendJobCsv } from './jobExport.js';
import type { RetriableJob } from './jobRunner.js';
import { atMostEvery, once, RESEND_EVERY_MS } from './once.js';
import type { JobResumer } from './resume.js';
import { newRetryJob, RETRY_OP, runRetryJob, type RetryInput, type RetryRun } from './retryJob.js';

/** The buttons of a result card: Retry only while some item can still be sent again. */
export interface JobButtons {
  retry?: ButtonValue;
  export: ButtonValue;
}

export interface RetryExportSpec<C, I, R> {
  /** The actions are `<name>.retry` and `<name>.export`; Retry jobs' ids start with it, their kind is `<name>.retry`. */
  name: string;
  /** The progress card's title while a Retry re-sends its items. */
  retryTitle: Text;
  /** Who may click, checked on every click of both buttons. */
  preconditions: ReadonlyArray<Precondition>;
  /** What Retry needs besides (the platform set up); Export only reads the stored job. */
  retryNeeds: ReadonlyArray<Precondition>;
  client(services: Services): C;
  /** The batch API's name and how long its client's limiter expects a call asked for now to wait. */
  expectedWait(client: C): { api: string; ms: number };
  /** The item's id (user id, account id) and whether it should be sent again. */
  key(result: R): string;
  retryable(result: R): boolean;
  /**
   * Sends `keys` again with the job's own input, chunk by chunk through `checkpoint`; `round` numbers the
   * retries of one run (1, 2…). A retry resumed after a restart sends again the chunks not checkpointed.
   */
  rerun(client: C, job: RetriableJob<I, R>, keys: string[], round: number, onProgress: (done: number, total: number) => void, checkpoint: BatchCheckpoint<R>): Promise<R[]>;
  /** The result card (pure), given its buttons. */
  resultCard(job: RetriableJob<I, R>, buttons: JobButtons): Card;
  toasts: { nothing: Text; allDone: Text; still(n: number): Text };
  csv: { kind: string; header: string[]; row(result: R, job: RetriableJob<I, R>): Array<string | number> };
}

export interface RetryExportActions<I, R> {
  retry: Action;
  export: Action;
  /** The job's result card with its Retry and Export buttons, signed for where `scope` shows it. */
  resultCard(scope: ButtonScope, job: RetriableJob<I, R>): Card;
  /** The kind of the Retry jobs (`<name>.retry`) and how one interrupted by a restart continues. */
  retryKind: string;
  resumeRetry: JobResumer;
}

const RETRY_BROKE = t('重试失败，卡片已恢复，可以再点一次', 'The retry failed; the card is back as it was, so you can click again');
/** A Retry the bot's stop interrupted: it continues by itself at the next start. */
const PAUSED = t('机器人正在重启：其余部分会在重启后自动继续', 'The bot is restarting; the rest continues by itself after the restart');

/** The Retry and Export CSV buttons of a batch's result card: Retry once per job, Export at most once a minute. */
export function retryExportActions<C, I, R>(spec: RetryExportSpec<C, I, R>): RetryExportActions<I, R> {
  const resultCard = (scope: ButtonScope, job: RetriableJob<I, R>): Card =>
    spec.resultCard(job, {
      ...(job.results.some(spec.retryable) ? { retry: retry.value(scope, job.id) } : {}),
      export: exportCsv.value(scope, job.id),
    });
  const retryKind = `${spec.name}.retry`;
  const retryRun: RetryRun<I, R> = {
    title: spec.retryTitle,
    key: spec.key,
    rerun: (services, job, plan, onProgress, checkpoint) => spec.rerun(spec.client(services), job, plan.keys, plan.round, onProgress, checkpoint),
    resultCard,
  };
  // Run as a job on the card clicked: progress, each chunk checkpointed, resumed after a restart (resumeRetry).
  const retry: Action = defineAction({
    audited: true,
    name: retryKind,
    preconditions: [...spec.preconditions, ...spec.retryNeeds],
    run: (ctx) =>
      once<RetriableJob<I, R>>(ctx, RETRY_OP, async (old, { release }) => {
        const { services } = ctx;
        const again = old.results.filter(spec.retryable).map(spec.key);
        if (again.length === 0) return { toast: { type: 'info', text: spec.toasts.nothing } };
        const job = newRetryJob(services, retryKind, spec.name, old, again, ctx.actor.openId, ctx.chatId ?? old.chatId);
        const wait = spec.expectedWait(spec.client(services));
        // Behind another batch's calls the first chunk may wait for its window: the admin is told at once.
        return queuedJobClickAfter(ctx, wait.api, wait.ms, async () => {
          let card: Card;
          try {
            card = await runRetryJob(services, ctx.surface, job, ctx.buttons, retryRun);
          } catch (err) {
            // Broken as a whole (not item by item: the store, say). Sending the items again is harmless (see
            // `rerun`), so the card comes back as it was, its Retry clickable again.
            services.log.error({ err, jobId: old.id, retryJobId: job.id }, 'retry failed');
            await release();
            return { toast: { type: 'error', text: RETRY_BROKE }, card: resultCard(ctx.buttons, old) };
          }
          if (job.state !== 'done') return { toast: { type: 'info', text: PAUSED }, card };
          const still = job.results.filter(spec.retryable).length;
          return {
            toast: still === 0 ? { type: 'success', text: spec.toasts.allDone } : { type: 'warning', text: spec.toasts.still(still) },
            card,
          };
        });
      }),
  });
  const resumeRetry: JobResumer = async (services, stored, surface, buttons) => {
    await runRetryJob(services, surface, stored as RetriableJob<RetryInput<I>, R>, buttons, retryRun);
  };
  const exportCsv: Action = defineAction({
    audited: true,
    name: `${spec.name}.export`,
    preconditions: spec.preconditions,
    run: (ctx) =>
      atMostEvery<RetriableJob<I, R>>(ctx, 'export', RESEND_EVERY_MS, (job, at) => sendJobCsv(ctx, job, spec.csv.kind, spec.csv.header, job.results.map((r) => spec.csv.row(r, job)), at)),
  });
  return { retry, export: exportCsv, resultCard, retryKind, resumeRetry };
}
