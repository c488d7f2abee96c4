import { z } from 'zod';
import { previewCard, statusListCard, unknownStatusCard, type StatusRow } from './cards.js';
import type { CommandContext } from '../../framework/context.js';
import { saveJob } from '../../batch/jobs.js';
import { t } from '../../cards-kit/i18n.js';
import { ArgError } from '../../framework/parseArgs.js';
import { defineCommand, zmsg, type CommandDef } from '../../framework/command.js';
import { adminOnly, groupOnly } from '../../framework/preconditions.js';
import { showIfQueued } from '../../framework/queued.js';
import { cancelAction, confirmAction, statusResultCard } from './actions.js';
import { listStatuses, resolveStatus, type SystemStatus } from './catalog.js';
import { executeJob, newStatusJob } from './execute.js';
import { endText } from './resultView.js';
import type { StatusOp } from './job.js';
import { addNames } from './names.js';
import { resolveTargets } from './targets.js';
import { parseUntil, rejoinUntil, UNTIL_FORMATS, UNTIL_FORMATS_ZH } from './until.js';

/** Batches larger than this wait for an admin to confirm a preview. */
export const PREVIEW_THRESHOLD = 200;
const SAMPLE = 10;

export const statusRows = (all: SystemStatus[]): StatusRow[] =>
  all.map((s) => ({ id: s.id, title: s.title, zh_cn: s.i18n.zh_cn, en_us: s.i18n.en_us, priority: s.priority }));

const statusArg = z.string({ error: zmsg('缺少系统状态：请填写名称或 ID（/status list 可查看）', 'is missing: give a system status title or ID (see /status list)') }).min(1);
/** The arguments open and close share; open adds --until. */
const targetArgs = { status: statusArg, targets: z.array(z.string()).default([]), chat: z.boolean().default(false) };

const positionals = [
  { name: 'status', help: t('系统状态的名称或 ID，如 出差', 'The system status title or ID, e.g. "On business trip"') },
  { name: 'targets', help: t('@成员 或 open_id，可多个', '@mentions or open_ids, any number'), variadic: true, optional: true },
];
const chatFlag = {
  name: 'chat',
  kind: 'boolean' as const,
  help: t('当前群的所有成员', 'Every member of the current chat'),
  requires: [groupOnly(t(
    '只能在群聊里使用（它表示当前群的所有成员）；在单聊或菜单里请改为 @ 成员或填写 open_id',
    'only works in a group chat (it means every member of that chat); here, @mention the people or give their open_ids instead',
  ))],
};

async function runOp(ctx: CommandContext, op: StatusOp, args: { status: string; targets: string[]; chat: boolean; until?: string }): Promise<void> {
  const { services } = ctx;
  const tz = services.config.BOT_TIMEZONE;
  const joined = rejoinUntil(args.until, args.targets);
  let endSec: number | undefined;
  if (op === 'open') {
    const until = parseUntil(joined.until, services.clock.now(), tz);
    if (!until.ok) throw new ArgError('--until', until.problem);
    endSec = Math.floor(until.endMs / 1000);
  }
  const { status, all } = await resolveStatus(services, args.status);
  if (!status) {
    await ctx.show(unknownStatusCard(args.status, statusRows(all)));
    return;
  }
  const { people, names } = await resolveTargets(ctx, joined.targets, args.chat);
  const statusTitle = status.title;
  const job = newStatusJob(services, { op, purpose: 'run', statusId: status.id, statusTitle, endSec, people, names }, ctx.actor.openId, ctx.chatId);
  if (people.length > PREVIEW_THRESHOLD) {
    job.meta = { state: 'preview' };
    const sample = people.slice(0, SAMPLE);
    await addNames(services, job.input, sample);
    // Durable like any job: Confirm works once, from whichever process gets the click, also after a restart.
    job.state = 'previewed';
    await saveJob(services.store, job);
    await ctx.show(previewCard(
      { op, statusTitle, count: people.length, sample, names: job.input.names, namesUnavailable: job.input.namesUnavailable, endText: endText(job, tz), ranBy: ctx.actor.openId },
      { confirm: confirmAction.value(ctx.buttons, job.id), cancel: cancelAction.value(ctx.buttons, job.id) },
    ));
    job.messageId = ctx.surface.messageId;
    await saveJob(services.store, job);
    return;
  }
  // Behind another batch's calls, the first chunk may wait for the rate window: say so before "0 / N".
  await showIfQueued(ctx, [op === 'open' ? 'personal_settings.system_status.batch_open' : 'personal_settings.system_status.batch_close']);
  await executeJob(services, ctx.surface, job, (j) => statusResultCard(ctx.buttons, tz, j));
}

export const statusListCommand: CommandDef = defineCommand({
  name: 'status list',
  menuKey: 'status_list',
  aliases: ['status ls', '状态列表'],
  preconditions: [adminOnly],
  summary: t('列出本租户的系统状态', "List the tenant's system statuses"),
  positionals: [],
  flags: [],
  args: z.object({}),
  examples: ['/status list'],
  async run(ctx) {
    await showIfQueued(ctx, ['personal_settings.system_status.list']);
    await ctx.show(statusListCard(statusRows(await listStatuses(ctx.services, true))));
  },
});

const opArgs = z.object({ ...targetArgs, until: z.string().optional() });

/** open and close take the same arguments (close has no --until) and run the same way. */
function opCommand(op: StatusOp, spec: Pick<CommandDef, 'aliases' | 'summary' | 'flags' | 'examples'>): CommandDef {
  return defineCommand({ name: `status ${op}`, preconditions: [adminOnly], positionals, args: op === 'open' ? opArgs : z.object(targetArgs), ...spec, run: (ctx, args: z.output<typeof opArgs>) => runOp(ctx, op, args) });
}

export const statusOpenCommand = opCommand('open', {
  aliases: ['status on', '开启状态'],
  summary: t('为多人开启系统状态', 'Turn a system status on for many people'),
  flags: [
    chatFlag,
    { name: 'until', kind: 'value', help: t(`结束时间（${UNTIL_FORMATS_ZH}），默认今天结束`, `End time (${UNTIL_FORMATS}); default: end of today`) },
  ],
  examples: ['/status open 出差 @Ann @Ming --until 3d', '/status open "On leave" --chat --until "tomorrow 09:00"', '/status open 7101214603622940001 ou_xxx --until 2026-12-01'],
});

export const statusCloseCommand = opCommand('close', {
  aliases: ['status off', '关闭状态'],
  summary: t('为多人关闭系统状态', 'Turn a system status off for many people'),
  flags: [chatFlag],
  examples: ['/status close 出差 @Ann @Ming', '/status close "On leave" --chat'],
});
