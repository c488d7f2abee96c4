import { benchStatus, printStatusBench } from './status.js';

/** `npm run bench`: every benchmark, one after the other. */
async function main(): Promise<void> {
  printStatusBench(await benchStatus());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
