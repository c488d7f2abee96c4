import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints a SQLite WAL from a worker thread, on its own connection. A checkpoint copies the WAL into
 * the database and syncs it to disk; run from the writer's connection (SQLite's auto-checkpoint), that
 * stall would fall on whichever webhook write happened to cross the threshold, on the one event loop every
 * acknowledgement waits for. From a worker it runs beside the writes (PASSIVE: it never blocks them).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** A last checkpoint, then the worker's connection closes. */
  stop(): Promise<void>;
}

/** Starts the worker; `onProblem` hears of a failed checkpoint or a worker that died (then SQLite's own auto-checkpoint is back on). */
export function startCheckpointer(path: string, everyMs: number, onProblem: (err: unknown, workerGone: boolean) => void): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, module, everyMs } });
  worker.unref();
  let gone = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => {
    gone = true;
    resolve();
  }));
  worker.on('message', (m: { error?: string }) => onProblem(new Error(m.error), false));
  worker.on('error', (err) => onProblem(err, true));
  return {
    async stop() {
      if (gone) return;
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (!gone) await worker.terminate();
    },
  };
}
