import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBotApp, type BotApp } from '../../src/app.js';
import { closeServer, listen } from '../../src/lifecycle.js';
import { silentLogger } from '../../src/observe/log.js';
import { startSandbox, type Sandbox } from '../../src/sandboxMode.js';
import { FAST_RETRY } from './harness.js';

export interface SandboxBot {
  url: string;
  sandbox: Sandbox;
  bot: BotApp;
  close(): Promise<void>;
}

/** The real bot in sandbox mode as main.ts wires it (emulator, config, console routes), listening on a free port. */
export async function startSandboxBot(env: NodeJS.ProcessEnv = {}): Promise<SandboxBot> {
  const sandbox = await startSandbox({ STORE_URL: 'memory:', ...env });
  const bot = createBotApp({ config: sandbox.config, log: silentLogger, retry: FAST_RETRY, emulatorUrl: sandbox.emulator.url, consoleRoutes: sandbox.console });
  const server: Server = await listen(bot.listener, 0);
  bot.transport.start();
  if (sandbox.config.FEISHU_TRANSPORT === 'ws') await sandbox.emulator.ws.waitForClient(10_000);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sandbox,
    bot,
    close: async () => {
      await closeServer(server);
      await bot.bot.idle();
      await bot.transport.close();
      await sandbox.emulator.close();
    },
  };
}
