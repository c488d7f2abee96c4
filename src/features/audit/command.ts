import { z } from 'zod';
import { t } from '../../cards-kit/i18n.js';
import { defineCommand, zmsg } from '../../framework/command.js';
import { adminOnly } from '../../framework/preconditions.js';
import { auditCard } from './card.js';

export const AUDIT_MAX = 50;
export const AUDIT_DEFAULT = 20;

const last = z.string().transform((raw, ctx) => {
  const n = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (n >= 1 && n <= AUDIT_MAX) return n;
  ctx.addIssue({ code: 'custom', message: zmsg(`必须是 1 到 ${AUDIT_MAX} 之间的整数，收到 “${raw}”，例如 --last 10`, `must be a whole number from 1 to ${AUDIT_MAX}; got “${raw}”, e.g. --last 10`) });
  return z.NEVER;
});

/** /audit [--last N]: who ran which write, when, on how many people, and how it ended. */
export const auditCommand = defineCommand({
  name: 'audit',
  aliases: ['操作记录'],
  preconditions: [adminOnly],
  summary: t('最近的写操作记录：谁、何时、做了什么、结果如何（管理员）', 'The latest writes: who, when, what and how it ended (admins)'),
  positionals: [],
  flags: [{ name: 'last', kind: 'value', help: t(`显示条数，1 到 ${AUDIT_MAX}，默认 ${AUDIT_DEFAULT}`, `How many to show, 1 to ${AUDIT_MAX}; default ${AUDIT_DEFAULT}`) }],
  args: z.object({ last: last.optional() }),
  examples: ['/audit', '/audit --last 50'],
  async run(ctx, a) {
    const records = await ctx.services.audit.newest(a.last ?? AUDIT_DEFAULT);
    const names = await ctx.services.names.lookup(records.map((r) => r.actor));
    await ctx.show(auditCard(records, ctx.services.config.BOT_TIMEZONE, names));
  },
});
