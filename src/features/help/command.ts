import { z } from 'zod';
import { helpCommandCard, helpListCard, type HelpEntry } from './card.js';
import { t, type RichText } from '../../cards-kit/i18n.js';
import { joinMd, literalCode, m } from '../../cards-kit/markdown.js';
import { UserError } from '../../framework/userError.js';
import type { CommandRegistry } from '../../framework/registry.js';
import { defineCommand, usageOf, type CommandDef } from '../../framework/command.js';
import { needsAdmin } from '../../framework/preconditions.js';

export function helpEntry(def: CommandDef): HelpEntry {
  return {
    name: def.name,
    aliases: def.aliases ?? [],
    usage: usageOf(def),
    summary: def.summary,
    adminOnly: needsAdmin(def.preconditions),
    examples: def.examples,
    args: [
      ...def.positionals.map((p) => ({ name: p.variadic ? `${p.name}…` : p.name, help: p.help })),
      ...def.flags.map((f) => ({ name: `--${f.name}${f.short ? ` / -${f.short}` : ''}`, help: f.help })),
    ],
  };
}

export function helpCommand(registry: CommandRegistry): CommandDef {
  return defineCommand({
    name: 'help',
    menuKey: 'help',
    aliases: ['h', '帮助'],
    preconditions: [],
    summary: t('命令列表，或某个命令的用法', 'Every command, or one command’s usage'),
    positionals: [{ name: 'command', help: t('要查看的命令，如 status open', 'The command to explain, e.g. status open'), variadic: true, optional: true }],
    flags: [],
    args: z.object({ command: z.array(z.string()).default([]) }),
    examples: ['/help', '/help status open'],
    async run(ctx, args) {
      if (args.command.length === 0) {
        await ctx.show(helpListCard(registry.all.map(helpEntry), ctx.actor.isAdmin));
        return;
      }
      const words = args.command.map((w) => w.replace(/^[/／]/, ''));
      const match = registry.find(words);
      if (match) {
        await ctx.show(helpCommandCard(helpEntry(match.def)));
        return;
      }
      const group = registry.all.filter((d) => d.name.split(' ')[0] === words[0]?.toLowerCase());
      if (group.length > 0) {
        await ctx.show(helpListCard(group.map(helpEntry), ctx.actor.isAdmin));
        return;
      }
      const suggestions = registry.suggest(words);
      throw new UserError(
        t(`没有 /${words.join(' ')} 这个命令`, `There is no /${words.join(' ')} command`),
        helpHint(suggestions),
      );
    },
  });
}

/** What to send next after `/help <typo>`: the help of the close commands, else the full list. */
function helpHint(suggestions: string[]): RichText {
  const all = t('发送 /help 查看所有命令。', 'Send /help for every command.');
  if (suggestions.length === 0) return all;
  const list = joinMd(suggestions.map((s) => literalCode(`/help ${s}`)), ' · ');
  return t(m`你是不是想查：${list}\n${all.zh_cn}`, m`Did you mean: ${list}\n${all.en_us}`);
}
