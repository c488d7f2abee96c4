import type { Card } from '../cards-kit/kit.js';
import type { Text } from '../cards-kit/i18n.js';
import { defineAction, type Action } from '../framework/action.js';
import type { ButtonScope, ButtonValue } from '../framework/buttons.js';
import type { Services } from '../framework/context.js';
import type { Precondition } from '../framework/preconditions.js';
import { newJobId, saveJob } from './jobs.js';
import { sendJobCsv } from './jobExport.js';
import type { RetriableJob } from './jobRunner.js';
import { atMostEvery, once, RESEND_EVERY_MS } from './once.js';

/** The buttons of a result card: Retry only while some item can still be sent again. */
export interface JobButtons {
  retry?: ButtonValue;
  export: ButtonValue;
}

export interface RetryExportSpec<C, I, R> {
  /** The actions are `<name>.retry` and `<name>.export`; retried jobs' ids start with it. */
  name: string;
  /** Who may click, checked on every click of both buttons. */
  preconditions: ReadonlyArray<Precondition>;
  /** What Retry needs besides (the platform set up); Export only reads the stored job. */
  retryNeeds: ReadonlyArray<Precondition>;
  client(services: Services): C;
  /** The item's id (user id, account id) and whether it should be sent again. */
  key(result: R): string;
  retryable(result: R): boolean;
  /** Sends `keys` again with the job's own input; `round` numbers the retries of one run (1, 2…). */
  rerun(client: C, job: RetriableJob<I, R>, keys: string[], round: number): Promise<R[]>;
  /** The result card (pure), given its buttons. */
  resultCard(job: RetriableJob<I, R>, buttons: JobButtons): Card;
  toasts: { nothing: Text; allDone: Text; still(n: number): Text };
  csv: { kind: string; header: string[]; row(result: R, job: RetriableJob<I, R>): Array<string | number> };
}

export interface RetryExportActions<I, R> {
  retry: Action;
  export: Action;
  /** The job's result card with its Retry and Export buttons, signed for where `scope` shows it. */
  resultCard(scope: ButtonScope, job: RetriableJob<I, R>): Card;
}

/** The Retry and Export CSV buttons of a batch's result card: Retry once per job, Export at most once a minute. */
export function retryExportActions<C, I, R>(spec: RetryExportSpec<C, I, R>): RetryExportActions<I, R> {
  const resultCard = (scope: ButtonScope, job: RetriableJob<I, R>): Card =>
    spec.resultCard(job, {
      ...(job.results.some(spec.retryable) ? { retry: retry.value(scope, job.id) } : {}),
      export: exportCsv.value(scope, job.id),
    });
  const retry: Action = defineAction({
    audited: true,
    name: `${spec.name}.retry`,
    preconditions: [...spec.preconditions, ...spec.retryNeeds],
    run: (ctx) =>
      once<RetriableJob<I, R>>(ctx, 'retry', async (old) => {
        const { services } = ctx;
        const again = old.results.filter(spec.retryable).map(spec.key);
        if (again.length === 0) return { toast: { type: 'info', text: spec.toasts.nothing } };
        const round = (old.meta.retries ?? 0) + 1;
        const redone = new Map((await spec.rerun(spec.client(services), old, again, round)).map((r) => [spec.key(r), r]));
        const now = services.clock.now();
        const job: RetriableJob<I, R> = {
          ...old,
          id: newJobId(spec.name, now, services.random),
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
          card: resultCard(ctx.buttons, job),
        };
      }),
  });
  const exportCsv: Action = defineAction({
    audited: true,
    name: `${spec.name}.export`,
    preconditions: spec.preconditions,
    run: (ctx) =>
      atMostEvery<RetriableJob<I, R>>(ctx, 'export', RESEND_EVERY_MS, (job, at) => sendJobCsv(ctx, job, spec.csv.kind, spec.csv.header, job.results.map((r) => spec.csv.row(r, job)), at)),
  });
  return { retry, export: exportCsv, resultCard };
}
