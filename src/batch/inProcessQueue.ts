import type { Logger } from '../observe/log.js';
import type { Store } from '../store/store.js';
import { activeJobs, isActive } from './checkpoint.js';
import { JobTaken, type JobQueue, type QueueHooks, type Ran, type RunControl } from './jobQueue.js';
import { LEASE_MS, takeLease } from './lease.js';

/** How often a job whose lease another process holds is looked at again (that process may be dead). */
const RECHECK_MS = LEASE_MS / 3;

/**
 * Jobs run in this process (SQLite or memory: one instance). Each run holds the job's lease in the
 * store, so that a second process started on the same SQLite file (an overlapping restart) does not run
 * it too; at start-up the unfinished jobs are taken over once their lease has lapsed.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private closed = false;
  /** The jobs being taken over now, for the resumer's runJob to find its own run. */
  private readonly takingOver = new Map<string, RunControl>();

  constructor(private readonly store: Store, private readonly log: Logger, private readonly hooks: QueueHooks) {}

  async run<T>(jobId: string, work: (run: RunControl) => Promise<T>): Promise<Ran<T>> {
    const lease = await takeLease(this.store, jobId, (err) => this.log.warn({ jobId, err: String(err) }, 'could not renew the job lease'));
    if (!lease) throw new JobTaken(jobId);
    try {
      return { here: true, value: await work(this.takingOver.get(jobId) ?? { resumed: false, stopped: () => this.hooks.stopping() }) };
    } finally {
      await lease.release();
    }
  }

  async start(): Promise<number> {
    const found = await activeJobs(this.store);
    if (found.length > 0) this.log.info({ jobs: found.length }, 'unfinished jobs found at start-up');
    for (const { jobId } of found) void this.attempt(jobId);
    return found.length;
  }

  /** Takes no new job (the running ones are drained by services.jobs on a stop). */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** A job another process holds the lease of is looked at again until that lease lapses or the job is finished. */
  private async attempt(jobId: string): Promise<void> {
    if (this.closed || this.hooks.stopping()) return;
    const control: RunControl = { resumed: true, stopped: () => this.hooks.stopping() };
    this.takingOver.set(jobId, control);
    try {
      await this.hooks.takeOver(jobId, control);
    } catch (err) {
      if (!(err instanceof JobTaken)) {
        // The store failed under it (the resumer logs its own errors): it stays unfinished for the next start.
        this.log.error({ err, jobId }, 'could not take over an unfinished job');
        return;
      }
      if (await isActive(this.store, jobId).catch(() => false)) setTimeout(() => void this.attempt(jobId), RECHECK_MS).unref();
    } finally {
      this.takingOver.delete(jobId);
    }
  }
}
