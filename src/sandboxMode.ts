import { loadSandboxSettings, SANDBOX_APP_ID, sandboxConfig, sandboxStoreUrl, sandboxTransport, type Config } from './config.js';
import type { Router } from 'express';
import { consoleRouter } from './sandbox/console/routes.js';
import { startEmulator, type Emulator } from './sandbox/emulator.js';
import { SANDBOX_ADMIN, SANDBOX_MEMBER } from './sandbox/state.js';

export interface Sandbox {
  config: Config;
  emulator: Emulator;
  /** The console's routes, for GET /console on the bot's PORT. */
  console: Router;
  /** What to try first, printed under the start-up banner. */
  hints: string[];
}

/**
 * Sandbox mode: the emulator of every upstream platform on loopback, and a config pointing at it. Loaded
 * by main.ts only in sandbox mode, so that a production install (no dev dependencies) never loads it.
 */
export async function startSandbox(env: NodeJS.ProcessEnv): Promise<Sandbox> {
  const settings = { ...loadSandboxSettings(env), FEISHU_TRANSPORT: sandboxTransport(env), STORE_URL: sandboxStoreUrl(env) };
  const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
  const config = sandboxConfig(emulator.url, settings);
  const port = config.PORT === 3000 ? '' : ` (with the same PORT=${config.PORT})`;
  const consoleRoutes = consoleRouter({
    emulator, transport: config.FEISHU_TRANSPORT, verificationToken: config.FEISHU_VERIFICATION_TOKEN, encryptKey: config.FEISHU_ENCRYPT_KEY as string,
  });
  const hints = [
    `Open the console in a browser: http://localhost:${config.PORT}/console`,
    '  (the chats as Feishu shows them: send commands, @mention people, click buttons, watch a batch run)',
    `The Feishu / Jingsocial / Chengxun emulator runs at ${emulator.url} (no FEISHU_* variable is set);`
      + ` events arrive by ${config.FEISHU_TRANSPORT === 'ws' ? 'the long connection (FEISHU_TRANSPORT=ws)' : 'webhook'}.`,
    `Or talk to the bot from another terminal${port}:`,
    '  npm run say -- "/help"',
    '  npm run say -- "/status list"',
    '  npm run say -- --group "/status open 出差 --chat --until 2h"',
    '  npm run say -- "/acs users"',
    '  npm run say -- "/jing status etDemoActivity0001 u1001 u1002 --signin 1"',
    `  npm run say -- --as member "/okr"      (sample admin ${SANDBOX_ADMIN}, member ${SANDBOX_MEMBER})`,
  ];
  return { config, emulator, console: consoleRoutes, hints };
}
