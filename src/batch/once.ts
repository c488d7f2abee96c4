import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { t } from '../cards-kit/i18n.js';
import { JOB_TTL_MS } from '../store/store.js';
import type { ActionContext, ActionResult } from '../framework/context.js';
import { claimOperation, finishOperation, loadJob, operationState, releaseOperation, type Job } from './jobs.js';

dayjs.extend(utc);
dayjs.extend(timezone);

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
  let deferred = false;
  try {
    const result = await work(job as J, control);
    const later = result.later;
    if (!later || released) return result;
    // A queued answer: the operation is done once its work, which runs after the callback, is.
    deferred = true;
    return {
      ...result,
      async later() {
        try {
          return await later();
        } finally {
          if (!released) await finishOperation(store, job.id, op);
        }
      },
    };
  } finally {
    if (!released && !deferred) await finishOperation(store, job.id, op);
  }
}

/** How often one job's CSV may be sent again: enough to fetch a lost file, not a flood of copies. */
export const RESEND_EVERY_MS = 60_000;
/** A send that crashed midway frees its lock after this long. */
const SENDING_LOCK_MS = 5 * 60_000;

const clockTime = (ms: number, tz: string): string => dayjs(ms).tz(tz).format('HH:mm:ss');

/**
 * Runs a repeatable operation (Export CSV) on the clicked button's job at most once per `everyMs`: a click
 * inside that time, or a second admin clicking while it runs, gets a toast saying when it can run again.
 * `work` is given the send's time, which makes a key unique to this send (Feishu dedupes a repeated uuid).
 * A failed run does not count, so the button can be clicked again at once.
 */
export async function atMostEvery<J extends Job>(ctx: ActionContext<unknown>, op: string, everyMs: number, work: (job: J, sentAt: number) => Promise<ActionResult>): Promise<ActionResult> {
  const { store, clock, config } = ctx.services;
  const job = await loadJob<J['input'], J['results'][number], J['meta']>(store, ctx.ref);
  if (!job) return { toast: { type: 'error', text: t('这次操作的记录已过期，请重新执行命令', 'This run is no longer kept; run the command again') } };
  const lock = `sending:${job.id}:${op}`;
  if (!(await store.claim('claim', lock, SENDING_LOCK_MS))) {
    return { toast: { type: 'info', text: t('正在发送（可能是别人点的），请稍候', 'Being sent right now (perhaps someone else clicked); please wait') } };
  }
  try {
    const lastKey = `sentat:${job.id}:${op}`;
    const last = await store.get<number>('claim', lastKey);
    const now = clock.now();
    if (last !== undefined && now - last < everyMs) {
      const tz = config.BOT_TIMEZONE;
      const wait = Math.ceil((last + everyMs - now) / 1000);
      return { toast: { type: 'info', text: t(
        `${clockTime(last, tz)} 刚发送过；${clockTime(last + everyMs, tz)} 之后（${wait} 秒后）可以再次发送`,
        `Sent at ${clockTime(last, tz)}; it can be sent again from ${clockTime(last + everyMs, tz)} (in ${wait} s)`,
      ) } };
    }
    const result = await work(job as J, now);
    if (result.toast?.type !== 'error') await store.set('claim', lastKey, now, JOB_TTL_MS);
    return result;
  } finally {
    await store.release('claim', lock);
  }
}
