import { infoCard } from '../../cards-kit/common.js';
import { t } from '../../cards-kit/i18n.js';
import type { Card } from '../../cards-kit/kit.js';
import { code, m } from '../../cards-kit/markdown.js';

export interface WhoAmI {
  openId: string;
  isAdmin: boolean;
}

/** Who the person is to this bot: their open_id (per app), their role, and how to become an admin. */
export function whoamiCard(me: WhoAmI): Card {
  const id = code(me.openId);
  const role = me.isAdmin
    ? t('你是机器人管理员（在 BOT_ADMINS 中）：可以执行所有命令、点击所有按钮。', 'You are a bot admin (listed in BOT_ADMINS): you may run every command and click every button.')
    : t('你是普通成员：可以查看自己的 OKR；写操作和他人的数据只对机器人管理员开放。', 'You are a member: you may read your own OKRs; writes and other people’s data are for bot admins only.');
  const howTo = me.isAdmin
    ? t('要取消管理员身份，请让运维人员把这个 open_id 从 BOT_ADMINS 中删除并重启机器人。', 'To stop being an admin, ask whoever runs the bot to remove this open_id from BOT_ADMINS and restart it.')
    : t(
      '要成为管理员，请让运维人员把这个 open_id 加入 BOT_ADMINS（多个用英文逗号分隔），然后重启机器人。',
      'To become an admin, ask whoever runs the bot to add this open_id to BOT_ADMINS (comma-separated) and restart it.',
    );
  return infoCard(t('我是谁', 'Who am I'), [
    t(m`你的 open_id：${id}`, m`Your open_id: ${id}`),
    role,
    howTo,
    t('open_id 因应用而异：这个 ID 只属于本机器人所在的应用。', 'open_ids differ from app to app: this one belongs to this bot’s app only.'),
  ], me.isAdmin ? 'green' : 'blue');
}
