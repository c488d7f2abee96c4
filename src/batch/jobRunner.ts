import { progressCard } from '../cards-kit/fragments.js';
import type { Text } from '../cards-kit/i18n.js';
import type { Card } from '../cards-kit/kit.js';
import type { ButtonScope } from '../framework/buttons.js';
import type { BaseContext } from '../framework/context.js';
import type { Services } from '../framework/services.js';
import type { CardSurface } from '../framework/surface.js';
import { countOutcomes } from '../observe/audit.js';
import { newJobId, saveJob, type Job } from './jobs.js';
import { ProgressThrottle } from './progress.js';

/** What a retry leaves on a job: how many items it re-sent, and which retry round it was. */
export interface RetryMeta {
  retried?: number;
  retries?: number;
}

/** A batch whose failed items can be sent again (Retry) and whose results can be exported. */
export type RetriableJob<I, R> = Job<I, R, RetryMeta>;

/** A new job for a run by `createdBy` whose card is shown in `chatId`. */
export function newJob<I, R, M>(services: Services, j: { idPrefix: string; kind: string; createdBy: string; chatId?: string; input: I; meta: M }): Job<I, R, M> {
  const now = services.clock.now();
  return {
    id: newJobId(j.idPrefix, now, services.random),
    kind: j.kind,
    createdBy: j.createdBy,
    createdAt: now,
    ...(j.chatId ? { chatId: j.chatId } : {}),
    input: j.input,
    results: [],
    meta: j.meta,
  };
}

export interface JobRun<I, R, M, P> {
  /** The progress before anything is done (shown at once, unless the surface already shows a card). */
  start: P;
  progressCard(progress: P): Card;
  /** Calls the platform for every item, reporting progress; one result per item. */
  run(report: (progress: P) => void): Promise<R[]>;
  /** The job's meta once its results are in (state, duration); unchanged when absent. */
  finish?(job: Job<I, R, M>): M;
  resultCard(job: Job<I, R, M>): Card;
  /** What the audit trail calls the run ("status.open"); the job's kind when absent. */
  what?: string;
}

/**
 * Runs a job on a card surface: progress (at most one update a second), the batch, the job stored with its
 * results (before and after, so that its card's buttons find it), then the result card in place of the
 * progress. Returns the result card.
 */
export async function runJob<I, R, M, P>(services: Services, surface: CardSurface, job: Job<I, R, M>, spec: JobRun<I, R, M, P>): Promise<Card> {
  const log = services.log.child({ jobId: job.id });
  if (!surface.written) await surface.show(spec.progressCard(spec.start));
  job.messageId ??= surface.messageId;
  await saveJob(services.store, job);
  const progress = new ProgressThrottle<P>(
    (p) => surface.show(spec.progressCard(p)),
    services.clock,
    1000,
    (err) => log.warn({ err: String(err) }, 'progress update failed'),
  );
  const audit = (result: 'done' | 'failed') => services.audit.record({
    at: services.clock.now(), actor: job.createdBy, ...(job.chatId ? { chatId: job.chatId } : {}), kind: 'command',
    what: spec.what ?? job.kind, people: job.results.length, outcomes: countOutcomes(job.results), jobId: job.id, result,
  });
  let results: R[];
  try {
    results = await spec.run((p) => progress.report(p));
  } catch (err) {
    await progress.stop();
    await audit('failed');
    throw err;
  }
  await progress.stop();
  job.results = results;
  job.finishedAt = services.clock.now();
  job.meta = spec.finish?.(job) ?? job.meta;
  await saveJob(services.store, job);
  await audit('done');
  const card = spec.resultCard(job);
  await surface.show(card);
  return card;
}

export interface CountedRun<I, R> {
  /** The job id's prefix ("jing", "cx") and the job's kind ("jing.status"). */
  idPrefix: string;
  kind: string;
  title: Text;
  input: I;
  total: number;
  run(onProgress: (done: number, total: number) => void): Promise<R[]>;
  resultCard(scope: ButtonScope, job: RetriableJob<I, R>): Card;
}

/**
 * A batch command after validation, shown on the context's card: "Working… n/total" under `title`, then
 * the result card; the job is kept (with its chat) for the card's buttons.
 */
export function runCountedJob<I, R>(ctx: BaseContext, spec: CountedRun<I, R>): Promise<Card> {
  const job = newJob<I, R, RetryMeta>(ctx.services, { idPrefix: spec.idPrefix, kind: spec.kind, createdBy: ctx.actor.openId, chatId: ctx.chatId, input: spec.input, meta: {} });
  return runJob(ctx.services, ctx.surface, job, {
    start: { done: 0, total: spec.total },
    progressCard: (p) => progressCard(spec.title, p.done, p.total),
    run: (report) => spec.run((done, total) => report({ done, total })),
    resultCard: (j) => spec.resultCard(ctx.buttons, j),
  });
}
