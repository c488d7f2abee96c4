import { t } from '../../cards-kit/i18n.js';
import type { ErrorHelp } from '../errorCatalog.js';

const CREDENTIALS = t('检查 CHENGXUN_APP_KEY、CHENGXUN_CORP_ID、CHENGXUN_CORP_SECRET（或 CHENGXUN_ACCESS_TOKEN）', 'Check CHENGXUN_APP_KEY, CHENGXUN_CORP_ID, CHENGXUN_CORP_SECRET (or CHENGXUN_ACCESS_TOKEN)');

/** Chengxun error codes (third-party-apis.md §B.4, read on the org-service page; INFERRED shared). */
export const CHENGXUN_ERRORS: Record<string, ErrorHelp> = {
  '40000': { meaning: t('请求参数或地址无效', 'Invalid request (parameters or URI)'), action: t('检查账号 ID、组织 ID 和卡片模板类型；若参数无误，请把错误信息交给维护者', 'Check the account ids, the organisation id and that the app has a card template of this type; if they are right, give the message to the maintainers') },
  '40001': { meaning: t('认证失败', 'Authentication failed'), action: CREDENTIALS },
  '40004': { meaning: t('访问凭证无效', 'The access token is invalid'), action: CREDENTIALS },
  '40005': { meaning: t('访问凭证已过期', 'The access token expired'), action: CREDENTIALS },
  '50000': { meaning: t('橙讯服务器错误', 'Chengxun server error'), action: t('稍后点“重试失败的账号”', 'Click Retry failed a little later') },
  '50100': { meaning: t('组织 ID（corp_id）无效', 'Invalid corp_id'), action: t('检查 CHENGXUN_CORP_ID', 'Check CHENGXUN_CORP_ID') },
  '50101': { meaning: t('组织已停用', 'The organisation is disabled'), action: t('联系橙讯组织管理员', 'Contact the Chengxun organisation admin') },
  '55001': { meaning: t('调用太频繁，已被限流', 'Rate limited (request frequency exceeded)'), action: t('机器人已退避重试过；稍后点“重试失败的账号”', 'The bot already backed off and retried; click Retry failed a little later') },
};
