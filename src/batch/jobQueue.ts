/**
 * Where a job runs: on exactly one instance of the bot. With SQLite or memory that is this process
 * (InProcessQueue); with Redis it is whichever instance's BullMQ worker holds the job's lock, and another
 * instance takes the job over when that one dies (BullQueue).
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /**
   * Runs job `jobId` (its header already stored as running). `work` runs here when this instance gets the
   * job; otherwise another instance runs it through the job kind's resumer and this one is told so.
   * Rejects with JobTaken when the job is already run by another process (in-process queue only).
   */
  run<T>(jobId: string, work: (run: RunControl) => Promise<T>): Promise<Ran<T>>;
  /** Starts taking the jobs left unfinished (at start-up, or by an instance that died); how many it found. */
  start(): Promise<number>;
  /** Takes no new job and waits for the running ones to hand back what they could not finish. */
  close(): Promise<void>;
}

/** What one run of a job is told by its queue. */
export interface RunControl {
  /** The job ran before (on this instance or another): some of its chunks may be checkpointed. */
  resumed: boolean;
  /** True once this run must start no new chunk: the process is stopping, or the job was lost to another instance. */
  stopped(): boolean;
}

export type Ran<T> = { here: true; value: T } | { here: false };

/** Runs a stored, unfinished job again through its kind's resumer. */
export type TakeOver = (jobId: string, run: RunControl) => Promise<void>;

/** What a queue is given when it is made. */
export interface QueueHooks {
  takeOver: TakeOver;
  /** True once this process is stopping: no job starts and running ones start no new chunk. */
  stopping(): boolean;
}

/** Another process holds the job (it is running it), or the job is already finished. */
export class JobTaken extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} is run by another process or already finished`);
    this.name = 'JobTaken';
  }
}
