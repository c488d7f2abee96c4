import { loadJob, saveJob } from '../../batch/jobs.js';
import type { Services } from '../../framework/context.js';
import type { FollowUp, FollowUpKind, PersonOutcome, StatusInput, StatusJob, StatusMeta } from './job.js';
import { succeededPeople } from './resultView.js';

/**
 * Records on a job that a Retry or Undo of it started or ended (undefined: it is forgotten, so that the
 * button can be clicked again). Re-reads the job first: a Retry and an Undo of one card may run at once.
 */
export async function recordFollowUp(services: Services, parentId: string, kind: FollowUpKind, by: string, f: Omit<FollowUp, 'by' | 'at'> | undefined): Promise<StatusJob | undefined> {
  const fresh = await loadJob<StatusInput, PersonOutcome, StatusMeta>(services.store, parentId);
  if (!fresh) return undefined;
  const { [kind]: _old, ...others } = fresh.meta.followUps ?? {};
  fresh.meta.followUps = f ? { ...others, [kind]: { by, at: services.clock.now(), ...f } } : others;
  await saveJob(services.store, fresh);
  return fresh;
}

/** What a finished follow-up job leaves on the job it followed up. */
export function followUpTally(job: StatusJob): { state: 'done'; ok: number; failed: number } {
  const ok = succeededPeople(job).length;
  return { state: 'done', ok, failed: job.results.length - ok };
}
