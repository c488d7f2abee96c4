import { createBotApp } from '../src/app.js';
import { runStatus } from '../src/features/status/runStatus.js';
import { SANDBOX_APP_ID, sandboxConfig } from '../src/config.js';
import { silentLogger } from '../src/observe/log.js';
import { startEmulator } from '../src/sandbox/emulator.js';
import { limitOf } from '../src/upstream/limits.js';

const API = 'personal_settings.system_status.batch_open';

export interface StatusBenchResult {
  people: number;
  calls: number;
  wallMs: number;
  minimumMs: number;
  ratio: number;
  rateLimited: number;
  peakRssMb: number;
  succeeded: number;
}

/**
 * Opens a status for `people` people against the emulator with `latencyMs` per call and the documented
 * limits (1000/min and 50/s) enforced on both sides. The theoretical minimum is calls ÷ 50 per second.
 */
export async function benchStatus(people = 10_000, latencyMs = 50, concurrency?: number): Promise<StatusBenchResult> {
  const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret', latencyMs });
  try {
    const ids = Array.from({ length: people }, (_, i) => `ou_bench${String(i).padStart(24, '0')}`);
    for (const id of ids) emulator.state.users.set(id, { open_id: id, name: id, en_name: id, tenant: 'home' });
    const { services } = createBotApp({ config: sandboxConfig(emulator.url), log: silentLogger });
    // Warm-up, not measured: the tenant token, and one batch_open so that lazy module loading and JIT do
    // not land in the first measured burst. Then wait for the 1 s window to empty.
    await services.feishu.botOpenId();
    const warm = ids.slice(0, 1);
    await runStatus(services, { op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people: warm, names: {} });
    await new Promise((r) => setTimeout(r, 1200));
    const before = emulator.state.calls.get(API) ?? 0;
    const { chunkSize = 50, windows } = limitOf(API);
    const calls = Math.ceil(people / chunkSize);
    // A window binds only when there are more calls than it holds (200 calls < 1000/min: only 50/s binds).
    const minimumMs = Math.max(0, ...windows.map((w) => (calls > w.limit ? (calls / w.limit) * w.windowMs : 0)));
    const start = performance.now();
    const results = await runStatus(services, {
      op: 'open', purpose: 'run', statusId: '7101214603622940001', statusTitle: '出差', endSec: Math.floor(Date.now() / 1000) + 3600, people: ids, names: {},
    }, undefined, concurrency);
    const wallMs = performance.now() - start;
    return {
      people,
      calls: (emulator.state.calls.get(API) ?? 0) - before,
      wallMs,
      minimumMs,
      ratio: wallMs / minimumMs,
      rateLimited: emulator.state.rateLimited.get(API) ?? 0,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      succeeded: results.filter((r) => r.result.startsWith('success')).length,
    };
  } finally {
    await emulator.close();
  }
}

export function printStatusBench(r: StatusBenchResult): void {
  console.log('— /status open: 10,000 people, 50 ms latency, batch_open limits 1000/min and 50/s enforced —');
  console.log(`people                ${r.people} (${r.succeeded} succeeded)`);
  console.log(`batch_open calls      ${r.calls}`);
  console.log(`wall time             ${(r.wallMs / 1000).toFixed(2)} s`);
  console.log(`theoretical minimum   ${(r.minimumMs / 1000).toFixed(2)} s (${r.calls} calls at 50/s)`);
  console.log(`ratio                 ${r.ratio.toFixed(3)} (target ≤ 1.10) ${r.ratio <= 1.1 ? 'OK' : 'MISSED'}`);
  console.log(`429 answers           ${r.rateLimited} (target 0) ${r.rateLimited === 0 ? 'OK' : 'MISSED'}`);
  console.log(`peak RSS              ${r.peakRssMb.toFixed(1)} MB`);
}
