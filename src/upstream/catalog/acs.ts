import { t } from '../../cards-kit/i18n.js';
import type { ErrorHelp } from '../errorCatalog.js';
import { ACS_INVALID_PARAM, ACS_PAGE_TOKEN_INVALID, ACS_USER_NOT_FOUND, INVALID_PARAM } from './acsCodes.js';

const BAD_PARAMETER: ErrorHelp = {
  meaning: t('请求参数不合法（例如 page_size 超出 1–50）', 'A request parameter is invalid (e.g. page_size outside 1–50)'),
  action: t('这是机器人的缺陷，请联系维护者', 'This is a bot bug: contact the maintainers'),
};

/** What ACS error codes mean for an admin (loaded by the /acs commands). */
export const ACS_ERRORS: Record<string, ErrorHelp> = {
  [ACS_PAGE_TOKEN_INVALID]: {
    meaning: t('分页标记无效或已过期：门禁用户列表在翻页期间发生了变化', 'The page token is invalid or expired: the access-control user list changed while paging'),
    action: t('从第一页重新开始', 'Start again from the first page'),
  },
  [ACS_USER_NOT_FOUND]: {
    meaning: t('门禁中没有这个用户（只有加入门禁权限组的用户可见）', 'No such access-control user (only users in an access-control permission group are visible)'),
    action: t('在飞书门禁管理后台把该用户加入权限组', 'Add the user to a permission group in the Feishu access-control admin'),
  },
  [ACS_INVALID_PARAM]: BAD_PARAMETER,
  [INVALID_PARAM]: BAD_PARAMETER,
  '99991672': {
    meaning: t('应用缺少门禁权限 acs:users', 'The app lacks the acs:users scope'),
    action: t('在开发者后台开通“查看、更新智能门禁用户”（acs:users）并发布新版本', 'Add “查看、更新智能门禁用户” (acs:users) in the developer console, then publish a new app version'),
  },
};
