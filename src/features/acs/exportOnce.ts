import type { Store } from '../../store/store.js';

/**
 * A repeated Export CSV click within this window is answered with "already sent" instead of a second
 * file (double clicks, two admins on one card). After it, the same snapshot may be sent again (the file
 * scrolled away); fresh data is a new `/acs users --all`, whose summary has its own export.
 */
export const EXPORT_REPEAT_WINDOW_MS = 60_000;

const claimKey = (jobId: string) => `acs:export:${jobId}`;
const sentKey = (jobId: string) => `acs:export-sent:${jobId}`;

export type ExportClaim = { ok: true } | { ok: false; state: 'sending' | 'sent' };

/** Claims the export of one summary for the repeat window; a refused claim says whether the file is out. */
export async function claimExport(store: Store, jobId: string): Promise<ExportClaim> {
  if (await store.claim('claim', claimKey(jobId), EXPORT_REPEAT_WINDOW_MS)) return { ok: true };
  return { ok: false, state: (await store.get<boolean>('claim', sentKey(jobId))) ? 'sent' : 'sending' };
}

export async function markExportSent(store: Store, jobId: string): Promise<void> {
  await store.set('claim', sentKey(jobId), true, EXPORT_REPEAT_WINDOW_MS);
}

/** A failed send had no effect: the admin may try again at once. */
export async function releaseExport(store: Store, jobId: string): Promise<void> {
  await store.release('claim', claimKey(jobId));
}
