import dayjs from 'dayjs';
import type { Card } from '../../../cards/kit.js';
import { fitCard } from '../../../cards/sizeGuard.js';
import { progressCard, resultCard, type ResultButtons, type ResultView } from '../../../cards/status.js';
import type { Services } from '../../bot/context.js';
import { newJobId, saveJob } from '../../batch/jobs.js';
import { ProgressThrottle } from '../../batch/progress.js';
import { explainCode } from '../../upstream/errorCatalog.js';
import type { StatusInput, StatusJob } from './job.js';
import { RESULTS, resultInfo } from './results.js';
import { runStatus } from './runStatus.js';
import { formatEnd } from './until.js';

/** Where a job's progress and result card is shown: a reply, the clicked card, or a new card. */
export interface Surface {
  show(card: Card): Promise<void>;
}

export const STATUS_JOB_KIND = 'st';

export function newStatusJob(services: Services, input: StatusInput, createdBy: string, chatId: string | undefined): StatusJob {
  const now = services.clock.now();
  return { id: newJobId(STATUS_JOB_KIND, now, services.random), kind: 'status', createdBy, createdAt: now, chatId, input, results: [], meta: { state: 'running' } };
}

export const retryablePeople = (job: StatusJob): string[] => job.results.filter((r) => resultInfo(r.result).retryable).map((r) => r.id);
export const succeededPeople = (job: StatusJob): string[] => job.results.filter((r) => resultInfo(r.result).success).map((r) => r.id);

function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function endText(job: StatusJob, tz: string): string | undefined {
  return job.input.endSec === undefined ? undefined : `${formatEnd(job.input.endSec * 1000, tz)} (${tz})`;
}

/** The final card's data, from a finished job. Pure apart from the error catalogue lookup. */
export function resultViewOf(job: StatusJob, tz: string): ResultView {
  const counts = new Map<string, number>();
  for (const r of job.results) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
  const order = [...Object.keys(RESULTS), ...[...counts.keys()].filter((k) => !(k in RESULTS))];
  const errors = new Map<string, { code: string; msg: string; n: number }>();
  for (const r of job.results) {
    if (!r.error) continue;
    const key = `${r.error.code}|${r.error.msg}`;
    const e = errors.get(key) ?? { ...r.error, n: 0 };
    e.n++;
    errors.set(key, e);
  }
  const api = job.input.op === 'open' ? 'personal_settings.system_status.batch_open' : 'personal_settings.system_status.batch_close';
  return {
    op: job.input.op,
    purpose: job.input.purpose,
    statusTitle: job.input.statusTitle,
    endText: endText(job, tz),
    total: job.results.length,
    counts: order.filter((k) => counts.has(k)).map((result) => ({ result, label: resultInfo(result).label, n: counts.get(result) ?? 0, success: resultInfo(result).success })),
    failures: job.results
      .filter((r) => !resultInfo(r.result).success)
      .map((r) => ({ id: r.id, name: job.input.names[r.id], label: resultInfo(r.result).label, reason: r.error ? `${r.error.code}` : undefined })),
    requestErrors: [...errors.values()].map((e) => ({ ...e, help: explainCode(api, e.code) })),
    ranBy: job.createdBy,
    finishedText: `${dayjs(job.finishedAt ?? job.createdAt).tz(tz).format('YYYY-MM-DD HH:mm:ss')} (${tz})`,
    durationText: duration(job.meta.durationMs ?? 0),
  };
}

export function resultButtonsOf(services: Services, job: StatusJob): ResultButtons {
  const b = services.buttons;
  return {
    retry: { value: { ...b.value('status.retry', job.id) }, n: retryablePeople(job).length },
    ...(job.input.op === 'open' ? { undo: { value: { ...b.value('status.undo', job.id) }, n: succeededPeople(job).length } } : {}),
    export: { ...b.value('status.export', job.id) },
  };
}

export const finalCard = (services: Services, job: StatusJob): Card => resultCard(resultViewOf(job, services.config.BOT_TIMEZONE), resultButtonsOf(services, job));

/**
 * Runs a saved job to the end: live progress on `surface` (at most one update a second), the results
 * stored with the job (so its buttons work later), then the final card. Returns the final card.
 */
export async function executeJob(services: Services, job: StatusJob, surface: Surface): Promise<Card> {
  const { input } = job;
  const log = services.log.child({ jobId: job.id });
  job.meta = { state: 'running', startedAt: services.clock.now() };
  await saveJob(services.store, job);
  const progress = new ProgressThrottle<Parameters<typeof progressCard>[0]>(
    (view) => surface.show(progressCard(view)),
    services.clock,
    1000,
    (err) => log.warn({ err: String(err) }, 'progress update failed'),
  );
  const results = await runStatus(services, input, (tally) => progress.report({ op: input.op, purpose: input.purpose, statusTitle: input.statusTitle, ...tally }));
  await progress.stop();
  job.results = results;
  job.finishedAt = services.clock.now();
  job.meta = { ...job.meta, state: 'done', durationMs: job.finishedAt - (job.meta.startedAt ?? job.createdAt) };
  await saveJob(services.store, job);
  log.info({ op: input.op, total: results.length, ok: succeededPeople(job).length }, 'status job finished');
  const card = finalCard(services, job);
  await surface.show(card);
  return card;
}

/** A surface that patches an already-sent card message. */
export const patchSurface = (services: Services, messageId: string): Surface => ({
  show: (card) => services.feishu.patchCard(messageId, fitCard(card)),
});
