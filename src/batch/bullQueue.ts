import { Queue, QueueEvents, WaitingError, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../observe/log.js';
import type { Store } from '../store/store.js';
import { activeJobs, isActive } from './checkpoint.js';
import { JobTaken, type JobQueue, type QueueHooks, type Ran, type RunControl } from './jobQueue.js';

/**
 * How long a job's lock lives without renewal (BullMQ renews it at half this while the job runs). An
 * instance killed outright cannot give its jobs back: each is taken over once its lock has lapsed and a
 * stalled-job check has seen it, within about LOCK_MS + 2 × STALLED_CHECK_MS.
 */
export const LOCK_MS = 10_000;
export const STALLED_CHECK_MS = 5_000;
/** How often one job may be taken over before BullMQ gives up on it (the next start queues it again). */
const MAX_TAKEOVERS = 20;
/** How many jobs one instance runs at once: they mostly wait on the shared rate limits. */
const CONCURRENCY = 50;
/** How long a finished entry stays in BullMQ (seconds): the jobs themselves live in the store. */
const KEEP_FINISHED_S = 3600;
const TROUBLE_LOG_EVERY_MS = 60_000;
const QUEUE = 'jobs';
const JOB = 'run';

interface Payload {
  jobId: string;
  /** Queued again at a start-up (it had run before, its BullMQ entry gone). */
  requeued?: true;
}

export interface BullQueueDeps {
  /** A connection BullMQ may block on (maxRetriesPerRequest: null); the queue owns it and closes it. */
  connection: Redis;
  /** Where BullMQ keeps its keys (beside the store's, under the same prefix). */
  prefix: string;
  store: Store;
  log: Logger;
  hooks: QueueHooks;
}

/**
 * Jobs shared by every instance on one Redis, through BullMQ. A job is added under its own id (so it is
 * queued once however many instances add it) and run by the instance whose worker takes it: the one that
 * started it runs its own closure when it does, any other runs it through the job kind's resumer. The
 * worker holds the job's lock while it runs; when an instance dies its jobs' locks lapse and BullMQ's
 * stalled-job check gives them to another instance, which resumes them from their checkpoints. A job an
 * instance stops during (SIGTERM) is put back at once for the others.
 */
export class BullQueue implements JobQueue {
  readonly kind = 'bullmq';
  private queueOnce?: Queue<Payload>;
  private worker?: Worker<Payload>;
  private events?: Promise<QueueEvents>;
  /** The closures of the jobs this instance started, until some instance has run them. */
  private readonly local = new Map<string, (control: RunControl) => Promise<void>>();
  /** The jobs this instance's worker is running now, for a resumer's runJob to find its own run. */
  private readonly processing = new Map<string, RunControl>();
  private readonly lost = new Set<string>();

  constructor(private readonly deps: BullQueueDeps) {}

  /** Made on first use: an instance that never runs a job opens no connection for it. */
  private get queue(): Queue<Payload> {
    if (!this.queueOnce) {
      this.queueOnce = new Queue<Payload>(QUEUE, { connection: this.deps.connection, prefix: this.deps.prefix });
      this.queueOnce.on('error', this.redisTrouble('queue'));
    }
    return this.queueOnce;
  }

  async run<T>(jobId: string, work: (run: RunControl) => Promise<T>): Promise<Ran<T>> {
    const inside = this.processing.get(jobId);
    if (inside) return { here: true, value: await work(inside) };
    this.ensureWorker();
    const mine = new Promise<Ran<T>>((resolve, reject) => {
      this.local.set(jobId, (control) => work(control).then((value) => resolve({ here: true, value }), reject));
    });
    try {
      const added = await this.queue.add(JOB, { jobId }, { jobId, removeOnComplete: { age: KEEP_FINISHED_S }, removeOnFail: { age: KEEP_FINISHED_S } });
      const events = await this.queueEvents();
      const elsewhere = added.waitUntilFinished(events).then(
        () => ({ here: false }) as const,
        () => ({ here: false }) as const,
      );
      return await Promise.race([mine, elsewhere]);
    } finally {
      this.local.delete(jobId);
    }
  }

  async start(): Promise<number> {
    this.ensureWorker();
    const found = await activeJobs(this.deps.store);
    if (found.length > 0) this.deps.log.info({ jobs: found.length }, 'unfinished jobs found at start-up; queued for whichever instance takes them');
    for (const { jobId } of found) await this.requeue(jobId);
    return found.length;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    if (this.events) await (await this.events).close();
    await this.queueOnce?.close();
    this.deps.connection.disconnect();
  }

  /** Queues an unfinished job unless BullMQ already has it waiting or running; a finished entry is replaced. */
  private async requeue(jobId: string): Promise<void> {
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove();
    }
    await this.queue.add(JOB, { jobId, requeued: true }, { jobId, removeOnComplete: { age: KEEP_FINISHED_S }, removeOnFail: { age: KEEP_FINISHED_S } });
  }

  private ensureWorker(): void {
    if (this.worker) return;
    const { log } = this.deps;
    this.worker = new Worker<Payload>(QUEUE, (job, token, signal) => this.process(job, token, signal), {
      connection: this.deps.connection,
      prefix: this.deps.prefix,
      concurrency: CONCURRENCY,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: MAX_TAKEOVERS,
    });
    this.worker.on('error', this.redisTrouble('worker'));
    this.worker.on('failed', (job, err) => {
      if (!(err instanceof WaitingError)) log.error({ jobId: job?.data.jobId, err: String(err) }, 'a queued job could not be run here; it stays unfinished for the next start');
    });
    this.worker.on('stalled', (jobId) => log.warn({ jobId }, 'a job lost its instance (its lock lapsed); it is queued for another'));
    this.worker.on('lockRenewalFailed', (jobIds) => {
      for (const id of jobIds) this.lost.add(id);
      log.error({ jobIds }, 'could not renew job locks: those jobs start no new chunk here, another instance may take them');
    });
  }

  /**
   * BullMQ reports every failed reconnect while Redis is away (the store already logs the outage once):
   * the first error of each part is logged, then at most one a minute with how many were left out.
   */
  private redisTrouble(part: string): (err: Error) => void {
    let lastAt = -Infinity;
    let unlogged = 0;
    return (err) => {
      const now = Date.now();
      if (now - lastAt < TROUBLE_LOG_EVERY_MS) {
        unlogged += 1;
        return;
      }
      this.deps.log.warn({ part, err: String(err), leftOut: unlogged }, 'job queue: Redis error');
      lastAt = now;
      unlogged = 0;
    };
  }

  private queueEvents(): Promise<QueueEvents> {
    this.events ??= (async () => {
      const events = new QueueEvents(QUEUE, { connection: this.deps.connection, prefix: this.deps.prefix });
      events.on('error', this.redisTrouble('events'));
      await events.waitUntilReady();
      return events;
    })();
    return this.events;
  }

  private async process(job: BullJob<Payload>, token: string | undefined, signal?: AbortSignal): Promise<void> {
    const { jobId } = job.data;
    const control: RunControl = {
      // Started before (a stalled or handed-back job): its checkpoints count and its card says it resumed.
      resumed: job.attemptsStarted > 1 || job.stalledCounter > 0 || job.data.requeued === true,
      stopped: () => this.deps.hooks.stopping() || this.lost.has(jobId) || signal?.aborted === true,
    };
    if (!this.deps.hooks.stopping()) {
      this.deps.log.info({ jobId, resumed: control.resumed, local: this.local.has(jobId) }, 'job started on this instance');
      await this.runHere(jobId, control);
    }
    if (this.lost.delete(jobId)) return; // another instance has it now
    if (token && (await isActive(this.deps.store, jobId))) {
      // Stopped before it finished (or taken while stopping): back to the queue now, for an instance that keeps running.
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }

  private async runHere(jobId: string, control: RunControl): Promise<void> {
    const mine = this.local.get(jobId);
    if (mine) return mine(control).catch(() => undefined); // its starter gets the rejection
    this.processing.set(jobId, control);
    try {
      await this.deps.hooks.takeOver(jobId, control);
    } catch (err) {
      // Finished meanwhile: nothing to run. Anything else the resumer has logged.
      if (!(err instanceof JobTaken)) throw err;
    } finally {
      this.processing.delete(jobId);
    }
  }
}
