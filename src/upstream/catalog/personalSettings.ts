import { t } from '../../cards-kit/i18n.js';
import type { ErrorHelp } from '../errorCatalog.js';

/** batch_open / batch_close / list error codes (feishu-apis.md §5) and what the admin should change. */
export const SYSTEM_STATUS_ERRORS: Record<string, ErrorHelp> = {
  '2005001': {
    meaning: t('请求参数无效（错误信息里写明了是哪个参数）', 'A request parameter is invalid (the message names it)'),
    action: t('检查状态 ID、人员 ID 和结束时间（365 天以内）；重新执行 /status list 确认状态仍然存在', 'Check the status id, the people and the end time (within 365 days); run /status list to see that the status still exists'),
  },
  '2005006': {
    meaning: t('名单里有其他租户（外部）的用户', 'The list contains a user from another tenant (an external contact)'),
    action: t('把外部用户从名单中去掉后重试；只能为本企业成员设置系统状态', 'Remove the external users and try again; statuses can only be set for members of this tenant'),
  },
  '2005007': {
    meaning: t('本租户没有这个接口的权限', 'This tenant has no access to the API'),
    action: t('请企业管理员在管理后台开通系统状态功能，并确认应用已获得 personal_settings:status:system_status_operate 权限', 'Ask the tenant admin to enable system statuses in the admin console and to grant the app personal_settings:status:system_status_operate'),
  },
};

/**
 * Chat members (for --chat). Not in feishu-apis.md but for 232009 (§9.1: group dissolved); the codes and
 * their meanings are the Feishu chat API error tables' (im-v1 chat-members get, chats get).
 */
const INSTEAD = t('或直接 @ 要设置的人、填写 open_id', 'or @mention the people or give their open_ids instead');
const orInstead = (zh: string, en: string) => t(`${zh}，${INSTEAD.zh_cn}`, `${en}, ${INSTEAD.en_us}`);

export const CHAT_MEMBERS_ERRORS: Record<string, ErrorHelp> = {
  '232006': {
    meaning: t('群 ID 无效：平台不认识这个群（可能已被删除）', 'The chat ID is invalid: the platform does not know this chat (it may have been deleted)'),
    action: orInstead('在仍然存在的群里重新发送命令', 'Send the command again from a chat that still exists'),
  },
  '232009': {
    meaning: t('这个群已解散', 'This chat has been disbanded'),
    action: orInstead('在其他群里使用 --chat', 'Use --chat in another chat'),
  },
  '232010': {
    meaning: t('这个群属于其他租户，机器人读不到它的成员', 'This chat belongs to another tenant, so the bot cannot read its members'),
    action: orInstead('只能读取本企业的群', 'Only chats of this tenant can be read'),
  },
  '232011': {
    meaning: t('机器人不在这个群里，读不到群成员', 'The bot is not in this chat, so it cannot read the members'),
    action: t('先把机器人加入群聊，或直接 @ 要设置的人', 'Add the bot to the chat first, or @mention the people instead'),
  },
  '232025': {
    meaning: t('应用没有启用机器人能力', 'The app does not have the bot capability enabled'),
    action: t('在开发者后台开启机器人能力并发布新版本', 'Enable the bot capability in the developer console, then publish a new app version'),
  },
  '232033': {
    meaning: t('这是外部群，应用没有操作外部群的权限', 'This is an external chat and the app has no permission for external chats'),
    action: orInstead('请管理员为应用开通外部群权限', 'Ask the tenant admin to give the app access to external chats'),
  },
  '232034': {
    meaning: t('应用在本租户未安装或已停用', 'The app is not installed or has been deactivated in this tenant'),
    action: t('请企业管理员在管理后台安装并启用应用', 'Ask the tenant admin to install and enable the app in the admin console'),
  },
};
