import { t } from '../../cards-kit/i18n.js';
import type { ErrorHelp } from '../errorCatalog.js';

/**
 * Jingsocial's global error table was not readable (third-party-apis.md §A.1): these are the codes our
 * emulator answers with and the HTTP statuses any vendor might use. UNCONFIRMED against the live API.
 */
export const JINGSOCIAL_ERRORS: Record<string, ErrorHelp> = {
  '401': { meaning: t('访问凭证无效', 'The access token was refused'), action: t('检查 JINGSOCIAL_APP_ID / JINGSOCIAL_APP_SECRET（或 JINGSOCIAL_ACCESS_TOKEN）', 'Check JINGSOCIAL_APP_ID / JINGSOCIAL_APP_SECRET (or JINGSOCIAL_ACCESS_TOKEN)') },
  '429': { meaning: t('调用太频繁，已被限流', 'Rate limited'), action: t('机器人已退避重试过；稍后点“重试未更新”', 'The bot already backed off and retried; click Retry not updated a little later') },
};
