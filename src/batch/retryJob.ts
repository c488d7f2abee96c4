import type { Text } from '../cards-kit/i18n.js';
import type { Card } from '../cards-kit/kit.js';
import type { ButtonScope } from '../framework/buttons.js';
import type { Services } from '../framework/services.js';
import type { CardSurface } from '../framework/surface.js';
import type { BatchCheckpoint } from './checkpoint.js';
import { newJob, runCounted, type RetriableJob } from './jobRunner.js';
import { finishOperation, loadJob } from './jobs.js';

/** What a Retry job keeps in its input besides the run's own: the job it retries and the items it re-sends. */
export interface RetryPlan {
  of: string;
  keys: string[];
  /** Numbers the retries of one run (1, 2…). */
  round: number;
}

export type RetryInput<I> = I & { retry?: RetryPlan };

/** How one feature's Retry job sends its items and shows its cards. */
export interface RetryRun<I, R> {
  /** The progress card's title while the items are sent again. */
  title: Text;
  key(result: R): string;
  /** Sends `plan.keys` again with the job's own input, its chunks checkpointed (a resumed retry skips those done). */
  rerun(services: Services, job: RetriableJob<I, R>, plan: RetryPlan, onProgress: (done: number, total: number) => void, checkpoint: BatchCheckpoint<R>): Promise<R[]>;
  resultCard(scope: ButtonScope, job: RetriableJob<I, R>): Card;
}

/** The claim a Retry click takes on the job it retries (once.ts), finished by a resumed retry too. */
export const RETRY_OP = 'retry';

/** A new Retry job of `old`: its input with the plan, its meta saying how many items it re-sends. */
export function newRetryJob<I, R>(services: Services, kind: string, idPrefix: string, old: RetriableJob<I, R>, keys: string[], createdBy: string, chatId: string | undefined): RetriableJob<RetryInput<I>, R> {
  const round = (old.meta.retries ?? 0) + 1;
  const input: RetryInput<I> = { ...old.input, retry: { of: old.id, keys, round } };
  return newJob<RetryInput<I>, R, RetriableJob<I, R>['meta']>(services, { idPrefix, kind, createdBy, chatId, input, meta: { retried: keys.length, retries: round } });
}

/**
 * Runs a Retry job on `surface` (the card clicked, or its card after a restart) like any counted job:
 * progress, each chunk checkpointed, then the result card. Its results are the retried job's with the
 * re-sent items replaced, read from the stored job at the end (a resumed retry has only the plan).
 */
export async function runRetryJob<I, R>(services: Services, surface: CardSurface, job: RetriableJob<RetryInput<I>, R>, buttons: ButtonScope, spec: RetryRun<I, R>): Promise<Card> {
  const plan = job.input.retry;
  if (!plan) throw new Error(`job ${job.id} of kind ${job.kind} has no retry plan`);
  const card = await runCounted(services, surface, job, buttons, {
    title: spec.title,
    total: plan.keys.length,
    run: async (onProgress, checkpoint) => {
      const redone = new Map((await spec.rerun(services, job, plan, onProgress, checkpoint)).map((r) => [spec.key(r), r]));
      const retried = await loadJob<I, R, unknown>(services.store, plan.of);
      if (!retried) {
        services.log.warn({ jobId: job.id, retried: plan.of }, 'the retried job is no longer kept: the result shows the re-sent items only');
        return [...redone.values()];
      }
      return retried.results.map((r) => redone.get(spec.key(r)) ?? r);
    },
    resultCard: spec.resultCard,
  });
  if (job.state === 'done') await finishOperation(services.store, plan.of, RETRY_OP);
  return card;
}
