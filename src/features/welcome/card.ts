import { button, buttonRow, card, md, type Card } from '../../cards-kit/kit.js';
import { t } from '../../cards-kit/i18n.js';
import { m } from '../../cards-kit/markdown.js';

/** Welcome card with quick-start buttons (they run /help and /okr for the clicker). */
export function welcomeCard(buttons: { help: Record<string, unknown>; okr: Record<string, unknown> }): Card {
  return card({
    title: t('你好，我是 Ops Bot 👋', "Hi, I'm Ops Bot 👋"),
    template: 'blue',
    summary: t('Ops Bot 快速上手', 'Ops Bot quick start'),
    elements: [
      md(t(
        '我帮管理员批量设置飞书系统状态、查看门禁用户、更新活动与工作台数据，也帮每个人查看 OKR。\n在群里 @我 并输入命令，或在私聊中直接输入。',
        'I help admins set Feishu system statuses in bulk, list access-control users and update Jingsocial and Chengxun data, and help everyone read their OKRs.\nIn a group, @mention me with a command; in a direct chat, just type it.',
      )),
      md(t(m`常用：\`/okr\` 我的 OKR · \`/status list\` 系统状态 · \`/help\` 全部命令`, m`Try: \`/okr\` my OKRs · \`/status list\` system statuses · \`/help\` every command`)),
      buttonRow([
        button({ text: t('查看帮助', 'Show help'), value: buttons.help, type: 'primary' }),
        button({ text: t('我的 OKR', 'My OKRs'), value: buttons.okr }),
      ]),
    ],
  });
}
