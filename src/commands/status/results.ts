import { t, type Text } from '../../i18n.js';

/** A chunk that failed for good (after retries): each of its people gets this result and the reason. */
export const REQUEST_FAILED = 'request_failed';

export interface ResultInfo {
  label: Text;
  success: boolean;
  /** Whether trying again can help (the brief: `fail` and failed requests). */
  retryable: boolean;
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
};

export function resultInfo(result: string): ResultInfo {
  return RESULTS[result] ?? { label: t(`未知结果 ${result}`, `Unknown result ${result}`), success: false, retryable: false };
}
