import { SANDBOX_APP_ID } from '../src/config.js';
import { startEmulator } from '../src/sandbox/emulator.js';
import { statusWorld } from '../src/sandbox/feishu/status/routes.js';
import type { FromChild, ToChild } from './emulatorProcess.js';
import { benchPeople } from './statusPeople.js';

/** The emulator process of emulatorProcess.ts: argv latency (ms) and how many bench people it knows. */
async function main(): Promise<void> {
  const [latencyMs, people] = process.argv.slice(2).map(Number) as [number, number];
  const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret', latencyMs });
  for (const id of benchPeople(people)) emulator.state.users.set(id, { open_id: id, name: id, en_name: id, tenant: 'home' });
  const send = (m: FromChild) => process.send?.(m);
  process.on('message', (m: ToChild) => {
    if (m.op === 'report') {
      send({
        op: 'report',
        report: {
          calls: emulator.state.calls.get(m.api) ?? 0,
          rateLimited: emulator.state.rateLimited.get(m.api) ?? 0,
          callTimes: statusWorld(emulator.state).callTimes,
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        },
      });
    } else {
      void emulator.close().then(() => process.exit(0));
    }
  });
  send({ op: 'ready', url: emulator.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
