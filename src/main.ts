import { createBotApp } from './app.js';
import { ConfigError, isSandbox, loadLiveConfig, type Config } from './config.js';
import { loadEnvFile, type EnvFileReport } from './envFile.js';
import { featureConfigProblems } from './features/index.js';
import { closeServer, listen, onStopSignals, StartupError, watchProcess } from './lifecycle.js';
import { createLogger } from './observe/log.js';
import type { Sandbox } from './sandboxMode.js';
import { openStore, StoreOpenError } from './store/openStore.js';
import type { Store } from './store/store.js';
import { parseStoreUrl } from './store/storeUrl.js';

const SDK_WARM_UP_DELAY_MS = 1000;

/** What start-up needs before the app exists: the environment (with `.env`), live or sandbox config. */
async function configure(): Promise<{ config: Config; envFile?: EnvFileReport; sandbox?: Sandbox }> {
  const envFile = loadEnvFile(process.env);
  if (!isSandbox(process.env)) return { config: loadLiveConfig(process.env, featureConfigProblems), envFile };
  // Imported only here: the emulator and its packages are development dependencies.
  const { startSandbox } = await import('./sandboxMode.js');
  const sandbox = await startSandbox(process.env);
  return { config: sandbox.config, envFile, sandbox };
}

function banner(config: Config, store: string, envFile: EnvFileReport | undefined, sandbox: Sandbox | undefined): string {
  const durable = store === 'memory' ? ' (not durable: a restart forgets dedupe keys, jobs and buttons)'
    : store === 'redis' ? ' (shared: every instance on this Redis sees the same events, jobs, buttons and rate limits)' : '';
  const env = envFile
    ? `${envFile.applied.length} variable(s) read${envFile.shadowed.length ? `, ${envFile.shadowed.length} left as the environment set them` : ''}`
    : 'none in the working directory';
  return [
    '',
    `Ops Bot ${config.version} is running on http://localhost:${config.PORT}`,
    `  mode       ${config.mode.toUpperCase()}${config.mode === 'live' ? ` (${config.FEISHU_BASE_URL})` : ''}`,
    `  transport  ${config.FEISHU_TRANSPORT === 'ws' ? 'ws (the long connection to FEISHU_BASE_URL; the webhook routes answer too)' : 'webhook (POST /webhook/event and /webhook/card)'}`,
    `  store      ${store}${durable}`,
    `  .env       ${env}`,
    '  probes     GET /healthz, GET /readyz, GET /metrics',
    ...(sandbox ? ['', ...sandbox.hints] : []),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { config, envFile, sandbox } = await configure();
  const log = createLogger(config.LOG_LEVEL);
  const store = await openConfiguredStore(config, log);
  const { listener, bot, metrics, services, transport, resume } = createBotApp({ config, log, store, emulatorUrl: sandbox?.emulator.url, consoleRoutes: sandbox?.console });
  watchProcess(log, metrics);
  // Before listening: each chat's replayed commands are queued ahead of its new ones. Only the listing is
  // awaited (the work runs on the queue), so readiness does not wait for the replayed work.
  await bot.recover();
  const server = await listen(listener, config.PORT).catch(async (err: unknown) => {
    await sandbox?.emulator.close();
    await store.close();
    throw err;
  });
  const { mode, version } = config;
  log.info({ port: config.PORT, mode, version, transport: transport.kind, store: services.store.backend }, 'ops bot listening');
  transport.start();
  console.error(banner(config, services.store.backend, envFile, sandbox));
  // Jobs a stopped or killed process left unfinished continue on their own cards.
  resume().catch((err: unknown) => log.error({ err }, 'cannot resume the unfinished jobs'));
  // The SDK is loaded on first use; warm it a little after start so the first command need not wait,
  // while the first health checks and acknowledgements are not queued behind its 0.3 s of compiling.
  setTimeout(() => void services.feishu.warmUp().catch((err: unknown) => log.error({ err }, 'cannot load the Feishu SDK')), SDK_WARM_UP_DELAY_MS).unref();
  onStopSignals(log, async () => {
    // No new chunk starts; the chunks in flight finish and are checkpointed, the rest resumes at the next start.
    services.jobs.stop();
    await closeServer(server);
    await bot.idle();
    await services.jobs.drain();
    await services.queue.close();
    await bot.stop();
    await transport.close();
    await store.close();
    await sandbox?.emulator.close();
  });
}

/** The store STORE_URL names; one that cannot be opened (or a Redis that does not answer) stops start-up with where and why. */
async function openConfiguredStore(config: Config, log: ReturnType<typeof createLogger>): Promise<Store> {
  const parsed = parseStoreUrl(config.STORE_URL);
  if (!parsed.ok) throw new StartupError(parsed.problem);
  try {
    return await openStore(parsed.location, {
      onSweepError: (err) => log.error({ err }, 'store sweep failed'),
      onConnection: (event, detail) => (event === 'lost' ? log.error({ detail }, 'the store is unreachable') : log.info({ detail }, 'the store is reachable again')),
    });
  } catch (err) {
    if (err instanceof StoreOpenError) throw new StartupError(err.message);
    throw err;
  }
}

main().catch((err: unknown) => {
  // Start-up failed: one plain message (a config problem lists every variable, never a value), exit 1.
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof StartupError) console.error(`Ops Bot could not start: ${err.message}`);
  else console.error('Ops Bot could not start:', err);
  process.exit(1);
});
