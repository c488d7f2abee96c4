import { t, type RichText, type Text } from './i18n.js';
import { card, md, panel, type Card, type Element } from './kit.js';
import { code, joinMd, linesMd, literalCode, m } from './markdown.js';

/** The platform is not configured: which environment variables to set. */
export function notConfiguredCard(platform: string, missing: string[], alternatives: Text): Card {
  const vars = joinMd(missing.map(literalCode), ' · ');
  return card({
    title: t(`${platform} 尚未配置`, `${platform} is not configured`),
    template: 'orange',
    summary: t(`${platform} 尚未配置`, `${platform} is not configured`),
    elements: [
      md(t(m`请在机器人的环境变量中设置：${vars}，然后重启机器人。`, m`Set these environment variables for the bot, then restart it: ${vars}.`)),
      md(alternatives, { text_size: 'notation' }),
    ],
  });
}

export function progressCard(title: Text, done: number, total: number): Card {
  return card({
    title,
    template: 'wathet',
    summary: title,
    elements: [md(t(`处理中… ${done}/${total}`, `Working… ${done}/${total}`))],
  });
}

/** Ids as a compact markdown list, at most `max` shown (the CSV export has them all). */
export function idList(ids: string[], max = 200): RichText {
  const shown = joinMd(ids.slice(0, max).map(code), ', ');
  const more = ids.length - Math.min(ids.length, max);
  return more > 0 ? t(m`${shown} …另有 ${more} 个（导出 CSV 查看全部）`, m`${shown} …and ${more} more (Export CSV for all)`) : t(shown, shown);
}

/** How many ids a reason's panel shows; the CSV export has them all. */
export const SAMPLE_PER_REASON = 10;
/** Reasons beyond this many are summed into one last panel. */
export const MAX_REASONS = 8;

export interface ReasonGroup {
  /** What went wrong, e.g. "Not a valid user ID (`invalid_user_id`)". */
  reason: RichText;
  /** Who or what it went wrong for: user ids, account ids. */
  ids: string[];
  /** What to do about it. */
  hint?: Text;
  /** Names of some of the ids, shown next to them. */
  names?: Record<string, string | undefined>;
}

/** The first ids of a group, each with its name when known, and how many more the CSV has. */
function sample(g: ReasonGroup): RichText {
  const shown = joinMd(g.ids.slice(0, SAMPLE_PER_REASON).map((id) => (g.names?.[id] ? m`${g.names[id] as string} ${code(id)}` : code(id))), ', ');
  const more = g.ids.length - Math.min(g.ids.length, SAMPLE_PER_REASON);
  return more > 0 ? t(m`${shown} …另有 ${more} 个（导出 CSV 查看全部）`, m`${shown} …and ${more} more (Export CSV for all)`) : t(shown, shown);
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A long failure list, grouped by reason: one panel per reason, biggest first, titled with how many
 * ("❌ 2,970 people · Not a valid user ID"), holding the hint and the first few ids; the CSV export has the
 * full list. `noun` names what is counted ("人" / "people").
 */
export function reasonPanels(groups: ReasonGroup[], noun: (n: number) => Text, icon = '❌'): Element[] {
  const sorted = groups.filter((g) => g.ids.length > 0).sort((a, b) => b.ids.length - a.ids.length);
  const shown = sorted.length > MAX_REASONS ? sorted.slice(0, MAX_REASONS - 1) : sorted;
  const rest = sorted.slice(shown.length);
  const panels = shown.map((g) => {
    const n = g.ids.length;
    const what = noun(n);
    return panel(t(m`${icon} **${count(n)}** ${what.zh_cn} · ${g.reason.zh_cn}`, m`${icon} **${count(n)}** ${what.en_us} · ${g.reason.en_us}`), [
      ...(g.hint ? [md(t(`怎么办：${g.hint.zh_cn}`, `What to do: ${g.hint.en_us}`), { text_size: 'notation' })] : []),
      md(sample(g)),
    ], sorted.length === 1 && n <= SAMPLE_PER_REASON);
  });
  if (rest.length > 0) {
    const n = rest.reduce((a, g) => a + g.ids.length, 0);
    const what = noun(n);
    panels.push(panel(t(m`${icon} **${count(n)}** ${what.zh_cn} · 其他 ${rest.length} 种原因`, m`${icon} **${count(n)}** ${what.en_us} · ${rest.length} other reasons`), [
      md(t(linesMd(rest.map((g) => m`- ${g.reason.zh_cn}：${count(g.ids.length)}`)), linesMd(rest.map((g) => m`- ${g.reason.en_us}: ${count(g.ids.length)}`)))),
      md(t('导出 CSV 查看全部。', 'Export CSV for the full list.'), { text_size: 'notation' }),
    ]));
  }
  return panels;
}

/** On the final card of a batch that was interrupted by a restart of the bot and finished afterwards. */
export function resumedNote(times: number): Element {
  return md(t(
    times === 1 ? '🔁 机器人重启后已自动继续执行这个批次（已完成的部分没有重复发送）' : `🔁 机器人重启后已自动继续执行这个批次（共继续 ${times} 次；已完成的部分没有重复发送）`,
    times === 1 ? '🔁 Resumed after a restart of the bot (the parts already done were not sent again)' : `🔁 Resumed after a restart of the bot (${times} times; the parts already done were not sent again)`,
  ), { text_size: 'notation' });
}

/** Below the progress of a batch the bot stopped during (a restart): the rest runs when it is back. */
export function pausedNote(): Element {
  return md(t(
    '⏸ 机器人正在重启：已完成的部分已保存，其余部分会在机器人恢复后自动继续，不会重复执行',
    '⏸ The bot is restarting: what is done is saved, and the rest continues by itself once the bot is back (nothing runs twice)',
  ), { text_size: 'notation' });
}

/** A card with one more element at the end of its body. */
export const withNote = (c: Card, note: Element): Card => ({ ...c, body: { ...c.body, elements: [...c.body.elements, note] } });
