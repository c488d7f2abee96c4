import { notConfiguredCard } from '../../cards-kit/fragments.js';
import { t } from '../../cards-kit/i18n.js';
import { partlyConfigured } from '../../config.js';
import type { Env } from '../../framework/feature.js';
import { serviceConfigured } from '../../framework/preconditions.js';
import type { SetupDeps } from '../../framework/services.js';
import { chengxunFromConfig, chengxunMissingEnv, type Chengxun } from './client.js';

declare module '../../framework/services.js' {
  interface Services {
    /** Exists only when Chengxun is configured. */
    chengxun?: Chengxun;
  }
}

export const cxNotConfigured = (missing: string[]) =>
  notConfiguredCard('Chengxun', missing, t(
    '需要 CHENGXUN_APP_KEY、CHENGXUN_CORP_ID（数字组织 ID）和 CHENGXUN_CORP_SECRET（机器人自行获取 token），或只设 CHENGXUN_ACCESS_TOKEN（固定 token）。CHENGXUN_BASE_URL 可选。',
    'Needs CHENGXUN_APP_KEY, CHENGXUN_CORP_ID (the numeric organisation id) and CHENGXUN_CORP_SECRET (the bot gets tokens itself), or only CHENGXUN_ACCESS_TOKEN (a fixed token). CHENGXUN_BASE_URL is optional.',
  ));

/** Chengxun is set up; otherwise the card names the variables to set. */
export const cxConfigured = serviceConfigured('chengxun', 'Chengxun', (services) => cxNotConfigured(chengxunMissingEnv(services.config)));

export const setupCx = (deps: SetupDeps) => ({ chengxun: chengxunFromConfig(deps.config, deps) });

export const cxConfigProblems = (env: Env): string[] => partlyConfigured(env, 'Chengxun', 'CHENGXUN_', chengxunMissingEnv);
