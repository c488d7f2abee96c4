import { t, type RichText, type Text } from './i18n.js';
import { card, hr, md, type Card, type Element } from './kit.js';
import { joinMd, literalCode, m } from './markdown.js';

/** Lines and footer are markdown slots: plain strings in them are shown as typed (markdown.ts). */
export function errorCard(title: Text, lines: RichText[], footer?: RichText): Card {
  return card({
    title,
    template: 'red',
    summary: title,
    elements: [...lines.map((l) => md(l)), ...(footer ? [hr(), md(footer, { text_size: 'notation' })] : [])],
  });
}

export function infoCard(title: Text, lines: RichText[], template: 'blue' | 'wathet' | 'green' | 'orange' = 'blue', extra: Element[] = []): Card {
  return card({ title, template, summary: title, elements: [...lines.map((l) => md(l)), ...extra] });
}

/** A wrong argument: names the argument, the problem and a correct example. */
export function argErrorCard(command: string, arg: string, problem: Text, usage: string, example: string): Card {
  // The title is plain text (shown as is); the lines are markdown, where the argument and the problem are data.
  const a = arg.trim(); // bold cannot end in a space
  return errorCard(t(`参数有误：${arg}`, `Wrong argument: ${arg}`), [
    t(m`**${a}** ${problem.zh_cn}`, m`**${a}** ${problem.en_us}`),
    t(m`用法：${literalCode(usage)}`, m`Usage: ${literalCode(usage)}`),
    t(m`示例：${literalCode(example)}`, m`Example: ${literalCode(example)}`),
  ], command
    ? t(`发送 /help ${command} 查看完整说明`, `Send /help ${command} for the full reference`)
    // A line that could not be read names no command.
    : t('发送 /help 查看所有命令。', 'Send /help for every command.'));
}

export function refusedCard(what: string, reason: Text): Card {
  return errorCard(t('没有权限', 'Not allowed'), [
    t(m`你不能执行 **${what}**：${reason.zh_cn}`, m`You cannot run **${what}**: ${reason.en_us}`),
    t('如需执行，请联系机器人管理员；发送 /help 查看你可以使用的命令。', 'Ask a bot admin to do it for you, or send /help to see the commands you can use.'),
  ]);
}

export function unknownCommandCard(input: string, suggestions: string[]): Card {
  const list = joinMd(suggestions.map((s) => literalCode(`/${s}`)), ' · ');
  // `/status` alone: the first word of a command group, missing its second word.
  const group = suggestions.length > 0 && suggestions.every((s) => s.startsWith(`${input.toLowerCase()} `));
  if (group) {
    const title = t('命令不完整', 'Incomplete command');
    return card({ title, template: 'orange', summary: title, elements: [
      md(t(m`**/${input}** 后面还需要一个词：${list}`, m`**/${input}** needs one more word: ${list}`)),
      md(t(`发送 /help ${input} 查看每个命令的用法。`, `Send /help ${input} to see what each one does.`)),
    ] });
  }
  const lines: RichText[] = [t(m`没有 **/${input}** 这个命令。`, m`There is no **/${input}** command.`)];
  if (suggestions.length > 0) lines.push(t(m`你是不是想输入：${list}`, m`Did you mean: ${list}`));
  lines.push(t('发送 /help 查看所有命令。', 'Send /help for every command.'));
  return card({ title: t('未知命令', 'Unknown command'), template: 'orange', summary: t('未知命令', 'Unknown command'), elements: lines.map((l) => md(l)) });
}

/** Shown in a direct chat for a message that is not a command. */
export function hintCard(): Card {
  return infoCard(t('我能帮你做什么？', 'What can I do for you?'), [
    t(m`我只理解以 / 开头的命令，例如 \`/okr\` 或 \`/help\`。`, m`I understand commands that start with /, such as \`/okr\` or \`/help\`.`),
    t(m`发送 **/help** 查看全部命令。`, m`Send **/help** to see every command.`),
  ], 'wathet');
}

export function upstreamErrorCard(api: string, errCode: number | string, msg: string, logId: string | undefined, help?: { meaning: Text; action: Text }): Card {
  const lines: RichText[] = [
    t(m`调用 **${api}** 失败，错误码 **${String(errCode)}**：${msg}`, m`**${api}** failed with code **${String(errCode)}**: ${msg}`),
  ];
  if (help) {
    lines.push(t(`原因：${help.meaning.zh_cn}`, `What it means: ${help.meaning.en_us}`));
    lines.push(t(`怎么办：${help.action.zh_cn}`, `What to do: ${help.action.en_us}`));
  }
  return errorCard(t('平台返回错误', 'The platform returned an error'), lines, logId ? t(`日志 ID：${logId}`, `Log ID: ${logId}`) : undefined);
}

export function internalErrorCard(requestId: string): Card {
  return errorCard(t('出错了', 'Something went wrong'), [
    t('处理这条命令时发生了意外错误，操作可能没有完成。', 'An unexpected error happened while handling this command; it may not have completed.'),
    t('请稍后重试；如果问题持续，请把下面的编号告诉维护者。', 'Please try again later; if it keeps happening, give the reference below to the maintainers.'),
  ], t(`编号：${requestId}`, `Reference: ${requestId}`));
}

/** Put in place of a clicked card while its action runs longer than the callback may wait. */
export function workingCard(text: Text): Card {
  return infoCard(t('处理中…', 'Working…'), [text], 'wathet');
}
