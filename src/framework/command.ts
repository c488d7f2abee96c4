import type { z } from 'zod';
import type { Text } from '../cards-kit/i18n.js';
import type { CommandContext } from './context.js';
import type { Precondition } from './preconditions.js';

export interface FlagSpec {
  /** Long name without dashes, e.g. `until`. It is also the key in the parsed args. */
  name: string;
  short?: string;
  /** `value` flags take the next word (or `=value`); `boolean` flags take none. */
  kind: 'value' | 'boolean';
  /** Repeatable value flags collect an array (e.g. `--item` given several times). */
  repeat?: boolean;
  help: Text;
  /** Checked when the flag is given (e.g. `--chat` needs a group); a refusal reads as an error of the flag. */
  requires?: ReadonlyArray<Precondition<CommandContext>>;
}

export interface PositionalSpec {
  name: string;
  help: Text;
  /** The last positional may take every remaining word as an array. */
  variadic?: boolean;
  optional?: boolean;
}

/** One declaration drives the parser, the typed handler args, /help and "did you mean". */
export interface CommandDef<S extends z.ZodType = z.ZodType> {
  /** Words that invoke it, e.g. `status open`. */
  name: string;
  aliases?: string[];
  /** Checked before the arguments are read, on every run (`adminOnly`…); /help derives "admins only" from them. */
  preconditions: ReadonlyArray<Precondition<CommandContext>>;
  summary: Text;
  positionals: PositionalSpec[];
  flags: FlagSpec[];
  args: S;
  examples: string[];
  /** A hand-written usage line, when the generated one would mislead (a required flag, one flag of two). */
  usage?: string;
  /** The bot-menu key that runs this command (Feishu allows 1–30 characters), e.g. `status_list`. */
  menuKey?: string;
  run(ctx: CommandContext, args: z.output<S>): Promise<void>;
}

export function defineCommand<S extends z.ZodType>(def: CommandDef<S>): CommandDef {
  return def as unknown as CommandDef;
}

/** Usage line built from the declaration, e.g. `/status open <status> <targets…> [--until <time>]`. */
export function usageOf(def: CommandDef): string {
  if (def.usage) return def.usage;
  const pos = def.positionals.map((p) => {
    const inner = `${p.name}${p.variadic ? '…' : ''}`;
    return p.optional ? `[${inner}]` : `<${inner}>`;
  });
  const flags = def.flags.map((f) => `[--${f.name}${f.kind === 'value' ? ` <${f.name}>` : ''}]`);
  return ['/' + def.name, ...pos, ...flags].join(' ');
}

const SEP = ' ¦ ';

/** A zod issue message in both languages (zod messages are plain strings). */
export const zmsg = (zh_cn: string, en_us: string): string => `${zh_cn}${SEP}${en_us}`;

export function splitMessage(message: string): Text {
  const i = message.indexOf(SEP);
  return i < 0 ? { zh_cn: message, en_us: message } : { zh_cn: message.slice(0, i), en_us: message.slice(i + SEP.length) };
}
