import { t } from '../../cards-kit/i18n.js';
import type { ErrorHelp } from '../errorCatalog.js';

const PERMISSION = {
  meaning: t('应用没有读取 OKR 的权限', 'The app may not read OKRs'),
  action: t(
    '请管理员在开发者后台为应用开通 okr:okr:readonly（获取 OKR 信息）和“以应用身份访问 OKR 信息”权限，发布新版本并审核通过后重试',
    'Ask an admin to grant the app okr:okr:readonly (read OKR info) and the “access OKR info as the app” permission in the developer console, publish a new app version, get it approved, then try again',
  ),
};

/** OKR v1 error codes (feishu-apis.md §6) and what to do about each. */
const CURRENT: Record<string, ErrorHelp> = {
  '1001001': {
    meaning: t('请求参数无效', 'The request had an invalid parameter'),
    action: t('检查 OKR ID（纯数字）和周期名称；OKR ID 可在 OKR 链接中找到。仍失败请联系维护者', 'Check the OKR ids (digits only) and the period name; OKR ids are in OKR links. If it keeps failing, tell the maintainers'),
  },
  '1001002': PERMISSION,
  '99991672': PERMISSION,
  '1001003': {
    meaning: t('找不到这个用户', 'That user was not found'),
    action: t('确认 @ 的是本企业的在职成员，且在应用的可用范围内', 'Check that you @mentioned a current member of this company who is within the app’s availability'),
  },
  '1001004': {
    meaning: t('找不到该 ID 对应的 OKR', 'No OKR exists with that id'),
    action: t('检查 OKR ID 是否复制完整；已删除的 OKR 无法查看。也可以直接发送 /okr 查看自己的 OKR', 'Check that the OKR id was copied in full; deleted OKRs cannot be read. Or just send /okr for your own'),
  },
  '1009998': {
    meaning: t('OKR 服务系统异常', 'The OKR service had a system error'),
    action: t('机器人已自动重试；请几分钟后点击刷新或重新发送命令', 'The bot already retried; wait a few minutes, then click Refresh or send the command again'),
  },
  '1009999': {
    meaning: t('OKR 服务未知内部错误', 'The OKR service had an unknown internal error'),
    action: t('请稍后重试；如果一直失败，带上日志 ID 联系飞书助手', 'Try again later; if it keeps failing, contact Feishu support with the log id'),
  },
};

/** §6: the legacy OKR codes of the platform list, and the current code each means the same as. */
const LEGACY: Record<string, string> = {
  '1001501': '1001003', // user not found
  '1001502': '1001004', // okr data not found
  '1001901': '1009999', // internal
  '1001902': '1001002', // no permission
  '1001903': '1001001', // invalid params
  '1001999': '1009998', // system exception
};

export const OKR_ERRORS: Record<string, ErrorHelp> = {
  ...CURRENT,
  ...Object.fromEntries(Object.entries(LEGACY).map(([legacy, current]) => [legacy, CURRENT[current] as ErrorHelp])),
};
