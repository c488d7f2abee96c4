import { t, type Text } from '../../cards-kit/i18n.js';
import { card, hr, md, table, type Card } from '../../cards-kit/kit.js';
import { joinMd, linesMd, literalCode, m } from '../../cards-kit/markdown.js';

export interface HelpEntry {
  name: string;
  aliases: string[];
  usage: string;
  summary: Text;
  adminOnly: boolean;
  examples: string[];
  args: Array<{ name: string; help: Text }>;
}

export function helpListCard(entries: HelpEntry[], viewerIsAdmin: boolean): Card {
  const rows = entries.map((e) => ({
    command: `/${e.name}`,
    who: e.adminOnly ? t('管理员', 'Admin') : t('所有人', 'Everyone'),
    what: e.summary,
  }));
  return card({
    title: t('Ops Bot 命令', 'Ops Bot commands'),
    template: 'blue',
    summary: t('命令列表', 'Command list'),
    elements: [
      table(
        [
          { name: 'command', display: t('命令', 'Command'), type: 'text' },
          { name: 'who', display: t('谁能用', 'Who'), type: 'text' },
          { name: 'what', display: t('作用', 'What it does'), type: 'text' },
        ],
        rows,
      ),
      md(viewerIsAdmin
        ? t('你是管理员，可以使用所有命令。', 'You are an admin: every command is yours.')
        : t('标为“管理员”的命令需要管理员权限。', 'Commands marked Admin need admin rights.'), { text_size: 'notation' }),
      md(t(m`发送 \`/help <命令>\` 查看用法和示例，例如 \`/help status open\`。`, m`Send \`/help <command>\` for usage and examples, e.g. \`/help status open\`.`)),
    ],
  });
}

export function helpCommandCard(e: HelpEntry): Card {
  const args = (lang: keyof Text) => linesMd(e.args.map((a) => m`- ${literalCode(a.name)} ${a.help[lang]}`));
  const examples = linesMd(e.examples.map((x) => m`- ${literalCode(x)}`));
  const aliases = joinMd(e.aliases.map((a) => `/${a}`), ' ');
  return card({
    title: t(`/${e.name}`, `/${e.name}`),
    subtitle: e.summary,
    template: 'blue',
    summary: t(`/${e.name} 用法`, `/${e.name} usage`),
    elements: [
      md(t(m`**用法** ${literalCode(e.usage)}`, m`**Usage** ${literalCode(e.usage)}`)),
      ...(e.args.length ? [md(t(m`**参数**\n${args('zh_cn')}`, m`**Arguments**\n${args('en_us')}`))] : []),
      md(t(m`**示例**\n${examples}`, m`**Examples**\n${examples}`)),
      hr(),
      md(t(
        m`${e.adminOnly ? '仅管理员可用' : '所有人可用'}${e.aliases.length ? m` · 别名：${aliases}` : ''}`,
        m`${e.adminOnly ? 'Admins only' : 'Everyone'}${e.aliases.length ? m` · Aliases: ${aliases}` : ''}`,
      ), { text_size: 'notation' }),
    ],
  });
}
