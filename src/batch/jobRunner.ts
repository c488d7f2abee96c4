import { pausedNote, progressCard, resumedNote, withNote } from '../cards-kit/fragments.js';
import type { Text } from '../cards-kit/i18n.js';
import type { Card } from '../cards-kit/kit.js';
import type { ButtonScope } from '../framework/buttons.js';
import type { BaseContext } from '../framework/context.js';
import type { Services } from '../framework/services.js';
import type { CardSurface } from '../framework/surface.js';
import { countOutcomes } from '../observe/audit.js';
import type { BatchCheckpoint } from './checkpoint.js';
import { dropCheckpoints, isActive, markActive, markFinished, storeCheckpoint } from './checkpoint.js';
import { BatchInterrupted } from './engine.js';
import { JobTaken, type RunControl } from './jobQueue.js';
import { loadJob, newJobId, saveJob, type Job } from './jobs.js';
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
  /**
   * Calls the platform for every item, reporting progress; one result per item. `checkpoint` goes to the
   * batch engine: each chunk's results are recorded as it finishes, and a resumed job skips those chunks.
   */
  run(report: (progress: P) => void, checkpoint: BatchCheckpoint<R>): Promise<R[]>;
  /** The job's meta once its results are in (state, duration); unchanged when absent. */
  finish?(job: Job<I, R, M>): M;
  resultCard(job: Job<I, R, M>): Card;
  /** What the audit trail calls the run ("status.open"); the job's kind when absent. */
  what?: string;
  /** False for a job that only reads (the audit trail records writes). */
  audited?: boolean;
}

export { JobTaken };

