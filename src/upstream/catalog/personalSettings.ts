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

/** Chat members (for --chat). The codes are UNCONFIRMED: taken from the emulator, not from our reference. */
export const CHAT_MEMBERS_ERRORS: Record<string, ErrorHelp> = {
  '232011': {
    meaning: t('机器人不在这个群里，读不到群成员', 'The bot is not in this chat, so it cannot read the members'),
    action: t('先把机器人加入群聊，或直接 @ 要设置的人', 'Add the bot to the chat first, or @mention the people instead'),
  },
};
