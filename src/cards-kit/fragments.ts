import { t, type Text } from './i18n.js';
import { card, md, type Card } from './kit.js';

/** The platform is not configured: which environment variables to set. */
export function notConfiguredCard(platform: string, missing: string[], alternatives: Text): Card {
  const vars = missing.map((v) => `\`${v}\``).join(' · ');
  return card({
    title: t(`${platform} 尚未配置`, `${platform} is not configured`),
    template: 'orange',
    summary: t(`${platform} 尚未配置`, `${platform} is not configured`),
    elements: [
      md(t(`请在机器人的环境变量中设置：${vars}，然后重启机器人。`, `Set these environment variables for the bot, then restart it: ${vars}.`)),
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

/** A validated vendor id as inline code (ids never hold backticks; stripped anyway). */
export const code = (id: string): string => `\`${id.replace(/[`\n]/g, '')}\``;

/** Ids as a compact markdown list, at most `max` shown (the CSV export has them all). */
export function idList(ids: string[], max = 200): Text {
  const shown = ids.slice(0, max).map(code).join(', ');
  const more = ids.length - Math.min(ids.length, max);
  return more > 0 ? t(`${shown} …另有 ${more} 个（导出 CSV 查看全部）`, `${shown} …and ${more} more (Export CSV for all)`) : t(shown, shown);
}
