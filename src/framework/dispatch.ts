import { argErrorCard, refusedCard, unknownCommandCard } from '../cards-kit/common.js';
import { t, type Text } from '../cards-kit/i18n.js';
import { ArgError, parseArgs, type RawArgs } from './parseArgs.js';
import type { CommandRegistry } from './registry.js';
import { tokenize, TokenizeError } from './tokenize.js';
import { splitMessage, usageOf, type CommandDef } from './command.js';
import type { CommandContext } from './context.js';
import { cardForError, isBug } from './errorCards.js';
import { checkAll } from './preconditions.js';
import { isUpstreamError } from '../upstream/errors.js';

function firstIssue(def: CommandDef, raw: RawArgs, error: { issues: Array<{ path: PropertyKey[]; message: string }> }): ArgError {
  const issue = error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const flag = def.flags.find((f) => f.name === key);
  const name = flag ? `--${flag.name}` : key ? `<${key}>` : def.name;
  const declared = flag !== undefined || def.positionals.some((p) => p.name === key);
  const absent = raw[key] === undefined || (Array.isArray(raw[key]) && raw[key].length === 0);
  // zod's own "expected string, received undefined" means nothing to a user: say it is missing.
  const isOwnMessage = issue?.message.includes(' ¦ ') ?? false;
  if (declared && absent && !isOwnMessage) return new ArgError(name, t('缺失，需要提供', 'is missing'));
  return new ArgError(name, splitMessage(issue?.message ?? 'is invalid'));
}

/** The first refused flag requirement among the flags given (`--chat` outside a group…), as an argument error. */
async function flagRefusal(def: CommandDef, raw: RawArgs, ctx: CommandContext): Promise<ArgError | undefined> {
  for (const flag of def.flags) {
    if (!flag.requires || raw[flag.name] === undefined) continue;
    const verdict = await checkAll(flag.requires, ctx);
    if (!verdict.ok) return new ArgError(`--${flag.name}`, verdict.reason);
  }
  return undefined;
}

const sameLine = (a: string): string => a.replace(/^\//, '').replace(/[\s\u3000]+/g, ' ').trim().toLowerCase();

/**
 * The first declared example that is not what was just typed (showing the failed line back teaches nothing)
 * nor already given by the problem's own "e.g." (said twice is noise); the usage when none is left.
 */
export function exampleFor(def: CommandDef, typed: string, problem?: Text): string {
  const inProblem = (e: string) => problem !== undefined && [problem.zh_cn, problem.en_us].some((p) => sameLine(p).includes(sameLine(e)));
  return def.examples.find((e) => sameLine(e) !== sameLine(typed) && !inProblem(e)) ?? usageOf(def);
}

/**
 * Runs one command line (already stripped of the slash and the bot mention) for the context's actor:
 * lookup, preconditions, parsing, typed args, flag requirements, the handler; every failure becomes a card.
 */
export async function dispatch(registry: CommandRegistry, ctx: CommandContext, line: string): Promise<void> {
  let words: string[];
  try {
    words = tokenize(line);
  } catch (e) {
    const q = e instanceof TokenizeError ? e.closing : '"';
    const problem = t(`的引号没有闭合：请在末尾补上 ${q}，或去掉开头的引号`, `has an unclosed quote: add the closing ${q} or remove the opening one`);
    ctx.services.metrics.command('unknown', 'bad_args');
    await ctx.show(argErrorCard('', line.slice(0, 40), problem, '/help', '/help'));
    return;
  }
  if (words.length === 0) words = ['help'];
  const match = registry.find(words);
  if (!match) {
    ctx.services.metrics.command('unknown', 'unknown');
    await ctx.show(unknownCommandCard(words.slice(0, 2).join(' '), registry.suggest(words)));
    return;
  }
  const { def } = match;
  const verdict = await checkAll(def.preconditions, ctx);
  if (!verdict.ok) {
    ctx.services.metrics.command(def.name, verdict.card ? 'refused' : 'not_allowed');
    await ctx.show(verdict.card ?? refusedCard(`/${def.name}`, verdict.reason));
    return;
  }
  try {
    const raw = parseArgs(match.rest, def.positionals, def.flags);
    const parsed = def.args.safeParse(raw);
    if (!parsed.success) throw firstIssue(def, raw, parsed.error);
    const refused = await flagRefusal(def, raw, ctx);
    if (refused) throw refused;
    await def.run(ctx, parsed.data);
    ctx.services.metrics.command(def.name, 'ok');
  } catch (err) {
    ctx.services.metrics.command(def.name, err instanceof ArgError ? 'bad_args' : isUpstreamError(err) ? 'upstream_error' : isBug(err) ? 'failed' : 'refused');
    if (err instanceof ArgError) {
      await ctx.show(argErrorCard(def.name, err.arg, err.problem, usageOf(def), exampleFor(def, line, err.problem)));
      return;
    }
    const log = ctx.services.log.child({ requestId: ctx.requestId, command: def.name });
    if (isBug(err)) log.error({ err }, 'command failed');
    else log.warn({ err: String(err) }, 'command refused or upstream error');
    await ctx.show(cardForError(err, ctx.requestId));
  }
}
