import { t, type Text } from '../cards-kit/i18n.js';
import type { Role } from './command.js';
import type { Actor } from './context.js';

export type Verdict = { ok: true } | { ok: false; reason: Text };

/** The one permission rule, for commands and button clicks alike: admins may do everything. */
export function canRun(role: Role, actor: Actor): Verdict {
  if (role === 'member' || actor.isAdmin) return { ok: true };
  return { ok: false, reason: t('只有机器人管理员可以执行', 'only bot admins may do this') };
}

export const isAdmin = (admins: readonly string[], openId: string): boolean => admins.includes(openId);
