import type { Server } from 'node:http';
import { createBotApp } from './app.js';
import { ConfigError, isSandbox, loadLiveConfig, SANDBOX_APP_ID, sandboxConfig, sandboxStoreUrl, sandboxTransport, type Config } from './config.js';
import { featureConfigProblems } from './features/index.js';
import { createLogger } from './observe/log.js';
import { startEmulator, type Emulator } from './sandbox/emulator.js';
import { SANDBOX_ADMIN, SANDBOX_MEMBER } from './sandbox/state.js';
import { openStore, StoreOpenError } from './store/openStore.js';
import { parseStoreUrl } from './store/storeUrl.js';
import type { Store } from './store/store.js';

async function configure(): Promise<{ config: Config; emulator?: Emulator }> {
  if (!isSandbox(process.env)) return { config: loadLiveConfig(process.env, featureConfigProblems) };
  const port = Number(process.env.PORT ?? 3000);
  const transport = sandboxTransport(process.env);
  const storeUrl = sandboxStoreUrl(process.env);
  const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
  const config = sandboxConfig(emulator.url, {
    PORT: Number.isInteger(port) ? port : 3000,
    FEISHU_TRANSPORT: transport,
    STORE_URL: storeUrl,
    LOG_LEVEL: (process.env.LOG_LEVEL as Config['LOG_LEVEL'] | undefined) ?? 'info',
  });
  return { config, emulator };
}

async function main(): Promise<void> {
  let setup: Awaited<ReturnType<typeof configure>>;
  try {
    setup = await configure();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { config, emulator } = setup;
  const log = createLogger(config.LOG_LEVEL);
  const store = openConfiguredStore(config, log);
  const { app, bot, transport } = createBotApp({ config, log, store, emulatorUrl: emulator?.url });
  const server: Server = app.listen(config.PORT, () => {
    log.info({ port: config.PORT, mode: config.mode, version: config.version, transport: transport.kind, store: store.backend }, 'ops bot listening');
    transport.start();
    if (emulator) {
      console.error(
        [
          '',
          `Ops Bot is running in SANDBOX mode on http://localhost:${config.PORT} (no FEISHU_APP_ID set).`,
          `The Feishu / Jingsocial / Chengxun emulator runs at ${emulator.url}; events arrive by ${config.FEISHU_TRANSPORT === 'ws' ? 'the long connection (FEISHU_TRANSPORT=ws)' : 'webhook'}.`,
          `Talk to the bot from another terminal${config.PORT === 3000 ? '' : ` (with the same PORT=${config.PORT})`}:`,
          '  npm run say -- "/help"',
          '  npm run say -- "/status list"',
          '  npm run say -- --group "/status open 出差 --chat --until 2h"',
          '  npm run say -- "/acs users"',
          '  npm run say -- "/jing status etDemoActivity0001 u1001 u1002 --signin 1"',
          `  npm run say -- --as member "/okr"      (sample admin ${SANDBOX_ADMIN}, member ${SANDBOX_MEMBER})`,
          '',
        ].join('\n'),
      );
    }
  });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down: finishing queued work');
    server.close();
    const deadline = setTimeout(() => process.exit(0), 10_000);
    void bot.idle().then(async () => {
      await transport.close();
      await store.close();
      await emulator?.close();
      clearTimeout(deadline);
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** The store STORE_URL names; one that cannot be opened stops start-up with the reason (exit 1). */
function openConfiguredStore(config: Config, log: ReturnType<typeof createLogger>): Store {
  const parsed = parseStoreUrl(config.STORE_URL);
  if (!parsed.ok) throw new Error(parsed.problem); // already checked by the config
  try {
    return openStore(parsed.location, { onSweepError: (err) => log.error({ err }, 'store sweep failed') });
  } catch (err) {
    if (!(err instanceof StoreOpenError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

void main();
