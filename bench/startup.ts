import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export interface StartupFigures {
  label: string;
  runs: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Starts `cmd` in sandbox mode, returns the milliseconds to its first GET /healthz 200, then stops it. */
async function timeToHealthy(cmd: string, args: string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port) }, stdio: 'ignore' });
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('no /healthz 200 within 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * `npm start` (sandbox mode) from spawn to the first /healthz 200, the npm wrapper included: once right
 * after the start bundle's cache was emptied (it is rebuilt), then `runs` times as a developer restarts it,
 * and the former way (tsx's loader) for comparison.
 */
export async function benchStartup(runs = 9, tsxRuns = 3): Promise<StartupFigures[]> {
  rmSync(join(ROOT, 'node_modules', '.cache', 'ops-bot-start'), { recursive: true, force: true });
  const cold = [await timeToHealthy('npm', ['start'])];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await timeToHealthy('npm', ['start']));
  const tsx: number[] = [];
  for (let i = 0; i < tsxRuns; i++) tsx.push(await timeToHealthy(process.execPath, ['--import', 'tsx', 'src/main.ts']));
  return [
    { label: 'npm start, sources changed (bundle rebuilt)', runs: cold },
    { label: 'npm start', runs: warm },
    { label: 'node --import tsx src/main.ts (before)', runs: tsx },
  ];
}

export function printStartupBench(figures: StartupFigures[]): void {
  console.log('— start-up: spawn to the first GET /healthz 200, sandbox mode —');
  for (const f of figures) {
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const spread = f.runs.length > 1 ? `  (min ${s(Math.min(...f.runs))}, max ${s(Math.max(...f.runs))}, ${f.runs.length} runs)` : '';
    console.log(`${f.label.padEnd(46)} median ${s(median(f.runs))}${spread}`);
  }
  const main = figures.find((f) => f.label === 'npm start');
  if (main) console.log(`target: npm start median ≤ 1.00 s ${median(main.runs) <= 1000 ? 'OK' : 'MISSED'}`);
}
