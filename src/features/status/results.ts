import { t, type Text } from '../../cards-kit/i18n.js';

/** A request that failed for good after the wrapper's retries (network, 5xx, rate limit): worth retrying later. */
export const REQUEST_FAILED = 'request_failed';
/** The API answered the request with an error (a parameter, the tenant's permission): retrying the same will not help. */
export const REQUEST_REFUSED = 'request_refused';
/**
 * The answer was lost after the request went out (a reset, a timeout) and no later attempt got one: the
 * status may well have been set. Undo includes these people (closing a status that was never opened is
 * harmless), Retry offers them (setting it again is harmless too).
 */
export const REQUEST_UNKNOWN = 'unknown_may_have_applied';
/** 2005006 narrowed down to this one person: a user of another tenant. */
export const OTHER_TENANT = 'other_tenant_user';

export interface ResultInfo {
  label: Text;
  success: boolean;
  /** Whether trying again can help (the brief: `fail` and failed requests). */
  retryable: boolean;
  /** Neither success nor failure is known: the request may have been applied (Undo includes the person). */
  unknown?: boolean;
}

/** Every result value batch_open and batch_close answer (feishu-apis.md §5.2, §5.3), in plain words. */
export const RESULTS: Record<string, ResultInfo> = {
  success_show: { label: t('已开启并显示', 'On and shown'), success: true, retryable: false },
  success_user_close_syn: { label: t('已开启，但本人关闭了自动显示', 'On, but the person turned off auto-showing'), success: true, retryable: false },
  success_user_in_higher_priority_system_status: { label: t('已开启，但有更高优先级的状态在显示', 'On, but a higher-priority status is showing'), success: true, retryable: false },
  success: { label: t('已关闭', 'Turned off'), success: true, retryable: false },
  fail: { label: t('失败（可重试）', 'Failed (can be retried)'), success: false, retryable: true },
  invisible_user_id: { label: t('应用看不到此人（不在可用范围）', "Not visible to the app (outside the app's availability)"), success: false, retryable: false },
  invalid_user_id: { label: t('无效的用户 ID', 'Not a valid user ID'), success: false, retryable: false },
  resign_user_id: { label: t('已离职', 'Has left the company'), success: false, retryable: false },
  [REQUEST_FAILED]: { label: t('请求失败（可重试）', 'Request failed (can be retried)'), success: false, retryable: true },
  [REQUEST_UNKNOWN]: { label: t('结果未知：可能已生效（可重试）', 'Unknown: may have been applied (can be retried)'), success: false, retryable: true, unknown: true },
  [REQUEST_REFUSED]: { label: t('请求被拒绝（见下方原因）', 'Request refused (see the reason below)'), success: false, retryable: false },
  [OTHER_TENANT]: { label: t('其他租户（外部）的用户，无法设置', 'A user of another tenant (cannot be set)'), success: false, retryable: false },
};

export function resultInfo(result: string): ResultInfo {
  return RESULTS[result] ?? { label: t(`未知结果 ${result}`, `Unknown result ${result}`), success: false, retryable: false };
}
