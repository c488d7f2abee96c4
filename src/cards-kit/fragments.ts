import { t, type RichText, type Text } from './i18n.js';
import { card, md, type Card, type Element } from './kit.js';
import { code, joinMd, literalCode, m } from './markdown.js';

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
