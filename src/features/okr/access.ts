import { t } from '../../cards-kit/i18n.js';
import { m } from '../../cards-kit/markdown.js';
import { UserError } from '../../framework/userError.js';

/** Who is looking. The app identity can read every OKR, so the bot itself must keep members to their own. */
export interface OkrViewer {
  openId: string;
  isAdmin: boolean;
}

export const mayReadOkrsOf = (viewer: OkrViewer, owner: string): boolean => viewer.isAdmin || viewer.openId === owner;

export function assertMayReadOkrsOf(viewer: OkrViewer, owner: string): void {
  if (mayReadOkrsOf(viewer, owner)) return;
  throw new UserError(
    t('你只能查看自己的 OKR；查看他人的 OKR 需要机器人管理员权限。', 'You can only see your own OKRs; seeing someone else’s needs a bot admin.'),
    t(m`发送 \`/okr\` 查看你自己的 OKR。`, m`Send \`/okr\` to see yours.`),
  );
}
