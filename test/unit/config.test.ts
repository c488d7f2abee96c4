import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, isSandbox, loadLiveConfig as loadConfig } from '../../src/config.js';
import { featureConfigProblems } from '../../src/features/index.js';

/** As main.ts loads it: with the features' own checks (a half-set-up platform). */
const loadLiveConfig = (env: NodeJS.ProcessEnv) => loadConfig(env, featureConfigProblems);

const valid = {
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60708',
  FEISHU_APP_SECRET: 'app-secret-value-123',
  FEISHU_VERIFICATION_TOKEN: 'verification-token-456',
  FEISHU_ENCRYPT_KEY: 'encrypt-key-789',
  BOT_ADMINS: 'ou_admin1, ou_admin2',
};

function problems(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadLiveConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('config was accepted');
}

describe('live config', () => {
  it('accepts a complete environment and applies defaults', () => {
    const c = loadLiveConfig(valid);
    expect(c).toMatchObject({ mode: 'live', PORT: 3000, FEISHU_BASE_URL: 'https://open.feishu.cn', BOT_TIMEZONE: 'Asia/Shanghai', BOT_ADMINS: ['ou_admin1', 'ou_admin2'] });
  });

  it('lists every missing variable at once', () => {
    const e = problems({ FEISHU_APP_ID: 'cli_abc' });
    const text = e.message;
    for (const name of ['FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN', 'BOT_ADMINS']) expect(text).toContain(name);
    expect(e.problems.length).toBeGreaterThanOrEqual(3);
  });

  it('lists each malformed variable, naming the rule, and never echoes a value', () => {
    const env = {
      ...valid,
      FEISHU_APP_ID: 'bad-id-with-secret-part',
      FEISHU_BASE_URL: 'ftp://leaky-secret-host',
      BOT_ADMINS: 'secret-admin-value',
      BOT_TIMEZONE: 'Mars/Secret_City',
      PORT: 'secret-port',
      LOG_LEVEL: 'secret-level',
      JINGSOCIAL_BASE_URL: 'not a url secret',
    };
    const e = problems(env);
    for (const name of ['FEISHU_APP_ID', 'FEISHU_BASE_URL', 'BOT_ADMINS', 'BOT_TIMEZONE', 'PORT', 'LOG_LEVEL', 'JINGSOCIAL_BASE_URL']) {
      expect(e.message, name).toContain(name);
    }
    expect(e.message).toContain('cli_');
    expect(e.message).not.toMatch(/secret|leaky|Mars/i);
    for (const v of Object.values(valid)) expect(e.message).not.toContain(v);
  });

  it('reports a third-party platform that is only partly configured, and accepts a complete or absent one', () => {
    const e = problems({ ...valid, JINGSOCIAL_APP_SECRET: 'jing-secret', CHENGXUN_APP_KEY: 'cx-key' });
    expect(e.problems).toEqual(expect.arrayContaining([
      'JINGSOCIAL_APP_ID: is required when Jingsocial is configured',
      'CHENGXUN_CORP_ID: is required when Chengxun is configured',
      'CHENGXUN_CORP_SECRET: is required when Chengxun is configured',
    ]));
    expect(e.message).not.toContain('jing-secret');
    expect(loadLiveConfig({ ...valid, JINGSOCIAL_APP_ID: 'jing_app', JINGSOCIAL_ACCESS_TOKEN: 'tok', CHENGXUN_ACCESS_TOKEN: 'cx-tok' }).mode).toBe('live');
  });

  it('treats blank variables as missing', () => {
    expect(problems({ ...valid, FEISHU_APP_SECRET: '' }).message).toContain('FEISHU_APP_SECRET');
  });

  it('runs in sandbox mode only without FEISHU_APP_ID', () => {
    expect(isSandbox({})).toBe(true);
    expect(isSandbox({ FEISHU_APP_ID: 'cli_x' })).toBe(false);
  });
});

describe('npm start in live mode with a bad environment', () => {
  it('exits with code 1 and lists the problems on stderr', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, FEISHU_APP_ID: 'bad', FEISHU_APP_SECRET: 'do-not-print-this-secret' };
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Configuration is invalid');
    expect(r.stderr).toContain('FEISHU_APP_ID');
    expect(r.stderr).toContain('FEISHU_VERIFICATION_TOKEN');
    expect(r.stderr).toContain('BOT_ADMINS');
    expect(r.stderr + r.stdout).not.toContain('do-not-print-this-secret');
  }, 25_000);
});
