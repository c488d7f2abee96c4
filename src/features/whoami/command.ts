import { z } from 'zod';
import { t } from '../../cards-kit/i18n.js';
import { defineCommand } from '../../framework/command.js';
import { whoamiCard } from './card.js';

/** /whoami: anyone's own open_id and role, the one fact an admin needs to fill BOT_ADMINS (open_ids are per app). */
export const whoamiCommand = defineCommand({
  name: 'whoami',
  menuKey: 'whoami',
  aliases: ['我是谁'],
  preconditions: [],
  summary: t('你的 open_id、是否管理员，以及如何成为管理员', 'Your open_id, whether you are an admin, and how to become one'),
  positionals: [],
  flags: [],
  args: z.object({}),
  examples: ['/whoami'],
  async run(ctx) {
    await ctx.show(whoamiCard({ openId: ctx.actor.openId, isAdmin: ctx.actor.isAdmin }));
  },
});
