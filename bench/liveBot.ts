import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { sandboxConfig } from '../src/config.js';

const ROOT = resolve(import.meta.dirname, '..');

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `src/main.ts` in live mode as a child process on `port`, every upstream at the emulator, state at `storeUrl`. */
export function spawnLiveBot(emulatorUrl: string, storeUrl: string, port: number): ChildProcess {
  const c = sandboxConfig(emulatorUrl);
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'warn', STORE_URL: storeUrl,
    FEISHU_APP_ID: c.FEISHU_APP_ID, FEISHU_APP_SECRET: c.FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN: c.FEISHU_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: c.FEISHU_ENCRYPT_KEY, FEISHU_BASE_URL: c.FEISHU_BASE_URL, BOT_ADMINS: c.BOT_ADMINS.join(','),
  };
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: 'ignore' });
}
