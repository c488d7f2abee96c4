import type { CommandContext } from '../../framework/context.js';
import { UserError } from '../../framework/userError.js';
import { t } from '../../cards-kit/i18n.js';
import { limitOf } from '../../upstream/limits.js';
import { ArgError } from '../../framework/parseArgs.js';

export interface Targets {
  people: string[];
  names: Record<string, string>;
}

const OPEN_ID = /^ou_[A-Za-z0-9_-]+$/;

async function chatMembers(ctx: CommandContext, chatId: string, names: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  let pageToken: string | undefined;
  do {
    const res = await ctx.services.feishu.call('im.chat.members', (sdk, o) =>
      sdk.im.chatMembers.get({ path: { chat_id: chatId }, params: { member_id_type: 'open_id', page_size: limitOf('im.chat.members').chunkSize ?? 100, ...(pageToken ? { page_token: pageToken } : {}) } }, o),
    );
    for (const m of res.data?.items ?? []) {
      if (!m.member_id) continue;
      out.push(m.member_id);
      if (m.name) names[m.member_id] = m.name;
    }
    pageToken = res.data?.has_more ? res.data.page_token : undefined;
  } while (pageToken);
  return out;
}

/**
 * The people a /status command acts on: @mentions (already open_ids), typed open_ids and, with --chat,
 * every member of the current chat. Duplicates go, the bot itself goes, and nobody left is an error.
 */
export async function resolveTargets(ctx: CommandContext, words: string[], wholeChat: boolean): Promise<Targets> {
  for (const w of words) {
    if (!OPEN_ID.test(w)) {
      throw new ArgError(w, t('不是一个人：请 @ 成员，或填写 open_id（ou_ 开头）', 'is not a person: @mention someone or give an open_id (ou_…)'));
    }
  }
  const names: Record<string, string> = { ...ctx.mentionNames };
  const ids = [...words];
  // --chat requires a group chat (checked by the dispatcher before the command runs).
  if (wholeChat && ctx.chatId) ids.push(...(await chatMembers(ctx, ctx.chatId, names)));
  const bot = await ctx.services.feishu.botOpenId();
  const people = [...new Set(ids)].filter((id) => id !== bot);
  if (people.length === 0) {
    throw new UserError(
      t('没有要设置的人', 'There is nobody to set the status for'),
      t('请 @ 至少一位成员、填写 open_id，或在群里加上 --chat（机器人自己不算）', 'Mention at least one person, give an open_id, or add --chat in a group (the bot itself does not count)'),
    );
  }
  return { people, names };
}
