import { loadJob } from '../batch/jobs.js';
import { countOutcomes, type AuditRecord } from '../observe/audit.js';
import type { ActionContext } from './context.js';

/**
 * Records a click on a write button: who, where, which action, and the job its button refers to (how many
 * people that batch was about and how their results stood when the click was handled).
 */
export async function auditClick(ctx: ActionContext<unknown>, action: string, result: AuditRecord['result']): Promise<void> {
  const { services } = ctx;
  const job = ctx.ref ? await loadJob(services.store, ctx.ref).catch(() => undefined) : undefined;
  await services.audit.record({
    at: services.clock.now(),
    actor: ctx.actor.openId,
    ...(ctx.chatId ? { chatId: ctx.chatId } : {}),
    kind: 'click',
    what: action,
    people: job?.results.length ?? 0,
    outcomes: job ? countOutcomes(job.results) : {},
    ...(ctx.ref ? { jobId: ctx.ref } : {}),
    result,
  });
}
