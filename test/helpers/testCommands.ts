import { z } from 'zod';
import { infoCard } from '../../src/cards-kit/common.js';
import { md } from '../../src/cards-kit/kit.js';
import { defineAction } from '../../src/framework/action.js';
import { defineFeature } from '../../src/framework/feature.js';
import { adminOnly } from '../../src/framework/preconditions.js';
import { UserError } from '../../src/framework/userError.js';
import { defineCommand, zmsg } from '../../src/framework/command.js';
import { t } from '../../src/cards-kit/i18n.js';

const h = t('测试', 'test');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the test commands saw, in the order they ran (per-chat ordering tests read it). */
export const ran: Array<{ command: string; arg: string; at: number; phase: 'start' | 'end' }> = [];

/** Test-only commands exercising the framework: argument kinds, an admin-only command, a slow command, a failing one. */
const commands = [
  defineCommand({
    name: 'echo',
    aliases: ['say'],
    preconditions: [],
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
      await ctx.show(infoCard(t('回显', 'Echo'), [t(line, line)]));
    },
  }),
  defineCommand({
    name: 'admin only',
    preconditions: [adminOnly],
    summary: t('管理员测试命令', 'Admin test command'),
    positionals: [],
    flags: [],
    args: z.object({}),
    examples: ['/admin only'],
    async run(ctx) {
      await ctx.show(infoCard(t('已执行', 'Done'), [t('管理员命令已执行', 'admin command ran')]));
    },
  }),
  defineCommand({
    name: 'slow',
    preconditions: [],
    summary: t('慢命令', 'Slow command'),
    positionals: [{ name: 'ms', help: h }, { name: 'label', help: h, optional: true }],
    flags: [],
    args: z.object({ ms: z.coerce.number().int().min(0), label: z.string().default('') }),
    examples: ['/slow 100 a'],
    async run(ctx, args) {
      ran.push({ command: 'slow', arg: args.label, at: Date.now(), phase: 'start' });
      await sleep(args.ms);
      ran.push({ command: 'slow', arg: args.label, at: Date.now(), phase: 'end' });
      await ctx.show(infoCard(t('完成', 'Finished'), [t(`完成 ${args.label}`, `finished ${args.label}`)]));
    },
  }),
  defineCommand({
    name: 'boom',
    preconditions: [],
    summary: t('总是失败', 'Always fails'),
    positionals: [],
    flags: [],
    args: z.object({}),
    examples: ['/boom'],
    async run() {
      throw new Error('kaboom: internal detail that must not reach the user');
    },
  }),
  defineCommand({
    name: 'oops',
    preconditions: [],
    summary: t('用户错误', 'A user error'),
    positionals: [],
    flags: [],
    args: z.object({}),
    examples: ['/oops'],
    async run() {
      throw new UserError(t('列表是空的', 'The list is empty'), t('先添加一项', 'Add an item first'));
    },
  }),
];

/** Test-only card actions: one for admins, one for everyone, a slow one and a failing one. */
const actions = [
  defineAction({
    name: 'test.admin',
    preconditions: [adminOnly],
    async run(ctx) {
      return { toast: { type: 'success', text: t(`已处理 ${ctx.ref}`, `Handled ${ctx.ref}`) } };
    },
  }),
  defineAction({
    name: 'test.member',
    extra: z.object({ page: z.number().int().optional() }),
    preconditions: [],
    async run(ctx) {
      return { card: infoCard(t('已点击', 'Clicked'), [t(`引用 ${ctx.ref} 附加 ${JSON.stringify(ctx.extra)}`, `ref ${ctx.ref} extra ${JSON.stringify(ctx.extra)}`)]) };
    },
  }),
  defineAction({
    name: 'test.slow',
    preconditions: [],
    async run(ctx) {
      await sleep(Number(ctx.ref));
      return { toast: { type: 'success', text: t('完成', 'Done') }, card: infoCard(t('慢操作完成', 'Slow action finished'), [], 'green', [md(t('结果', 'result'))]) };
    },
  }),
  defineAction({
    name: 'test.selfUpdating',
    preconditions: [],
    async run(ctx) {
      await ctx.show(infoCard(t('进行中', 'In progress (own card)'), []));
      await sleep(Number(ctx.ref));
      return { toast: { type: 'success', text: t('完成', 'Done') } };
    },
  }),
  defineAction({
    name: 'test.fail',
    preconditions: [],
    async run() {
      throw new Error('action exploded');
    },
  }),
];

/**
 * The framework's test bed, registered like any feature: tests run the real app with it alone,
 * startHarness({ features: [testFeature] }) (plus /help and the welcome card, which are always there).
 */
export const testFeature = defineFeature({ name: 'test', commands, actions });
