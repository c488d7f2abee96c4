import { notConfiguredCard } from '../../cards-kit/fragments.js';
import { t } from '../../cards-kit/i18n.js';
import { partlyConfigured } from '../../config.js';
import type { Env } from '../../framework/feature.js';
import { serviceConfigured } from '../../framework/preconditions.js';
import type { SetupDeps } from '../../framework/services.js';
import { jingsocialFromConfig, jingsocialMissingEnv, type Jingsocial } from './client.js';

declare module '../../framework/services.js' {
  interface Services {
    /** Exists only when Jingsocial is configured. */
    jingsocial?: Jingsocial;
  }
}

export const jingNotConfigured = (missing: string[]) =>
  notConfiguredCard('Jingsocial', missing, t(
    '需要 JINGSOCIAL_APP_ID，以及 JINGSOCIAL_APP_SECRET（机器人自行获取并刷新 token）或 JINGSOCIAL_ACCESS_TOKEN（固定 token）。JINGSOCIAL_BASE_URL 可选。',
    'Needs JINGSOCIAL_APP_ID plus either JINGSOCIAL_APP_SECRET (the bot gets and refreshes tokens) or JINGSOCIAL_ACCESS_TOKEN (a fixed token). JINGSOCIAL_BASE_URL is optional.',
  ));

/** Jingsocial is set up; otherwise the card names the variables to set. */
export const jingConfigured = serviceConfigured('jingsocial', 'Jingsocial', (services) => jingNotConfigured(jingsocialMissingEnv(services.config)));

export const setupJing = (deps: SetupDeps) => ({ jingsocial: jingsocialFromConfig(deps.config, deps) });

export const jingConfigProblems = (env: Env): string[] => partlyConfigured(env, 'Jingsocial', 'JINGSOCIAL_', jingsocialMissingEnv);