/** The instance that ran the job saw it break as a whole (it logged why and showed its error card). */
export class JobFailedElsewhere extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} failed on the instance that ran it`);
    this.name = 'JobFailedElsewhere';
  }
}

/**
 * Runs a job on a card surface, durably: its header stored and listed as unfinished, then the batch on
 * the job queue (exactly one instance runs it): progress (at most one update a second), each chunk
 * checkpointed as it finishes, then the job stored with all its results and the result card in place of
 * the progress. A job resumed after a restart (its header was stored `running`) skips the chunks it had
 * checkpointed. When the process stops, the chunks in flight finish and the card says the rest continues
 * after the restart; `job.state` is then still 'running'. Returns the card shown last. When another
 * instance ran the job (Redis), `job` is brought up to date from the store and the card is its own.
 */
export async function runJob<I, R, M, P>(services: Services, surface: CardSurface, job: Job<I, R, M>, spec: JobRun<I, R, M, P>): Promise<Card> {
  const resumed = job.state === 'running';
  if (!resumed) await startJob(services, surface, job, spec);
  const ran = await services.queue.run(job.id, (run) =>
    services.jobs.track(async () => {
      // Run before: resumed at a start, or taken over from an instance that died or stopped.
      const again = resumed || run.resumed;
      if (again && !(await isActive(services.store, job.id))) throw new JobTaken(job.id);
      if (run.resumed) job.resumed = (job.resumed ?? 0) + 1;
      services.metrics.jobRun(again ? 'resumed' : 'new');
      if (again) await startJob(services, surface, job, spec);
      return runBatch(services, surface, job, spec, again, run);
    }),
  );
  if (ran.here) return ran.value;
  const done = await loadJob<I, R, M>(services.store, job.id);
  if (done) Object.assign(job, done);
  if (job.state === 'failed') {
    // The instance that ran it showed why (the feature's error card): the same answer here.
    if (job.failedCard) return job.failedCard as Card;
    throw new JobFailedElsewhere(job.id);
  }
  return job.state === 'done' ? spec.resultCard(job) : withNote(spec.progressCard(spec.start), pausedNote());
}

/** Before the job is queued: its progress card, its header (the results live in the chunk checkpoints until it is done). */
async function startJob<I, R, M, P>(services: Services, surface: CardSurface, job: Job<I, R, M>, spec: JobRun<I, R, M, P>): Promise<void> {
  if (!surface.written) await surface.show(spec.progressCard(spec.start));
  job.messageId ??= surface.messageId;
  job.state = 'running';
  await saveJob(services.store, { ...job, results: [] });
  await markActive(services.store, job.id, { kind: job.kind, since: services.clock.now() });
  // From here the job resumes by itself after a crash; a replay of the command that started it would be a second run.
  services.delivery?.handOff();
}

async function runBatch<I, R, M, P>(services: Services, surface: CardSurface, job: Job<I, R, M>, spec: JobRun<I, R, M, P>, resumed: boolean, run: RunControl): Promise<Card> {
  const { store } = services;
  const log = services.log.child({ jobId: job.id });
  let last = spec.start;
  const progress = new ProgressThrottle<P>(
    (p) => surface.show(spec.progressCard(p)),
    services.clock,
    1000,
    (err) => log.warn({ err: String(err) }, 'progress update failed'),
  );
  const audit = async (result: 'done' | 'failed') => spec.audited !== false && services.audit.record({
    at: services.clock.now(), actor: job.createdBy, ...(job.chatId ? { chatId: job.chatId } : {}), kind: 'command',
    what: spec.what ?? job.kind, people: job.results.length, outcomes: countOutcomes(job.results), jobId: job.id, result,
  });
  const checkpoint = storeCheckpoint<R>(store, job.id, () => run.stopped(), !resumed);
  let results: R[];
  try {
    results = await spec.run((p) => {
      last = p;
      progress.report(p);
    }, checkpoint);
  } catch (err) {
    await progress.stop();
    if (err instanceof BatchInterrupted) {
      log.info({ done: err.done, total: err.total }, 'job interrupted by a stop; it resumes at the next start');
      const paused = withNote(spec.progressCard(last), pausedNote());
      await surface.show(paused).catch((e: unknown) => log.warn({ err: String(e) }, 'could not show the paused card'));
      return paused;
    }
    // A job that broke as a whole (not item by item) is not resumed: it would break again at every start.
    // Stored as failed, so that it no longer holds a place among the unfinished jobs.
    await saveJob(store, { ...job, results: [], state: 'failed', finishedAt: services.clock.now() });
    await markFinished(store, job.id);
    await audit('failed');
    throw err;
  }
  await progress.stop();
  job.results = results;
  job.finishedAt = services.clock.now();
  job.meta = spec.finish?.(job) ?? job.meta;
  job.state = 'done';
  await saveJob(store, job);
  await markFinished(store, job.id);
  await dropCheckpoints(store, job.id, checkpoint.chunks ?? 0);
  await audit('done');
  const card = spec.resultCard(job);
  await surface.show(card);
  return card;
}

/** A batch shown as "Working… n/total" under a title, then its result card (jing, cx). */
export interface CountedJobRun<I, R> {
  title: Text;
  total: number;
  run(onProgress: (done: number, total: number) => void, checkpoint: BatchCheckpoint<R>): Promise<R[]>;
  resultCard(scope: ButtonScope, job: RetriableJob<I, R>): Card;
}

export interface CountedRun<I, R> extends CountedJobRun<I, R> {
  /** The job id's prefix ("jing", "cx") and the job's kind ("jing.status"). */
  idPrefix: string;
  kind: string;
  input: I;
}

/**
 * Runs a counted job on `surface` (a new one, or one resumed after a restart): its final card, when it
 * was resumed, says so under the feature's own result card.
 */
export function runCounted<I, R>(services: Services, surface: CardSurface, job: RetriableJob<I, R>, buttons: ButtonScope, spec: CountedJobRun<I, R>): Promise<Card> {
  return runJob(services, surface, job, {
    start: { done: 0, total: spec.total },
    progressCard: (p) => progressCard(spec.title, p.done, p.total),
    run: (report, checkpoint) => spec.run((done, total) => report({ done, total }), checkpoint),
    resultCard: (j) => (j.resumed ? withNote(spec.resultCard(buttons, j), resumedNote(j.resumed)) : spec.resultCard(buttons, j)),
  });
}

/**
 * A batch command after validation, shown on the context's card: "Working… n/total" under `title`, then
 * the result card; the job is kept (with its chat) for the card's buttons.
 */
export function runCountedJob<I, R>(ctx: BaseContext, spec: CountedRun<I, R>): Promise<Card> {
  const job = newJob<I, R, RetryMeta>(ctx.services, { idPrefix: spec.idPrefix, kind: spec.kind, createdBy: ctx.actor.openId, chatId: ctx.chatId, input: spec.input, meta: {} });
  return runCounted(ctx.services, ctx.surface, job, ctx.buttons, spec);
}
