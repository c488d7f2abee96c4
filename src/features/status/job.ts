import type { Job } from '../../batch/jobs.js';

export type StatusOp = 'open' | 'close';

export interface PersonOutcome {
  id: string;
  result: string;
  /** Why the request for this person failed (request_failed, request_refused, other_tenant_user). */
  error?: { code: string; msg: string };
}

export interface StatusInput {
  op: StatusOp;
  /** What started it: a command, Retry failed, or Undo of another job. */
  purpose: 'run' | 'retry' | 'undo';
  parentJobId?: string;
  /** When the followed-up run finished (epoch ms), to say on the new card which run it follows up. */
  parentFinishedAt?: number;
  statusId: string;
  statusTitle: string;
  /** batch_open only: end time, epoch seconds. */
  endSec?: number;
  people: string[];
  /** Display names we know (mentions, chat members), by open_id. */
  names: Record<string, string>;
  /** The app may not read names (no contact scope): its cards show open_ids and say how to get names. */
  namesUnavailable?: boolean;
}

export type FollowUpKind = 'retry' | 'undo';

/** A Retry or Undo started from a job's card, recorded on that job so its card can say so. */
export interface FollowUp {
  by: string;
  at: number;
  state: 'running' | 'done';
  ok?: number;
  failed?: number;
}

export interface StatusMeta {
  state: 'preview' | 'running' | 'done' | 'cancelled';
  startedAt?: number;
  durationMs?: number;
  followUps?: Partial<Record<FollowUpKind, FollowUp>>;
}

export type StatusJob = Job<StatusInput, PersonOutcome, StatusMeta>;
