import type { Store } from '../store/store.js';

/**
 * How long a running job's lease lives without renewal. A process killed outright (kill -9, a power cut)
 * cannot give its leases back: its jobs are resumed by the next process once this much time has passed.
 */
export const LEASE_MS = 12_000;
const RENEW_EVERY_MS = LEASE_MS / 4;

const key = (jobId: string) => `lease:${jobId}`;

/** The right to run one job, held by one process at a time (a claim, renewed while the job runs). */
export interface Lease {
  release(): Promise<void>;
}

/**
 * Takes the lease of `jobId`, or undefined when another process (or this one) holds it. The claim is
 * atomic in the store, so of two processes resuming one job on the same SQLite file, one runs it.
 */
export async function takeLease(store: Store, jobId: string, onRenewError: (err: unknown) => void): Promise<Lease | undefined> {
  if (!(await store.claim('claim', key(jobId), LEASE_MS))) return undefined;
  const timer = setInterval(() => {
    store.set('claim', key(jobId), true, LEASE_MS).catch(onRenewError);
  }, RENEW_EVERY_MS);
  timer.unref();
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await store.release('claim', key(jobId));
    },
  };
}
