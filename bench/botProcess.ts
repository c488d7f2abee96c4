import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { BotFigures, BotOrder } from './statusBot.js';

const ROOT = resolve(import.meta.dirname, '..');
/** Under node_modules, so that the packages left out of the bundle resolve from there. */
const OUT = join(ROOT, 'node_modules', '.cache', 'ops-bot-bench');

/**
 * Bundles statusBot.ts the way `npm start` bundles the bot (scripts/start.mjs: esbuild, the SDK and
 * better-sqlite3 left out) and runs it with plain node, without tsx's loader: tsx adds some 100 MB to a
 * process that loads the Feishu SDK (measured: 76 → 194 MB RSS for the SDK alone under tsx, 41 → 89 MB
 * without), which the bot in production does not carry.
 */
async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(ROOT, 'bench', 'statusBot.ts')],
    outdir: OUT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@larksuiteoapi/node-sdk', 'better-sqlite3'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return join(OUT, 'statusBot.js');
}

/** Runs the bot's side of the status benchmark in a plain node process; its own figures come back over IPC. */
export async function runBotProcess(order: BotOrder): Promise<BotFigures> {
  const entry = await bundle();
  const child = fork(entry, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<BotFigures>((ok, fail) => {
    child.once('message', (figures: BotFigures) => ok(figures));
    child.once('exit', (code) => fail(new Error(`the bot process ended (${code}) without its figures`)));
    child.send(order);
  });
}
