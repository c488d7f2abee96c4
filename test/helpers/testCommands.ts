import { z } from 'zod';
import { infoCard } from '../../src/cards-kit/common.js';
import { md } from '../../src/cards-kit/kit.js';
import { ActionRegistry, defineAction } from '../../src/framework/action.js';
import { UserError } from '../../src/framework/userError.js';
import { helpCommand } from '../../src/features/help/command.js';
import { CommandRegistry } from '../../src/framework/registry.js';
import { defineCommand, zmsg } from '../../src/framework/command.js';
import { t } from '../../src/cards-kit/i18n.js';

const h = t('测试', 'test');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the test commands saw, in the order they ran (per-chat ordering tests read it). */
export const ran: Array<{ command: string; arg: string; at: number; phase: 'start' | 'end' }> = [];

/**
 * A registry of test-only commands exercising the framework: argument kinds, an admin-only command,
 * a slow command, a failing one. Tests pass it to startHarness({ commands: testCommands() }).
 */
export function testCommands(): CommandRegistry {
  const registry = new CommandRegistry();
  registry.add(helpCommand(registry));
  registry.add(defineCommand({
    name: 'echo',
    aliases: ['say'],
    role: 'member',
    summary: t('原样回显参数', 'Echo the arguments'),
    positionals: [{ name: 'first', help: h }, { name: 'rest', help: h, variadic: true, optional: true }],
    flags: [
      { name: 'times', short: 'n', kind: 'value', help: h },
      { name: 'loud', short: 'l', kind: 'boolean', help: h },
      { name: 'tag', kind: 'value', repeat: true, help: h },
    ],
    args: z.object({
      first: z.string(),
      rest: z.array(z.string()).default([]),
      times: z.coerce.number({ error: zmsg('必须是数字', 'must be a number') }).int().min(1, zmsg('至少为 1', 'must be at least 1')).default(1),
      loud: z.boolean().default(false),
      tag: z.array(z.string()).default([]),
    }),
    examples: ['/echo hello --times 2'],
    async run(ctx, args) {
      const names = Object.entries(ctx.mentionNames).map(([id, n]) => `${id}=${n}`).join(',');
      const line = `first=${args.first} rest=${args.rest.join('|')} times=${args.times} loud=${args.loud} tags=${args.tag.join('|')} names=${names}`;
      await ctx.reply.card(infoCard(t('回显', 'Echo'), [t(line, line)]));
    },
  }));
  registry.add(defineCommand({
    name: 'admin only',
    role: 'admin',
    summary: t('管理员测试命令', 'Admin test command'),
    positionals: [],
    flags: [],
    args: z.object({}),
    examples: ['/admin only'],
    async run(ctx) {
      await ctx.reply.card(infoCard(t('已执行', 'Done'), [t('管理员命令已执行', 'admin command ran')]));
    },
  }));
  registry.add(defineCommand({
    name: 'slow',
    role: 'member',
    summary: t('慢命令', 'Slow command'),
    positionals: [{ name: 'ms', help: h }, { name: 'label', help: h, optional: true }],
    flags: [],
    args: z.object({ ms: z.coerce.number().int().min(0), label: z.string().default('') }),
    examples: ['/slow 100 a'],
    async run(ctx, args) {
      ran.push({ command: 'slow', arg: args.label, at: Date.now(), phase: 'start' });
      await sleep(args.ms);
      ran.push({ command: 'slow', arg: args.label, at: Date.now(), phase: 'end' });
      await ctx.reply.card(infoCard(t('完成', 'Finished'), [t(`完成 ${args.label}`, `finished ${args.label}`)]));
    },
  }));
  registry.add(defineCommand({
    name: 'boom',
    role: 'member',
    summary: t('总是失败', 'Always fails'),
    positionals: [],
    flags: [],
    args: z.object({}),
    examples: ['/boom'],
    async run() {
      throw new Error('kaboom: internal detail that must not reach the user');
    },
  }));
  registry.add(defineCommand({
    name: 'oops',
    role: 'member',
    summary: t('用户错误', 'A user error'),
    positionals: [],
    flags: [],
    args: z.object({}),
    examples: ['/oops'],
    async run() {
      throw new UserError(t('列表是空的', 'The list is empty'), t('先添加一项', 'Add an item first'));
    },
  }));
  return registry;
}

/** Test-only card actions: one for admins, one for everyone, a slow one and a failing one. */
export function testActions(): ActionRegistry {
  return new ActionRegistry()
    .add(defineAction({
      name: 'test.admin',
      role: 'admin',
      async run(ctx) {
        return { toast: { type: 'success', text: t(`已处理 ${ctx.ref}`, `Handled ${ctx.ref}`) } };
      },
    }))
    .add(defineAction({
      name: 'test.member',
      role: 'member',
      async run(ctx) {
        return { card: infoCard(t('已点击', 'Clicked'), [t(`引用 ${ctx.ref} 附加 ${JSON.stringify(ctx.extra)}`, `ref ${ctx.ref} extra ${JSON.stringify(ctx.extra)}`)]) };
      },
    }))
    .add(defineAction({
      name: 'test.slow',
      role: 'member',
      async run(ctx) {
        await sleep(Number(ctx.ref));
        return { toast: { type: 'success', text: t('完成', 'Done') }, card: infoCard(t('慢操作完成', 'Slow action finished'), [], 'green', [md(t('结果', 'result'))]) };
      },
    }))
    .add(defineAction({
      name: 'test.selfUpdating',
      role: 'member',
      async run(ctx) {
        await ctx.update(infoCard(t('进行中', 'In progress (own card)'), []));
        await sleep(Number(ctx.ref));
        return { toast: { type: 'success', text: t('完成', 'Done') } };
      },
    }))
    .add(defineAction({
      name: 'test.fail',
      role: 'member',
      async run() {
        throw new Error('action exploded');
      },
    }));
}
