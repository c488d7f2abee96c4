import { isPlainMention, PLAIN_MENTION, splitIds } from '../../framework/ids.js';
import { z } from 'zod';
import { newJobId } from '../../batch/jobs.js';
import { t } from '../../cards-kit/i18n.js';
import { idsOkrCard, saveIdsQuery } from './idsView.js';
import type { OkrLang } from './types.js';
import { userOkrCard } from './userView.js';
import { defineCommand, zmsg } from '../../framework/command.js';
import { showIfQueued } from '../../framework/queued.js';
import { okrIdsAction, userOkrButton } from './actions.js';

/** Enough for any real request (10 batch_get calls), small enough to stay within 100 calls a minute. */
export const MAX_OKR_IDS = 100;
const OKR_ID = /^\d{1,30}$/;
const OPEN_ID = /^ou_[A-Za-z0-9_-]+$/;

const lang = z
  .string()
  .transform((s) => ({ zh: 'zh_cn', en: 'en_us', 'zh-cn': 'zh_cn', 'en-us': 'en_us' })[s.toLowerCase()] ?? s.toLowerCase())
  .pipe(z.enum(['zh_cn', 'en_us'], { error: zmsg('只能是 zh_cn 或 en_us，例如 --lang en_us', 'must be zh_cn or en_us, e.g. --lang en_us') }));

type OkrArgs = { mode: 'user'; owner?: string; periodName?: string; lang?: OkrLang } | { mode: 'ids'; ids: string[]; lang?: OkrLang };

const args = z
  .object({
    targets: z.array(z.string()).default([]),
    period: z.string().trim().min(1, zmsg('不能为空，例如 --period "2026 Q4"', 'cannot be empty, e.g. --period "2026 Q4"')).optional(),
    lang: lang.optional(),
  })
  .transform((a, ctx): OkrArgs => {
    const issue = (message: string, path = 'targets') => {
      ctx.addIssue({ code: 'custom', path: [path], message });
      return z.NEVER;
    };
    // A period name keeps its words as typed; otherwise ids may come as `1,2、3`.
    const words = a.period === undefined ? splitIds(a.targets) : a.targets;
    const people = words.filter((w) => OPEN_ID.test(w));
    const others = words.filter((w) => !OPEN_ID.test(w));
    if (a.period !== undefined) {
      // `--period 2026 年 11 月` without quotes: the words after the first one are the rest of the name.
      if (people.length > 1) return issue(zmsg('一次只能查看一个人，例如 /okr @张三', 'one person at a time, e.g. /okr @Alice'));
      return { mode: 'user', owner: people[0], periodName: [a.period, ...others].join(' '), lang: a.lang };
    }
    if (people.length > 0 && others.length > 0) {
      return issue(zmsg('不能同时给 @成员 和 OKR ID，例如 /okr @张三 或 /okr 7072252816005349396', 'cannot mix @people and OKR ids, e.g. /okr @Alice or /okr 7072252816005349396'));
    }
    if (people.length > 1) return issue(zmsg('一次只能查看一个人，例如 /okr @张三', 'one person at a time, e.g. /okr @Alice'));
    if (people.length === 1) return { mode: 'user', owner: people[0], lang: a.lang };
    if (others.length === 0) return { mode: 'user', lang: a.lang };
    const bad = others.find((w) => !OKR_ID.test(w));
    if (bad !== undefined && isPlainMention(bad)) return issue(zmsg(`中的“${bad}”${PLAIN_MENTION.zh_cn}`, `has “${bad}”, which ${PLAIN_MENTION.en_us}`));
    if (bad !== undefined) {
      return issue(zmsg(`中的“${bad}”既不是 @成员 也不是 OKR ID（纯数字），例如 /okr 7072252816005349396`, `has “${bad}”, which is neither an @mention nor an OKR id (digits), e.g. /okr 7072252816005349396`));
    }
    const ids = [...new Set(others)];
    if (ids.length > MAX_OKR_IDS) return issue(zmsg(`最多 ${MAX_OKR_IDS} 个 OKR ID，当前 ${ids.length} 个`, `takes at most ${MAX_OKR_IDS} OKR ids, got ${ids.length}`));
    return { mode: 'ids', ids, lang: a.lang };
  });

export const okrCommand = defineCommand({
  name: 'okr',
  menuKey: 'okr',
  preconditions: [],
  summary: t('查看 OKR 概览：自己的、他人的（管理员）或指定 OKR ID', 'OKR summary: yours, someone else’s (admins), or by OKR id'),
  positionals: [
    {
      name: 'targets',
      variadic: true,
      optional: true,
      help: t('@成员（仅管理员可查看他人）或 OKR ID（可多个）；不填为自己', '@person (admins only, for others) or OKR ids (several allowed); none: yourself'),
    },
  ],
  flags: [
    { name: 'period', kind: 'value', help: t('周期名称，如 "2026 年 11 月"、"2026 Q4"，或简称 十二月、Dec、Q4；不填为当前周期', 'Period name, e.g. "2026 年 11 月", "2026 Q4", or a short one: 十二月, Dec, Q4; default: the current period') },
    { name: 'lang', kind: 'value', help: t('OKR 内容语言：zh_cn（默认）或 en_us', 'Language of OKR content: zh_cn (default) or en_us') },
  ],
  args,
  examples: ['/okr', '/okr @张三', '/okr --period "2026 年 11 月"', '/okr 7072252816005349396 7072252816005349397', '/okr --lang en_us'],
  async run(ctx, a) {
    const { services, actor } = ctx;
    const okrLang: OkrLang = a.lang ?? ctx.locale;
    if (a.mode === 'user') {
      await showIfQueued(ctx, ['okr.period.list']);
      await ctx.show(await userOkrCard(services, actor, { owner: a.owner ?? actor.openId, periodName: a.periodName, lang: okrLang }, userOkrButton(ctx.buttons)));
      return;
    }
    const ref = newJobId('okr', services.clock.now(), services.random);
    const query = { ids: a.ids, lang: okrLang, viewer: { openId: actor.openId, isAdmin: actor.isAdmin } };
    await saveIdsQuery(services, ref, query);
    await showIfQueued(ctx, ['okr.okr.batch_get', 'okr.user_okr.list']);
    await ctx.show(await idsOkrCard(services, query, okrIdsAction.value(ctx.buttons, ref)));
  },
});
