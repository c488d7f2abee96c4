import { z } from 'zod';
import { acsUserCard, acsUserNotFoundCard } from './cards.js';
import { t } from '../../cards-kit/i18n.js';
import { ACS_USER_NOT_FOUND } from '../../upstream/catalog/acsCodes.js';
import { defineCommand, zmsg } from '../../framework/command.js';
import { isPlainMention, PLAIN_MENTION } from '../../framework/ids.js';
import { adminOnly } from '../../framework/preconditions.js';
import { showIfQueued } from '../../framework/queued.js';
import { getAcsUser, isAcsCode } from './api.js';

const userArg = z
  .string({ error: zmsg('缺少：请 @一个人 或给出 open_id', 'is missing: @mention someone or give an open_id') })
  .refine((v) => !isPlainMention(v), zmsg(PLAIN_MENTION.zh_cn, PLAIN_MENTION.en_us))
  .regex(/^ou_[A-Za-z0-9_-]+$/, zmsg('必须是 @某人 或以 ou_ 开头的 open_id，例如 /acs user @小明', 'must be an @mention or an open_id starting with ou_, e.g. /acs user @Ming'));

export const acsUserCommand = defineCommand({
  name: 'acs user',
  preconditions: [adminOnly],
  summary: t('一位门禁用户的卡号和人脸状态', "One access-control user's card number and face state"),
  positionals: [{ name: 'user', help: t('@某人，或 open_id（ou_…）', '@someone, or an open_id (ou_…)') }],
  flags: [],
  args: z.object({ user: userArg }),
  examples: ['/acs user @Ming', '/acs user ou_7dab8a3d3cdcc9da365777c7ad535d62'],
  async run(ctx, a) {
    const name = ctx.mentionNames[a.user];
    await showIfQueued(ctx, ['acs.user.get']);
    try {
      await ctx.show(acsUserCard(await getAcsUser(ctx.services.feishu, a.user), name));
    } catch (err) {
      if (!isAcsCode(err, ACS_USER_NOT_FOUND)) throw err;
      await ctx.show(acsUserNotFoundCard(a.user, name));
    }
  },
});
