import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, isSandbox } from '../../src/config.js';
import { loadEnvFile } from '../../src/envFile.js';

const dirs: string[] = [];
function dirWith(dotenv?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-bot-env-'));
  dirs.push(dir);
  if (dotenv !== undefined) writeFileSync(join(dir, '.env'), dotenv);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('.env', () => {
  it('is read from the given directory, with comments, quotes and export prefixes', () => {
    const env: NodeJS.ProcessEnv = {};
    const report = loadEnvFile(env, dirWith('# a comment\nPORT=3456\nexport BOT_TIMEZONE=Europe/Paris\nFEISHU_APP_SECRET="with # and spaces"\nEMPTY=\n'));
    expect(env).toEqual({ PORT: '3456', BOT_TIMEZONE: 'Europe/Paris', FEISHU_APP_SECRET: 'with # and spaces', EMPTY: '' });
    expect(report?.applied.sort()).toEqual(['BOT_TIMEZONE', 'EMPTY', 'FEISHU_APP_SECRET', 'PORT']);
  });

  it('never overrides a variable already in the environment, even an empty one', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000', LOG_LEVEL: '' };
    const report = loadEnvFile(env, dirWith('PORT=3456\nLOG_LEVEL=debug\nBOT_TIMEZONE=UTC\n'));
    expect(env).toEqual({ PORT: '4000', LOG_LEVEL: '', BOT_TIMEZONE: 'UTC' });
    expect(report?.applied).toEqual(['BOT_TIMEZONE']);
    expect(report?.shadowed.sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('is optional, but one that cannot be read stops start-up naming the file', () => {
    expect(loadEnvFile({}, dirWith())).toBeUndefined();
    const dir = dirWith();
    mkdirSync(join(dir, '.env'));
    expect(() => loadEnvFile({}, dir)).toThrow(ConfigError);
    expect(() => loadEnvFile({}, dir)).toThrow(/\.env: cannot be read \(EISDIR\)/);
  });
});

describe('sandbox or live', () => {
  it('is sandbox only when no FEISHU_* variable is set; blank ones do not count', () => {
    expect(isSandbox({ PORT: '3000', BOT_ADMINS: 'ou_x' })).toBe(true);
    expect(isSandbox({ FEISHU_APP_ID: '', FEISHU_APP_SECRET: '  ' })).toBe(true);
    expect(isSandbox({ FEISHU_ENCRYPT_KEY: 'k' })).toBe(false);
    expect(isSandbox({ FEISHU_BASE_URL: 'https://open.larksuite.com' })).toBe(false);
  });
});
