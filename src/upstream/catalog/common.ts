import { t } from '../../cards-kit/i18n.js';
import type { ErrorHelp } from '../errorCatalog.js';

/** Platform-wide codes (feishu-apis.md §3) and the IM codes the bot can meet when it answers. */
export const COMMON_ERRORS: Record<string, ErrorHelp> = {
  '99991400': { meaning: t('调用太频繁，已被限流', 'Rate limited by the platform'), action: t('稍后重试；机器人已自动退避重试过', 'Try again in a minute; the bot already backed off and retried') },
  '99991401': { meaning: t('服务器 IP 不在应用的 IP 白名单中', "The server's IP is not on the app's IP allowlist"), action: t('在开发者后台的安全设置中加入本服务器的出口 IP', "Add this server's outbound IP in the app's security settings") },
  '99991661': { meaning: t('缺少访问凭证', 'The access token is missing'), action: t('检查 FEISHU_APP_ID / FEISHU_APP_SECRET', 'Check FEISHU_APP_ID / FEISHU_APP_SECRET') },
  '99991663': { meaning: t('访问凭证无效或已过期', 'The tenant access token is invalid or expired'), action: t('已自动刷新一次仍失败：检查应用凭证', 'A refresh did not help: check the app credentials') },
  '99991662': { meaning: t('应用已停用', 'The app is disabled'), action: t('在开发者后台启用应用', 'Enable the app in the developer console') },
  '99991672': { meaning: t('应用缺少所需权限', 'The app lacks a required scope'), action: t('在开发者后台开通错误信息中提到的权限，并发布新版本', 'Add the scope named in the message in the developer console, then publish a new app version') },
  '99991673': { meaning: t('应用未在本租户安装或不可用', 'The app is not installed or not available in this tenant'), action: t('请管理员在管理后台安装并启用应用', 'Ask the tenant admin to install and enable the app') },
  '10014': { meaning: t('应用状态不可用', 'The app is unavailable'), action: t('检查应用是否已发布', 'Check that the app is published') },
  '10015': { meaning: t('App Secret 错误', 'Wrong app secret'), action: t('检查 FEISHU_APP_SECRET', 'Check FEISHU_APP_SECRET') },
  '230002': { meaning: t('机器人不在该群中', 'The bot is not in this chat'), action: t('先把机器人加入群聊', 'Add the bot to the chat first') },
  '230013': { meaning: t('该用户不在应用的可用范围内', "The user is outside the app's availability"), action: t('在管理后台把用户加入应用可用范围', "Add the user to the app's availability in the admin console") },
  '230020': { meaning: t('消息发送太频繁', 'Messages are being sent too fast'), action: t('稍后重试', 'Try again shortly') },
  '230025': { meaning: t('卡片内容过大', 'The card is too large'), action: t('请使用导出 CSV 查看完整结果', 'Use Export CSV for the full result') },
  '230027': { meaning: t('缺少必要权限', 'Missing a necessary permission'), action: t('检查应用权限和群设置', 'Check the app scopes and the chat settings') },
  '230031': { meaning: t('消息已超过 14 天，无法更新', 'The message is older than 14 days and can no longer be updated'), action: t('重新执行命令', 'Run the command again') },
  '230099': { meaning: t('卡片内容无效', 'The card content is invalid'), action: t('这是机器人的缺陷，请联系维护者', 'This is a bot bug: contact the maintainers') },
};
