import { t } from './i18n.js';
import { card, md, type Card } from './kit.js';
import { code, m } from './markdown.js';
import type { RateWindow } from '../upstream/limits.js';

const per = (w: RateWindow) => {
  if (w.windowMs === 60_000) return { zh: `每分钟 ${w.limit} 次`, en: `${w.limit} a minute` };
  if (w.windowMs === 1000) return { zh: `每秒 ${w.limit} 次`, en: `${w.limit} a second` };
  return { zh: `每 ${w.windowMs / 1000} 秒 ${w.limit} 次`, en: `${w.limit} per ${w.windowMs / 1000} s` };
};

/**
 * Shown at once when a command's first call must wait for its rate window: that it is queued, about how
 * long, and why. The result replaces it on the same card.
 */
export function queuedCard(seconds: number, api: string, windows: readonly RateWindow[]): Card {
  const limits = windows.map(per);
  const zhLimit = limits.length > 0 ? `：${limits.map((l) => l.zh).join('，')}` : '';
  const enLimit = limits.length > 0 ? `: ${limits.map((l) => l.en).join(' and ')}` : '';
  const title = t(`排队中：约 ${seconds} 秒`, `Queued: about ${seconds} s`);
  return card({
    title,
    template: 'grey',
    tag: { text: t('排队中', 'Queued'), color: 'neutral' },
    summary: title,
    elements: [
      md(t(m`排队中：约 **${seconds}** 秒（${code(api)} 的频率限制${zhLimit}）。`, m`Queued: about **${seconds}** s (rate limit of ${code(api)}${enLimit}).`)),
      md(t('不用重发命令：轮到时会自动执行，结果会显示在这张卡片上。', 'No need to send it again: it runs when its turn comes, and the result replaces this card.'), { text_size: 'notation' }),
    ],
  });
}
