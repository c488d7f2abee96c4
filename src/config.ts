import { z } from 'zod';
import { DEFAULT_STORE_URL, parseStoreUrl } from './store/storeUrl.js';
import { SDK_APP_ID } from './transport/ws/sdkAppId.js';

/** A required string whose "missing" message says so (zod's default talks about types). */
const required = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

// Checked per field (not in a superRefine) so that one run reports every problem at once:
// zod skips object-level refinements while any field is invalid.
const openIdList = z
  .string()
  .default('')
  .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^ou_[A-Za-z0-9_-]+$/, 'each admin must be an open_id starting with ou_'))
      .min(1, 'needs at least one admin open_id, or nobody can run admin commands'),
  );

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const optional = z.string().trim().min(1).optional();
/** webhook: Feishu POSTs to a public URL; ws: the bot opens a long connection (no public URL needed). */
const transport = z.enum(['webhook', 'ws'], { error: 'must be webhook or ws' }).default('webhook');

/** Where state is kept (src/store/storeUrl.ts); the message names the rule, never the value. */
const storeUrl = z.string().superRefine((value, ctx) => {
  const parsed = parseStoreUrl(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    FEISHU_APP_ID: required().regex(/^cli_[A-Za-z0-9]+$/, 'must look like cli_xxx'),
    FEISHU_APP_SECRET: required().min(1, 'is required'),
    FEISHU_VERIFICATION_TOKEN: required().min(1, 'is required'),
    FEISHU_ENCRYPT_KEY: optional,
    FEISHU_BASE_URL: url.default('https://open.feishu.cn'),
    FEISHU_TRANSPORT: transport,
    BOT_ADMINS: openIdList,
    BOT_TIMEZONE: timezone.default('Asia/Shanghai'),
    STORE_URL: storeUrl.default(DEFAULT_STORE_URL),
    JINGSOCIAL_BASE_URL: url.optional(),
    JINGSOCIAL_APP_ID: optional,
    JINGSOCIAL_APP_SECRET: optional,
    JINGSOCIAL_ACCESS_TOKEN: optional,
    CHENGXUN_BASE_URL: url.optional(),
    CHENGXUN_APP_KEY: optional,
    // The organisation id (组织id) is a number in the token API (third-party-apis.md §B.2).
    CHENGXUN_CORP_ID: z.string().trim().regex(/^\d+$/, 'must be the numeric organisation id (组织id)').optional(),
    CHENGXUN_CORP_SECRET: optional,
    CHENGXUN_ACCESS_TOKEN: optional,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });

export type Config = z.output<typeof schema> & { mode: 'live' | 'sandbox'; version: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const VERSION = '0.1.0';

export const SANDBOX_APP_ID = 'cli_5a4db0c000000001';

/**
 * Parses the environment for live mode. Messages name the variable and the rule, never the value.
 * `moreProblems` adds the checks the features bring (a half-set-up platform, see `partlyConfigured`).
 */
export function loadLiveConfig(env: NodeJS.ProcessEnv, moreProblems: (env: Record<string, string | undefined>) => string[] = () => []): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(blankToUndefined);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
  problems.push(...moreProblems(blankToUndefined));
  if (parsed.success && parsed.data.FEISHU_TRANSPORT === 'ws' && !SDK_APP_ID.test(parsed.data.FEISHU_APP_ID)) {
    problems.push('FEISHU_APP_ID: must be cli_ followed by 16 hex digits for FEISHU_TRANSPORT=ws (the SDK\'s long connection accepts no other)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return { ...parsed.data, mode: 'live', version: VERSION };
}

/**
 * A third-party platform is optional, but one that is partly set up is a mistake to report at start-up,
 * not when an admin first runs its command. `missing` names the variables still needed.
 */
export function partlyConfigured(env: Record<string, string | undefined>, platform: string, prefix: string, missing: (c: Config) => string[]): string[] {
  // A base URL alone sets nothing up; any credential variable does.
  if (!Object.keys(env).some((k) => k.startsWith(prefix) && !k.endsWith('_BASE_URL') && env[k])) return [];
  return missing(env as unknown as Config).map((key) => `${key}: is required when ${platform} is configured`);
}

/** Chooses how events arrive, not which app they come from: it is read in sandbox mode too. */
const MODE_NEUTRAL = new Set(['FEISHU_TRANSPORT']);

/**
 * Sandbox mode only when no FEISHU_* variable is set (blank counts as unset; FEISHU_TRANSPORT does not
 * count): every upstream is then the in-process emulator. Any other one means live mode, so that a
 * half-configured deployment fails at start-up instead of quietly answering from sample data.
 */
export function isSandbox(env: NodeJS.ProcessEnv): boolean {
  return !Object.entries(env).some(([k, v]) => k.startsWith('FEISHU_') && !MODE_NEUTRAL.has(k) && v !== undefined && v.trim() !== '');
}

/** The few variables sandbox mode reads (PORT, LOG_LEVEL), checked like in live mode. */
export function loadSandboxSettings(env: NodeJS.ProcessEnv): Pick<Config, 'PORT' | 'LOG_LEVEL'> {
  const blankToUndefined = { PORT: env.PORT || undefined, LOG_LEVEL: env.LOG_LEVEL || undefined };
  const parsed = schema.pick({ PORT: true, LOG_LEVEL: true }).safeParse(blankToUndefined);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

/** FEISHU_TRANSPORT in sandbox mode, where no other FEISHU_* variable is read. */
export function sandboxTransport(env: NodeJS.ProcessEnv): Config['FEISHU_TRANSPORT'] {
  const parsed = transport.safeParse(env.FEISHU_TRANSPORT || undefined);
  if (!parsed.success) throw new ConfigError(['FEISHU_TRANSPORT: must be webhook or ws']);
  return parsed.data;
}

/** STORE_URL in sandbox mode: volatile unless set (the emulator's own state is forgotten on restart too). */
export function sandboxStoreUrl(env: NodeJS.ProcessEnv): string {
  const value = env.STORE_URL || 'memory:';
  const parsed = parseStoreUrl(value);
  if (!parsed.ok) throw new ConfigError([`STORE_URL: ${parsed.problem}`]);
  return value;
}

/** Builds a config that points every upstream at the given emulator base URL. */
export function sandboxConfig(baseUrl: string, overrides: Partial<Config> = {}): Config {
  return {
    PORT: 3000,
    // Shaped like a real app id: the SDK's long connection accepts no other.
    FEISHU_APP_ID: SANDBOX_APP_ID,
    FEISHU_APP_SECRET: 'sandbox-secret',
    FEISHU_VERIFICATION_TOKEN: 'sandbox-verification-token',
    FEISHU_ENCRYPT_KEY: 'sandbox-encrypt-key',
    FEISHU_BASE_URL: baseUrl,
    FEISHU_TRANSPORT: 'webhook',
    BOT_ADMINS: ['ou_admin000000000000000000000001'],
    BOT_TIMEZONE: 'Asia/Shanghai',
    STORE_URL: 'memory:',
    JINGSOCIAL_BASE_URL: `${baseUrl}/jingsocial`,
    JINGSOCIAL_APP_ID: 'jing_sandbox_app',
    JINGSOCIAL_APP_SECRET: 'jing-sandbox-secret',
    JINGSOCIAL_ACCESS_TOKEN: undefined,
    CHENGXUN_BASE_URL: `${baseUrl}/chengxun`,
    CHENGXUN_APP_KEY: 'cx_sandbox_key',
    CHENGXUN_CORP_ID: '20001',
    CHENGXUN_CORP_SECRET: 'cx-sandbox-secret',
    CHENGXUN_ACCESS_TOKEN: undefined,
    LOG_LEVEL: 'info',
    mode: 'sandbox',
    version: VERSION,
    ...overrides,
  };
}
