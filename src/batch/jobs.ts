import type { Store } from '../store/store.js';

/** A batch run kept for its buttons (retry, undo, export) long after its card was sent. */
export interface Job<Input = unknown, Result = unknown, Meta = unknown> {
  id: string;
  kind: string;
  createdBy: string;
  createdAt: number;
  finishedAt?: number;
  chatId?: string;
  /** The card message showing this job, once sent (a resumed job patches it). */
  messageId?: string;
  /** Where it stands: waiting for a Confirm, being run (its chunks are checkpointed), or finished. */
  state?: JobState;
  /** How many times it was resumed after a restart of the bot. */
  resumed?: number;
  /** A job that failed on another instance: the card that instance showed (its starter answers with it). */
  failedCard?: object;
  input: Input;
  results: Result[];
  meta: Meta;
}

/** `failed`: it broke as a whole (not item by item); it is not resumed and has no results. */
export type JobState = 'previewed' | 'running' | 'done' | 'failed';

export function newJobId(kind: string, now: number, random: () => number): string {
  return `${kind}_${now.toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

const key = (id: string) => `job:${id}`;

const unfinished = (job: Job<unknown, unknown, unknown>) => job.state === 'previewed' || job.state === 'running';

/**
 * Stores a job: a previewed or running one under `unfinished` (never dropped for volume), a finished one
 * under `job` (the oldest dropped past its bound), and then no longer under `unfinished`.
 */
export async function saveJob<I, R, M>(store: Store, job: Job<I, R, M>): Promise<void> {
  if (unfinished(job)) return store.set('unfinished', key(job.id), job);
  await store.set('job', key(job.id), job);
  await store.delete('unfinished', key(job.id));
}

/** A job wherever it is kept (a finished one first: its header may linger under `unfinished` after a crash). */
export async function loadJob<I, R, M>(store: Store, id: string): Promise<Job<I, R, M> | undefined> {
  return (await store.get<Job<I, R, M>>('job', key(id))) ?? store.get<Job<I, R, M>>('unfinished', key(id));
}

/**
 * Claims a one-time operation on a job (retry, undo, confirm). The first clicker gets true; a second
 * click, or another admin clicking at the same time, gets false and must not run it again.
 */
export async function claimOperation(store: Store, jobId: string, op: string): Promise<boolean> {
  return store.claim('claim', `op:${jobId}:${op}`);
}

/** Gives a claimed operation back, so that it can be clicked again (after it failed without effect, or safely repeatable). */
export async function releaseOperation(store: Store, jobId: string, op: string): Promise<void> {
  await store.release('claim', `op:${jobId}:${op}`);
}

const doneKey = (jobId: string, op: string) => `opdone:${jobId}:${op}`;

/** Records that a claimed operation has finished, so that a late second click can say "already done". */
export async function finishOperation(store: Store, jobId: string, op: string): Promise<void> {
  await store.set('claim', doneKey(jobId, op), true);
}

/** For the toast of a refused second click: whether the operation is still running or already done. */
export async function operationState(store: Store, jobId: string, op: string): Promise<'running' | 'done'> {
  return (await store.get<boolean>('claim', doneKey(jobId, op))) ? 'done' : 'running';
}
