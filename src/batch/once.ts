import { t } from '../cards-kit/i18n.js';
import type { ActionContext, ActionResult } from '../framework/context.js';
import { claimOperation, finishOperation, loadJob, operationState, releaseOperation, type Job } from './jobs.js';

/** What a run-once operation may do with its claim. */
export interface OnceControl {
  /** Gives the claim back (the operation failed without effect): the button may be clicked again. */
  release(): Promise<void>;
}

/**
 * Runs `work` on the clicked button's job once per job and operation (retry, undo, export, confirm): a
 * double click, or a second admin clicking at the same time, gets a toast saying it is running or already
 * done, and nothing runs twice.
 */
export async function once<J extends Job>(ctx: ActionContext<unknown>, op: string, work: (job: J, control: OnceControl) => Promise<ActionResult>): Promise<ActionResult> {
  const { store } = ctx.services;
  const job = await loadJob<J['input'], J['results'][number], J['meta']>(store, ctx.ref);
  if (!job) return { toast: { type: 'error', text: t('这次操作的记录已过期，请重新执行命令', 'This run is no longer kept; run the command again') } };
  if (!(await claimOperation(store, job.id, op))) {
    return (await operationState(store, job.id, op)) === 'done'
      ? { toast: { type: 'info', text: t('已经执行过了，不会重复执行', 'Already done; it will not run twice') } }
      : { toast: { type: 'info', text: t('正在执行中（可能是别人点的），请稍候', 'Already running (perhaps someone else clicked); please wait') } };
  }
  let released = false;
  const control: OnceControl = {
    async release() {
      released = true;
      await releaseOperation(store, job.id, op);
    },
  };
  try {
    return await work(job as J, control);
  } finally {
    if (!released) await finishOperation(store, job.id, op);
  }
}
