import { benchDurability, printDurabilityBench } from './durability.js';
import { benchResume, printResumeBench } from './resume.js';
import { benchStartup, printStartupBench } from './startup.js';
import { benchStatus, printStatusBench } from './status.js';
import { benchStoreWrites, printStoreWritesBench } from './storeWrites.js';
import { benchTakeover, printTakeoverBench } from './takeover.js';
import { benchWebhook, printWebhookBench } from './webhook.js';

/** `npm run bench`: every benchmark, one after the other; `npm run bench -- startup` runs only the named ones. */
const BENCHES: Record<string, () => Promise<void>> = {
  startup: async () => printStartupBench(await benchStartup()),
  webhook: async () => printWebhookBench(await benchWebhook()),
  durability: async () => printDurabilityBench(await benchDurability()),
  status: async () => printStatusBench(await benchStatus()),
  // Both windows bind: 2,000 calls at 1000/min is an 80 s floor (2 min of the long window, less its first).
  status100k: async () => printStatusBench(await benchStatus(100_000), 1.05, 300),
  resume: async () => printResumeBench(await benchResume()),
  takeover: async () => printTakeoverBench(await benchTakeover()),
  storewrites: async () => printStoreWritesBench(await benchStoreWrites()),
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = asked.filter((a) => !(a in BENCHES));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; there are: ${Object.keys(BENCHES).join(', ')}`);
  const names = asked.length > 0 ? asked : Object.keys(BENCHES);
  for (const [i, name] of names.entries()) {
    if (i > 0) console.log('');
    await (BENCHES[name] as () => Promise<void>)();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
