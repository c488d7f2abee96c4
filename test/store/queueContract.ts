import { afterEach, describe, expect, it } from 'vitest';
import { markActive, markFinished } from '../../src/batch/checkpoint.js';
import { JobTaken, type JobQueue, type RunControl } from '../../src/batch/jobQueue.js';
import { queueFor } from '../../src/batch/queueChoice.js';
import { silentLogger } from '../../src/observe/log.js';
import type { Store } from '../../src/store/store.js';

/**
 * One contract for every job queue (in process on memory and SQLite in queue.test.ts, BullMQ in
 * test/redis/): what runJob and the resumers rely on. `stores()` opens stores that share their state, as
 * two instances of the bot on one SQLite file or one Redis do.
 */
export interface QueueBackend {
  name: string;
  stores(): () => Promise<Store>;
}

interface Instance {
  store: Store;
  queue: JobQueue;
  takenOver: Array<{ jobId: string; resumed: boolean }>;
  stopping: boolean;
}

const until = async (cond: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> => {
  const started = Date.now();
  while (!(await cond())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

export function queueContract(backend: QueueBackend): void {
  describe(`the job queue on ${backend.name}`, () => {
    const open: Instance[] = [];
    afterEach(async () => {
      for (const i of open.splice(0)) {
        i.stopping = true;
        await i.queue.close();
        await i.store.close();
      }
    });
    /** Instances sharing one store; a take-over finishes the job unless told to leave it. */
    const instances = async (n: number, leaveUnfinished = false): Promise<Instance[]> => {
      const opener = backend.stores();
      const made: Instance[] = [];
      for (let k = 0; k < n; k++) {
        const store = await opener();
        const inst: Instance = { store, takenOver: [], stopping: false, queue: undefined as unknown as JobQueue };
        inst.queue = queueFor(store, silentLogger, {
          stopping: () => inst.stopping,
          takeOver: async (jobId, run) => {
            inst.takenOver.push({ jobId, resumed: run.resumed });
            if (!leaveUnfinished) await markFinished(store, jobId);
          },
        });
        made.push(inst);
        open.push(inst);
      }
      return made;
    };

    it('runs the work here once and gives back its value; stopped() follows the process stopping', async () => {
      const [a] = await instances(1);
      await markActive(a!.store, 'job_1', { kind: 'test', since: 1 });
      let seen: RunControl | undefined;
      const ran = await a!.queue.run('job_1', async (run) => {
        seen = run;
        await markFinished(a!.store, 'job_1');
        return 42;
      });
      expect(ran).toEqual({ here: true, value: 42 });
      expect(seen?.resumed).toBe(false);
      expect(seen?.stopped()).toBe(false);
      a!.stopping = true;
      expect(seen?.stopped()).toBe(true);
    });

    it('runs a job started on two instances at once exactly once; the other is told it ran elsewhere or is taken', async () => {
      const [a, b] = await instances(2);
      await markActive(a!.store, 'job_2', { kind: 'test', since: 1 });
      let runs = 0;
      const work = async () => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 300));
        await markFinished(a!.store, 'job_2');
        return 'done';
      };
      const outcomes = await Promise.all([a!.queue.run('job_2', work), b!.queue.run('job_2', work)].map((p) => p.then(
        (r) => (r.here ? 'here' : 'elsewhere'),
        (err: unknown) => (err instanceof JobTaken ? 'taken' : `error: ${String(err)}`),
      )));
      expect(runs).toBe(1);
      expect(outcomes.filter((o) => o === 'here')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'elsewhere' || o === 'taken')).toHaveLength(1);
      expect(a!.takenOver.concat(b!.takenOver)).toEqual([]);
    });

    it('at start, hands each job left unfinished to a take-over once, as resumed; none once it is finished', async () => {
      const [a, b] = await instances(2);
      await markActive(a!.store, 'job_3', { kind: 'test', since: 1 });
      await markActive(a!.store, 'job_4', { kind: 'test', since: 1 });
      expect(await a!.queue.start()).toBe(2);
      await until(() => a!.takenOver.length + b!.takenOver.length >= 2, 'both jobs taken over');
      expect(await b!.queue.start()).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      const all = [...a!.takenOver, ...b!.takenOver].sort((x, y) => x.jobId.localeCompare(y.jobId));
      expect(all).toEqual([{ jobId: 'job_3', resumed: true }, { jobId: 'job_4', resumed: true }]);
    });

    it('a job its instance stopped during (still unfinished) is run by another instance, as resumed', async () => {
      const [a, b] = await instances(2);
      await markActive(a!.store, 'job_5', { kind: 'test', since: 1 });
      const ran = await a!.queue.run('job_5', async (run) => {
        a!.stopping = true;
        expect(run.stopped()).toBe(true);
        return 'paused';
      });
      expect(ran).toEqual({ here: true, value: 'paused' });
      await b!.queue.start();
      await until(() => b!.takenOver.length > 0, 'the other instance to take it over');
      expect(b!.takenOver).toEqual([{ jobId: 'job_5', resumed: true }]);
      expect(a!.takenOver).toEqual([]);
    });
  });
}
