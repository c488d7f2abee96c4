import { progressCard } from '../cards-kit/fragments.js';
import type { Card } from '../cards-kit/kit.js';
import type { CommandContext, Services } from '../framework/context.js';
import { newJobId, saveJob, type Job } from './jobs.js';
import { ProgressThrottle } from './progress.js';
import type { Text } from '../cards-kit/i18n.js';

/** What a retry leaves on the job: how many items it re-sent, and which retry round it was. */
export interface RetryMeta {
  retried?: number;
  retries?: number;
}

export type VendorJob<I, R> = Job<I, R, RetryMeta>;

export type OnProgress = (done: number, total: number) => void;

interface RunSpec<I, R> {
  /** Prefix of the job id ("jing", "cx") and the job's kind ("jing.status"). */
  idPrefix: string;
  kind: string;
  title: Text;
  input: I;
  total: number;
  run(onProgress: OnProgress): Promise<R[]>;
  resultCard(services: Services, job: VendorJob<I, R>): Card;
}

/**
 * A third-party batch command after validation: a progress card (updated at most once a second), the
 * batch itself, the job kept for the card's buttons, and the result card in place of the progress card.
 */
export async function runVendorJob<I, R>(ctx: CommandContext, spec: RunSpec<I, R>): Promise<void> {
  const { services } = ctx;
  const now = services.clock.now();
  const messageId = await ctx.reply.card(progressCard(spec.title, 0, spec.total));
  const progress = new ProgressThrottle<{ done: number; total: number }>(
    (p) => ctx.reply.update(messageId, progressCard(spec.title, p.done, p.total)),
    services.clock,
    1000,
    (err) => services.log.warn({ err: String(err) }, 'progress card update failed'),
  );
  const results = await spec.run((done, total) => progress.report({ done, total }));
  await progress.stop();
  const job: VendorJob<I, R> = {
    id: newJobId(spec.idPrefix, now, services.random),
    kind: spec.kind,
    createdBy: ctx.actor.openId,
    createdAt: now,
    finishedAt: services.clock.now(),
    chatId: ctx.chatId,
    messageId,
    input: spec.input,
    results,
    meta: {},
  };
  await saveJob(services.store, job);
  await ctx.reply.update(messageId, spec.resultCard(services, job));
}
