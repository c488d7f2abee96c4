import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The emulator of a benchmark in a process of its own: its memory is not counted as the bot's, and its
 * work (parsing requests, the handlers) does not hold up the bot's event loop, or the bot's the
 * emulator's arrival times. What the benchmark reads from it at the end comes over IPC.
 */
export interface EmulatorReport {
  calls: number;
  rateLimited: number;
  /** Arrival times of the calls the status handler accepted (statusWorld's callTimes). */
  callTimes: number[];
  /** The emulator process's peak RSS so far. */
  peakRssMb: number;
}

export interface EmulatorProcess {
  url: string;
  report(api: string): Promise<EmulatorReport>;
  close(): Promise<void>;
}

/** What the parent asks of the child (emulatorChild.ts), and what it answers. */
export type ToChild = { op: 'report'; api: string } | { op: 'close' };
export type FromChild = { op: 'ready'; url: string } | { op: 'report'; report: EmulatorReport };

const CHILD = resolve(import.meta.dirname, 'emulatorChild.ts');

/** Starts an emulator with `latencyMs` per call that knows `people` bench people (benchPeople). */
export async function startEmulatorProcess(latencyMs: number, people: number): Promise<EmulatorProcess> {
  // The parent's execArgv carries tsx's loader (npm run bench runs under tsx), which the child needs too.
  const child: ChildProcess = fork(CHILD, [String(latencyMs), String(people)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends FromChild['op']>(op: T) => new Promise<Extract<FromChild, { op: T }>>((ok, fail) => {
    const onMessage = (m: FromChild) => {
      if (m.op !== op) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      ok(m as Extract<FromChild, { op: T }>);
    };
    const onExit = (code: number | null) => fail(new Error(`the emulator process ended (${code}) before answering ${op}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  const send = (m: ToChild) => child.send(m);
  const { url } = await next('ready');
  return {
    url,
    report: async (api) => {
      const answer = next('report');
      send({ op: 'report', api });
      return (await answer).report;
    },
    close: () => new Promise<void>((ok) => {
      child.once('exit', () => ok());
      send({ op: 'close' });
    }),
  };
}
