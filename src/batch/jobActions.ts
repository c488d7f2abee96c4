import { defineAction, type ActionDef } from '../framework/action.js';
import type { ActionContext, ActionResult, Services } from '../framework/context.js';
import { claimOperation, finishOperation, loadJob, newJobId, operationState, saveJob } from './jobs.js';
import type { Card } from '../cards-kit/kit.js';
import { t, type Text } from '../cards-kit/i18n.js';
import { sendJobCsv } from './jobOps.js';
import type { VendorJob } from './jobRunner.js';

export interface VendorActionsSpec<C, I, R> {
  /** Button action names, e.g. "jing.retry" and "jing.export". */
  retryName: string;
  exportName: string;
  idPrefix: string;
  client(services: Services): C | undefined;
  notConfigured(services: Services): Card;
  /** The item's id (user id, account id) and whether it should be sent again. */
  key(result: R): string;
  retryable(result: R): boolean;
  /** Sends `keys` again with the job's own input; `round` numbers the retries of one run (1, 2…). */
  rerun(client: C, job: VendorJob<I, R>, keys: string[], round: number): Promise<R[]>;
  resultCard(services: Services, job: VendorJob<I, R>): Card;
  toasts: { nothing: Text; allDone: Text; still(n: number): Text };
  csv: { kind: string; header: string[]; row(result: R, job: VendorJob<I, R>): Array<string | number> };
}

/**
 * Runs `work` once per job and operation: a double click, or a second admin clicking at the same time,
 * gets a toast saying it is running or already done, and nothing is sent twice.
 */
async function once<I, R>(ctx: ActionContext, op: string, work: (job: VendorJob<I, R>) => Promise<ActionResult>): Promise<ActionResult> {
  const { store } = ctx.services;
  const job = await loadJob<I, R, VendorJob<I, R>['meta']>(store, ctx.ref);
  if (!job) return { toast: { type: 'error', text: t('这次操作的记录已过期，请重新执行命令', 'This run is no longer kept; run the command again') } };
  if (!(await claimOperation(store, job.id, op))) {
    return (await operationState(store, job.id, op)) === 'done'
      ? { toast: { type: 'warning', text: t('这个按钮已经被点过了，不会重复执行', 'This button was already used; it will not run twice') } }
      : { toast: { type: 'info', text: t('正在执行中（可能是别人点的），不会重复执行', 'Already running (perhaps someone else clicked); it will not run twice') } };
  }
  try {
    return await work(job);
  } finally {
    await finishOperation(store, job.id, op);
  }
}

/** The Retry and Export CSV buttons of a third-party batch result card (admin only, each runs once). */
export function vendorJobActions<C, I, R>(spec: VendorActionsSpec<C, I, R>): [ActionDef, ActionDef] {
  const retry = defineAction({
    name: spec.retryName,
    role: 'admin',
    async run(ctx) {
      const { services } = ctx;
      const client = spec.client(services);
      if (!client) return { card: spec.notConfigured(services) };
      return once<I, R>(ctx, 'retry', async (old) => {
        const again = old.results.filter(spec.retryable).map(spec.key);
        if (again.length === 0) return { toast: { type: 'info', text: spec.toasts.nothing } };
        const round = (old.meta.retries ?? 0) + 1;
        const redone = new Map((await spec.rerun(client, old, again, round)).map((r) => [spec.key(r), r]));
        const now = services.clock.now();
        const job: VendorJob<I, R> = {
          ...old,
          id: newJobId(spec.idPrefix, now, services.random),
          createdBy: ctx.actor.openId,
          createdAt: now,
          finishedAt: services.clock.now(),
          results: old.results.map((r) => redone.get(spec.key(r)) ?? r),
          meta: { retried: again.length, retries: round },
        };
        await saveJob(services.store, job);
        const still = job.results.filter(spec.retryable).length;
        return {
          toast: still === 0 ? { type: 'success', text: spec.toasts.allDone } : { type: 'warning', text: spec.toasts.still(still) },
          card: spec.resultCard(services, job),
        };
      });
    },
  });
  const exportCsv = defineAction({
    name: spec.exportName,
    role: 'admin',
    run: (ctx) =>
      once<I, R>(ctx, 'export', (job) => sendJobCsv(ctx, job, spec.csv.kind, spec.csv.header, job.results.map((r) => spec.csv.row(r, job)))),
  });
  return [retry, exportCsv];
}
